"""Call queues and topics over plain HTTP: topic groups, waiting lists, scheduled calls."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator

import httpx2
import pytest
from fake_support import AUTH, error

from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium, ManualClock


@contextlib.asynccontextmanager
async def http_into(fake: FakeThulium) -> AsyncIterator[httpx2.AsyncClient]:
    async with httpx2.AsyncClient(
        transport=fake.transport(), base_url=IN_PROCESS_BASE_URL, auth=AUTH
    ) as client:
        yield client


@pytest.fixture
def queue(fake: FakeThulium) -> int:
    """Queue 1 offering an active group, an empty one and an inactive one."""
    sales = fake.add_topic_group("Sprzedaż")
    empty = fake.add_topic_group("Pusta")
    hidden = fake.add_topic_group("Archiwum", active=False)
    fake.add_topic("Zamówienie", group_id=sales)
    fake.add_topic("Stary", group_id=sales, active=False)
    fake.add_topic("Reklamacja", group_id=sales, show_custom_fields=False)
    fake.add_topic("Ukryty", group_id=hidden)
    fake.add_topic("Spoza kolejki")  # the default "General" group, in no queue
    fake.add_topic_field("Uwagi", type="LONG_TEXT", require=True)
    return fake.add_queue("Sprzedaż", topic_groups=[empty, sales, hidden])


async def test_queue_topics_only_active_with_empty_groups(api, fake, queue):
    response = await api.get(f"queues/{queue}/topics")
    assert response.status_code == 200
    assert response.json() == {
        "topic_groups": [
            {"group_name": "Pusta", "topics": []},
            {
                "group_name": "Sprzedaż",
                "topics": [
                    {"id": 1, "name": "Zamówienie", "show_custom_fields": True},
                    {"id": 3, "name": "Reklamacja", "show_custom_fields": False},
                ],
            },
        ],
        "custom_fields": [{"id": 1, "name": "Uwagi", "type": "LONG_TEXT", "require": True}],
    }
    assert fake.queue_topics(queue) == response.json()


async def test_topics_lists_every_active_topic_with_its_group(http, queue):
    response = await http.get("topics")
    assert response.json() == [
        {"id": 1, "name": "Zamówienie", "show_custom_fields": True, "group_name": "Sprzedaż"},
        {"id": 3, "name": "Reklamacja", "show_custom_fields": False, "group_name": "Sprzedaż"},
        {"id": 5, "name": "Spoza kolejki", "show_custom_fields": True, "group_name": "General"},
    ]


async def test_empty_account_has_no_topics(http):
    assert (await http.get("topics")).json() == []


@pytest.mark.parametrize("suffix", ["topics", "waiting_list"])
async def test_unknown_queue_is_404(http, queue, suffix):
    for queue_id in ("99", "abc", "0"):
        assert error(await http.get(f"queues/{queue_id}/{suffix}")) == (
            404,
            "Queue not found.",
            2053,
        )


async def test_waiting_list_matches_unambiguous_customers(api, fake, queue):
    fake.add_customer(name="Jan", surname="Kowalski", phone_number=["111222333", "746842523"])
    fake.add_customer(name="", surname="ACME sp. z o.o.", company_flag=True, phone_number="5550")
    fake.add_customer(surname="A", phone_number="600600600")
    fake.add_customer(surname="B", phone_number="600600600")
    fake.add_waiting_caller(queue, "613459851", started_at="2014-08-06 14:30:37")
    fake.add_waiting_caller(queue, "746842523", started_at=dt.datetime(2014, 8, 6, 14, 30, 35))
    fake.add_waiting_caller(queue, "5550", started_at="2014-08-06 14:31")
    fake.add_waiting_caller(queue, "600600600", started_at="2014-08-06 14:32:00")
    response = await api.get(f"queues/{queue}/waiting_list")
    assert response.json() == [
        {
            "phone_number": "613459851",
            "started_at": "2014-08-06 14:30:37",
            "customer_id": None,
            "customer_label": None,
        },
        {
            "phone_number": "746842523",
            "started_at": "2014-08-06 14:30:35",
            "customer_id": 1,
            "customer_label": "Jan Kowalski",
        },
        {
            "phone_number": "5550",
            "started_at": "2014-08-06 14:31:00",
            "customer_id": 2,
            "customer_label": "ACME sp. z o.o.",
        },
        {  # two customers share the number: no match
            "phone_number": "600600600",
            "started_at": "2014-08-06 14:32:00",
            "customer_id": None,
            "customer_label": None,
        },
    ]
    fake.remove_waiting_caller(queue, "746842523")
    assert [w["phone_number"] for w in fake.waiting_list(queue)] == [
        "613459851",
        "5550",
        "600600600",
    ]


async def test_scheduled_calls_join_the_waiting_list_when_due():
    clock = ManualClock(dt.datetime(2020, 11, 6, 14, 0, 0))
    fake = FakeThulium(strict=True, wall_clock=clock)
    queue = fake.add_queue("Oddzwonienia", queue_id=2)
    fake.add_customer(name="Jan", surname="Kowalski", phone_number="500333222")
    fake.add_waiting_caller(queue, "600100200")
    async with http_into(fake) as http:
        later = {"phone_number": "500333222", "call_at": "2020-11-06 14:42:11"}
        response = await http.post("queues/2/schedule_call", json=later)
        assert (response.status_code, response.content) == (201, b"")
        now = await http.post("queues/2/schedule_call", json={"phone_number": "+48500100200"})
        assert now.status_code == 201
        waiting = (await http.get("queues/2/waiting_list")).json()
        assert [(w["phone_number"], w["started_at"]) for w in waiting] == [
            ("600100200", "2020-11-06 14:00:00"),
            ("+48500100200", "2020-11-06 14:00:00"),
        ]
        clock.now = dt.datetime(2020, 11, 6, 14, 42, 11)
        waiting = (await http.get("queues/2/waiting_list")).json()
    assert waiting[-1] == {
        "phone_number": "500333222",
        "started_at": "2020-11-06 14:42:11",
        "customer_id": 1,
        "customer_label": "Jan Kowalski",
    }
    assert fake.scheduled_calls() == [
        {
            "queue_id": 2,
            "phone_number": "500333222",
            "call_at": "2020-11-06 14:42:11",
            "scheduled_at": "2020-11-06 14:00:00",
        },
        {
            "queue_id": 2,
            "phone_number": "+48500100200",
            "call_at": "2020-11-06 14:00:00",
            "scheduled_at": "2020-11-06 14:00:00",
        },
    ]
    assert fake.scheduled_calls(queue_id=3) == []
    assert fake.connections() == []  # nobody has talked yet


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "phone_number is required."),
        ({"phone_number": ""}, "phone_number is required."),
        ({"phone_number": "12ab"}, "Wrong format of phone number."),
        ({"phone_number": 500333222}, "Wrong format of phone number."),
        (
            {"phone_number": "500333222", "call_at": "2020-11-06 14:42"},
            "Wrong date format of call_at: expected YYYY-MM-DD hh:mm:ss.",
        ),
        (
            {"phone_number": "500333222", "call_at": "2020-02-30 14:42:00"},
            "Wrong date format of call_at: expected YYYY-MM-DD hh:mm:ss.",
        ),
        ({"phone_number": "500333222", "queue_id": 2}, "Unknown field(s) in the request body"),
    ],
)
async def test_schedule_call_validation(http, fake, queue, body, message):
    status, text, _ = error(await http.post(f"queues/{queue}/schedule_call", json=body))
    assert (status, text[: len(message)]) == (400, message)
    assert fake.scheduled_calls() == []


async def test_schedule_call_in_an_unknown_queue_is_404_first(http):
    response = await http.post("queues/9/schedule_call", json={"phone_number": "x"})
    assert error(response) == (404, "Queue not found.", 2053)
    polish = await http.post("queues/9/schedule_call", json={}, headers={"Accept-Language": "pl"})
    assert error(polish) == (404, "Nie znaleziono kolejki.", 2053)


def test_queue_setup_helpers_refuse_impossible_input(fake):
    fake.add_queue("A", queue_id=4)
    assert fake.add_queue("B") == 5  # generated ids never collide with chosen ones
    for call, message in [
        (lambda: fake.add_queue("C", queue_id=4), "taken"),
        (lambda: fake.add_queue("C", topic_groups=[9]), "no topic group"),
        (lambda: fake.add_topic("T", group_id=9), "no topic group"),
        (lambda: fake.add_topic(""), "name"),
        (lambda: fake.add_topic_group(""), "name"),
        (lambda: fake.add_topic_field("", type="TEXT"), "name"),
        (lambda: fake.add_waiting_caller(9, "500100200"), "no queue"),
        (lambda: fake.add_waiting_caller(4, "abc"), "invalid value"),
        (lambda: fake.add_waiting_caller(4, "500100200", started_at="14:30"), "started_at"),
        (lambda: fake.remove_waiting_caller(4, "500100200"), "not waiting"),
        (lambda: fake.waiting_list(9), "no queue"),
    ]:
        with pytest.raises(ValueError, match=message):
            call()
