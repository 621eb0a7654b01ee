"""Agents area of the fake: ``GET agents_work_report`` over two worked days."""

from __future__ import annotations

import datetime as dt

import pytest
from agents_support import START, agents_world
from fake_support import error

from thulium_async.testing import FakeThulium, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def fake(clock: ManualClock) -> FakeThulium:
    """Overrides conftest's: jkowalski may call under 00004; jdoe is in group 4."""
    fake = agents_world(clock)
    fake.add_campaign("00004", agents=("jkowalski",))
    fake.add_agent("jdoe", name="John", surname="Doe", number=4100, group_id=4)
    return fake


async def work_two_days(http, fake: FakeThulium, clock: ManualClock) -> None:
    """2024-11-12 09:00-19:00 and 2024-11-13 08:00-12:00 of jkowalski, through the API."""

    async def do(action: str, **body) -> None:
        response = await http.post(f"agents/jkowalski/{action}", json=body or None)
        assert response.status_code == 201, response.text

    def at(hh_mm_ss: str) -> None:
        clock.now = dt.datetime.combine(clock.now.date(), dt.time.fromisoformat(hh_mm_ss))

    await do("login")  # 09:00
    at("09:30:00")
    await do("pause", pause_id=1)
    at("09:45:00")
    await do("free")
    at("10:00:00")
    fake.ring_agent("jkowalski", "600100200", queue_id=7)
    at("10:00:10")
    await do("answer")
    at("10:02:10")
    await do("hangup")  # 120 s talked after 10 s ringing
    at("10:05:00")
    fake.ring_agent("jkowalski", "700800900", queue_id=8)
    at("10:05:20")
    fake.end_agent_call("jkowalski")  # the caller gave up after 20 s
    at("11:00:00")
    await do("call", phone_number="500100100")
    at("11:00:05")
    await do("hangup")
    at("11:10:00")
    await do("call", phone_number="500100101")
    at("11:10:40")
    await do("hangup")
    at("12:00:00")
    await do("pause", pause_id=2)
    at("12:30:00")
    await do("free")
    store = fake._state.agents_store  # what the chats and tickets areas note
    for minute, kind in enumerate(
        ["chat_closed", "chat_responded", "ticket_responded", "ticket_responded", "ticket_closed"]
    ):
        store.note_activity("jkowalski", kind, f"2024-11-12 13:0{minute}:00")
    at("19:00:00")
    await do("logout")
    clock.now = dt.datetime(2024, 11, 13, 8, 0, 0)
    await do("login")
    at("12:00:00")
    await do("logout")


async def report(http, **params):
    query = {"agent_logins[]": "jkowalski", "date_from": "2024-11-01", "date_to": "2024-11-30"}
    query.update(params)
    return await http.get("agents_work_report", params=query)


def zero_calls(count: int = 0) -> dict:
    return {"count": count, "sum": "00:00:00", "average": "00:00:00"}


