"""``GET chats/reports/summary``: rows computed from the conversations of the range."""

from __future__ import annotations

import pytest
from fake_support import error, populate

from thulium_async.testing import FakeThulium

PATH = "chats/reports/summary"
MAY = {"date_from": "2024-05-01", "date_to": "2024-05-31"}
ZERO = {"min": "00:00:00", "max": "00:00:00", "sum": "00:00:00", "avg": "00:00:00"}


def answered(fake, login, start, wait, closed_after=None, **extra):
    """A chat started at ``start``: the client writes at +1 s, ``login`` replies at +``wait``."""
    day, clock = start.split(" ")
    h, m, s = (int(x) for x in clock.split(":"))

    def at(offset):
        total = h * 3600 + m * 60 + s + offset
        return f"{day} {total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"

    return fake.add_chat(
        created_at=start,
        user_login=login,
        messages=[
            {"message": "Hello", "date": at(1)},
            {"message": "Hi!", "sent_by": "USER", "date": at(wait)},
        ],
        closed=closed_after is not None,
        closed_at=None if closed_after is None else at(wait + closed_after),
        **extra,
    )


@pytest.fixture
def fake() -> FakeThulium:
    """May: jkowalski 2 chats (waits 15 s and 30 s), anowak 1, one abandoned, one empty.
    June: anowak 1 open chat in queue 4."""
    fake = populate(FakeThulium(strict=True))
    fake.add_chat_queue("BOK", chat_queue_id=3)
    fake.add_chat_queue("service", chat_queue_id=4)
    answered(fake, "jkowalski", "2024-05-01 10:00:00", 15, closed_after=60, rating=3)
    answered(fake, "jkowalski", "2024-05-01 11:00:00", 30, closed_after=60, rating=1)
    answered(fake, "anowak", "2024-05-02 09:00:00", 10, closed_after=30)
    fake.add_chat(created_at="2024-05-02 10:00:00", messages=[("CLIENT", "Anyone?")])
    fake.add_chat(created_at="2024-05-02 11:00:00")
    answered(fake, "anowak", "2024-06-01 08:00:00", 5, chat_queue_id=4)
    return fake


async def report(http, **params):
    response = await http.get(PATH, params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def test_rows_per_user_and_period_count_what_happened(api):
    response = await api.get(PATH, params={"date_from": "2024-05-01", "date_to": "2024-06-30"})
    rows = response.json()
    assert [(r["series"], r["user_name"]) for r in rows] == [
        ("2024-05", "Jan Kowalski"),
        ("2024-05", "Anna Nowak"),
        ("2024-05", None),
        ("2024-06", "Anna Nowak"),
    ]
    assert rows[0] == {
        "series": "2024-05",
        "user_name": "Jan Kowalski",
        "incoming": 2,
        "incoming_to_agent": 2,
        "incoming_including_empty": 2,
        "abandoned": 0,
        "answered": 2,
        "incoming_to_bot": 0,
        "transferred_by_bot": 0,
        "finished_by_bot": 0,
        "service_level_percent": 50,
        "chat_time": {"min": "00:01:00", "max": "00:01:00", "sum": "00:02:00", "avg": "00:01:00"},
        "wait_time": {"min": "00:00:15", "max": "00:00:30", "sum": "00:00:45", "avg": "00:00:22"},
        "sla_percent": 50,
        "rating": {
            "rate": {"sad": 1, "neutral": 0, "happy": 1},
            "satisfaction_percent": 50,
            "rated_percent": 100,
        },
    }
    nobody = rows[2]
    assert (nobody["incoming"], nobody["incoming_including_empty"]) == (1, 2)
    assert (nobody["abandoned"], nobody["answered"], nobody["incoming_to_agent"]) == (1, 0, 0)
    assert (nobody["wait_time"], nobody["chat_time"], nobody["sla_percent"]) == (ZERO, ZERO, 0)
    june = rows[3]
    assert (june["answered"], june["wait_time"]["max"], june["chat_time"]) == (1, "00:00:05", ZERO)


async def test_summed_rows_add_up_the_users(http):
    per_user = await report(http, **MAY)
    [summed] = await report(http, **MAY, sum_users="true")
    assert summed["user_name"] is None
    for column in ("incoming", "incoming_including_empty", "answered", "abandoned"):
        assert summed[column] == sum(row[column] for row in per_user)
    assert (summed["incoming"], summed["answered"], summed["abandoned"]) == (4, 3, 1)
    # within 20 s: the 15 s and 10 s replies, of 3 answered and of 4 incoming
    assert (summed["sla_percent"], summed["service_level_percent"]) == (66.67, 50)
    assert summed["wait_time"] == {
        "min": "00:00:10",
        "max": "00:00:30",
        "sum": "00:00:55",
        "avg": "00:00:18",
    }
    assert summed["rating"]["rated_percent"] == 40


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"user_logins[]": "jkowalski"}, [("2024-05", "Jan Kowalski")]),
        (
            {"user_logins[]": ["anowak", "jkowalski"]},
            [("2024-05", "Jan Kowalski"), ("2024-05", "Anna Nowak"), ("2024-06", "Anna Nowak")],
        ),
        ({"user_logins[]": "nobody"}, []),
        ({"chat_queue_ids[]": "4"}, [("2024-06", "Anna Nowak")]),
        (
            {"chat_queue_ids[]": ["3", "4"], "sum_users": "true"},
            [("2024-05", None), ("2024-06", None)],
        ),
    ],
)
async def test_user_and_queue_filters(http, params, expected):
    rows = await report(http, date_from="2024-01-01", date_to="2024-12-31", **params)
    assert [(r["series"], r["user_name"]) for r in rows] == expected


async def test_the_response_threshold_decides_the_sla(http):
    [default] = await report(http, **MAY, **{"user_logins[]": "jkowalski"})
    [lenient] = await report(http, **MAY, **{"user_logins[]": "jkowalski"}, response_threshold="30")
    [strict] = await report(http, **MAY, **{"user_logins[]": "jkowalski"}, response_threshold="0")
    assert [r["sla_percent"] for r in (default, lenient, strict)] == [50, 100, 0]


@pytest.mark.parametrize(
    ("aggregate_by", "series"),
    [
        (
            "minute",
            ["2024-05-01 10:00", "2024-05-01 11:00", "2024-05-02 09:00", "2024-05-02 10:00"],
        ),
        ("hour", ["2024-05-01 10:00", "2024-05-01 11:00", "2024-05-02 09:00", "2024-05-02 10:00"]),
        ("hour_of_day", ["09", "10", "11"]),
        ("day", ["2024-05-01", "2024-05-02"]),
        ("week", ["2024-18"]),
        ("month", ["2024-05"]),
        ("year", ["2024"]),
    ],
)
async def test_series_name_the_periods(http, aggregate_by, series):
    rows = await report(
        http, date_from="2024-05-01", date_to="2024-05-02 10:59:59", aggregate_by=aggregate_by
    )
    assert sorted({r["series"] for r in rows}) == series
    assert [r["series"] for r in rows] == sorted(r["series"] for r in rows)


@pytest.mark.parametrize(
    ("date_from", "date_to", "incoming_including_empty"),
    [
        ("2024-05-01 10:00:00", "2024-05-01 10:00:00", 1),  # bounds with seconds are inclusive
        ("2024-05-01 10:00:01", "2024-05-01 11:00", 1),  # a minute covers its 60 seconds
        ("2024-05-01 10:00", "2024-05-01 10:59:59", 1),
        ("2024-05-02", "2024-05-02", 3),  # a date covers the day
    ],
)
async def test_bounds_cover_their_own_precision(http, date_from, date_to, incoming_including_empty):
    [row] = await report(http, date_from=date_from, date_to=date_to, sum_users="true")
    assert row["incoming_including_empty"] == incoming_including_empty


async def test_rows_are_paged_without_a_count(http):
    params = {"date_from": "2024-05-01", "date_to": "2024-06-30"}
    second = await report(http, **params, limit="2", offset="1")
    assert [r["user_name"] for r in second] == ["Anna Nowak", None]
    assert await report(http, **params, offset="4") == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_to": "2024-05-31"}, "date_from is required."),
        ({"date_from": "2024-05-01"}, "date_to is required."),
        (
            {**MAY, "date_from": "01.05.2024"},
            "Wrong date format of date_from: expected YYYY-MM-DD, YYYY-MM-DD hh:mm or"
            " YYYY-MM-DD hh:mm:ss.",
        ),
        (
            {"date_from": "2024-05-02", "date_to": "2024-05-01 23:59:59"},
            "date_from must not be later than date_to.",
        ),
        (
            {**MAY, "aggregate_by": "quarter"},
            "Invalid value of aggregate_by: expected hour_of_day, minute, hour, day, week,"
            " month, year.",
        ),
        (
            {**MAY, "response_threshold": "-1"},
            "Invalid value of response_threshold: expected seconds, 0 or more.",
        ),
        (
            {**MAY, "chat_queue_ids[]": "x"},
            "Invalid value of chat_queue_ids[]: expected an integer.",
        ),
        ({**MAY, "sum_users": "1"}, "Invalid value of sum_users: expected true or false."),
        ({**MAY, "limit": "101"}, "limit must not be greater than 100."),
        ({**MAY, "agent_logins[]": "jkowalski"}, "Unknown query parameter(s): agent_logins[]."),
    ],
)
async def test_bad_report_parameters_are_400_naming_them(http, params, expected):
    status, message, _ = error(await http.get(PATH, params=params))
    assert (status, message) == (400, expected)