async def test_a_day_adds_up(api, fake, clock):
    await work_two_days(api, fake, clock)
    response = await report(api, aggregate_by="day", outbound_threshold="10")
    assert response.status_code == 200
    first, second = response.json()
    assert first == {
        "agent": {"login": "jkowalski", "name": "Jan", "surname": "Kowalski"},
        "period": "2024-11-12",
        "inbound": {
            "count": 2,
            "answered_count": 1,
            "not_answered_count": 1,
            "transferred_count": 0,
            "sum": "00:02:00",
            "average": "00:02:00",
            "wait_sum": 30,
            "wait_average": "00:00:15",
            "calls_per_hour": 0.1,  # one answered call in ten hours logged in
        },
        "chat": {"closed": 1, "responded": 1},
        "ticket": {"closed": 1, "responded": 2, "total_responded": 2},
        "outbound_above_threshold": {"count": 1, "sum": "00:00:40", "average": "00:00:40"},
        "outbound_below_threshold": {"count": 1, "sum": "00:00:05", "average": "00:00:05"},
        "login_date": "2024-11-12 09:00:00",
        "logout_date": "2024-11-12 19:00:00",
        "pauses": [
            {"id": "all", "count": 2, "sum": "00:45:00", "average": "00:22:30"},
            # seven FREE stretches between pauses and calls: 33105 s
            {"id": "free", "count": 7, "sum": "09:11:45", "average": "01:18:49"},
            {"id": 0, "count": 0, "sum": "00:00:00"},
            {"id": 1, "count": 1, "sum": "00:15:00", "average": "00:15:00"},
            {"id": 2, "count": 1, "sum": "00:30:00", "average": "00:30:00"},
        ],
    }
    assert second["period"] == "2024-11-13"
    assert (second["login_date"], second["logout_date"]) == (
        "2024-11-13 08:00:00",
        "2024-11-13 12:00:00",
    )
    assert second["inbound"]["count"] == 0
    assert second["pauses"][1] == {
        "id": "free",
        "count": 1,
        "sum": "04:00:00",
        "average": "04:00:00",
    }


async def test_periods_split_time_at_their_boundaries(http, fake, clock):
    await work_two_days(http, fake, clock)
    hours = (await report(http, aggregate_by="hour")).json()
    assert [row["period"] for row in hours] == [
        *(f"2024-11-12 {hour:02d}:00" for hour in range(9, 19)),
        *(f"2024-11-13 {hour:02d}:00" for hour in range(8, 12)),
    ]
    noon = hours[3]
    assert noon["period"] == "2024-11-12 12:00"
    assert (noon["login_date"], noon["logout_date"]) == ("2024-11-12 12:00:00", "")
    # a stretch crossing the hour counts in each hour, its time split
    assert noon["pauses"][:2] == [
        {"id": "all", "count": 1, "sum": "00:30:00", "average": "00:30:00"},
        {"id": "free", "count": 1, "sum": "00:30:00", "average": "00:30:00"},
    ]
    assert hours[9]["logout_date"] == "2024-11-12 19:00:00"
    assert hours[1]["inbound"]["count"] == 2  # both calls of 10:00
    [month] = (await report(http)).json()  # aggregate_by defaults to month
    assert (month["period"], month["login_date"], month["logout_date"]) == (
        "2024-11",
        "2024-11-12 09:00:00",
        "2024-11-13 12:00:00",
    )
    assert month["pauses"][1]["sum"] == "13:11:45"
    [week] = (await report(http, aggregate_by="week")).json()
    assert week["period"] == "2024-46"
    [year] = (await report(http, aggregate_by="year")).json()
    assert year["period"] == "2024"
    by_hour_of_day = (await report(http, aggregate_by="hour_of_day")).json()
    assert [row["period"] for row in by_hour_of_day] == [f"{h:02d}" for h in range(8, 19)]
    nine = by_hour_of_day[1]
    assert nine["pauses"][1] == {"id": "free", "count": 3, "sum": "01:45:00", "average": "00:35:00"}
    minutes = (await report(http, aggregate_by="minute", date_to="2024-11-12 09:02:59")).json()
    assert [row["period"] for row in minutes] == [
        "2024-11-12 09:00",
        "2024-11-12 09:01",
        "2024-11-12 09:02",
    ]


async def test_ranges_filters_and_paging(http, fake, clock):
    await work_two_days(http, fake, clock)
    [clipped] = (
        await report(http, date_from="2024-11-12 10:00:00", date_to="2024-11-12 10:59:59")
    ).json()
    assert (clipped["login_date"], clipped["logout_date"]) == ("2024-11-12 10:00:00", "")
    # the hour less its two calls (150 s), in two FREE stretches
    assert clipped["pauses"][1] == {
        "id": "free",
        "count": 2,
        "sum": "00:57:30",
        "average": "00:28:45",
    }
    assert clipped["inbound"]["count"] == 2
    queue_7 = (await report(http, **{"queues_ids[]": "7"})).json()
    assert (queue_7[0]["inbound"]["count"], queue_7[0]["inbound"]["answered_count"]) == (1, 1)
    page = await report(http, aggregate_by="hour", limit="5", offset="10")
    assert [row["period"][11:] for row in page.json()] == ["08:00", "09:00", "10:00", "11:00"]
    assert (await report(http, date_from="2024-12-01", date_to="2024-12-31")).json() == []
    fake._state.agents_store.note_activity("jdoe", "chat_closed", "2024-11-20 10:00:00")
    both = (await report(http, **{"agent_group_ids[]": "4"})).json()
    assert [(row["agent"]["login"], row["chat"]["closed"]) for row in both] == [
        ("jkowalski", 1),
        ("jdoe", 1),
    ]
    assert both[1]["login_date"] == ""  # jdoe never logged in


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"agent_logins[]": None}, "agent_logins[] or agent_group_ids[] is required."),
        ({"agent_logins[]": "ghost"}, "Agent not found."),
        ({"agent_logins[]": None, "agent_group_ids[]": "9"}, "Agent group not found."),
        (
            {"agent_group_ids[]": "x"},
            "Invalid value of agent_group_ids[]: expected an integer.",
        ),
        ({"date_from": None}, "date_from is required."),
        (
            {"date_to": "2024-11-31"},
            "Wrong date format of date_to: expected YYYY-MM-DD, YYYY-MM-DD hh:mm or"
            " YYYY-MM-DD hh:mm:ss.",
        ),
        ({"date_from": "2024-12-01"}, "date_from must not be later than date_to."),
        (
            {"aggregate_by": "quarter"},
            "Invalid value of aggregate_by: expected hour_of_day, minute, hour, day, week,"
            " month, year.",
        ),
        (
            {"queues_ids[]": "0"},
            "Invalid value of queues_ids[]: expected a positive integer.",
        ),
        (
            {"outbound_threshold": "-1"},
            "Invalid value of outbound_threshold: expected an integer of at least 0.",
        ),
        ({"limit": "101"}, "limit must not be greater than 100."),
        ({"agent_login": "jkowalski"}, "Unknown query parameter(s): agent_login."),
    ],
)
async def test_report_validation(http, params, message):
    query = {"agent_logins[]": "jkowalski", "date_from": "2024-11-01", "date_to": "2024-11-30"}
    query.update(params)
    query = {name: value for name, value in query.items() if value is not None}
    assert error(await http.get("agents_work_report", params=query))[:2] == (400, message)


async def test_calls_filed_by_the_calls_area_count_too(http, fake):
    fake.add_call(
        src="600100200",
        type="INBOUND",
        user_login="jkowalski",
        queue_id=7,
        date="2024-11-12 14:00:00",
        duration=60,
        billsec=45,
    )
    fake.add_call(
        src="3113",
        dst="500100100",
        type="OUTBOUND",
        user_login="jkowalski",
        date="2024-11-12 14:10:00",
        duration=20,
        disposition="NO ANSWER",
    )
    [row] = (await report(http, aggregate_by="day")).json()
    assert row["inbound"] == {
        "count": 1,
        "answered_count": 1,
        "not_answered_count": 0,
        "transferred_count": 0,
        "sum": "00:00:45",
        "average": "00:00:45",
        "wait_sum": 15,
        "wait_average": "00:00:15",
        "calls_per_hour": 0,  # never logged in
    }
    assert row["outbound_below_threshold"] == zero_calls(1)
    assert (row["login_date"], row["pauses"][1]) == ("", {"id": "free", **zero_calls()})
    last = (await http.get("agents/jkowalski/last_queue_call")).json()
    assert (last["start_date"], last["answered_date"], last["end_date"]) == (
        "2024-11-12 14:00:00",
        "2024-11-12 14:00:15",
        "2024-11-12 14:01:00",
    )
