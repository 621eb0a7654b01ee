"""Ticket lists (filters, order, paging, count), today's stats, dictionaries, uploads."""

from __future__ import annotations

import pytest
from fake_support import error
from tickets_support import (
    CLOSED,
    COMPLAINTS,
    ESCALATED,
    OPEN,
    QUESTIONS,
    SALES,
    START,
    tickets_account,
)

from thulium_async.testing import FakeThulium, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def fake(clock: ManualClock) -> FakeThulium:
    """Overrides the shared fixture: five tickets of varied attributes and dates.

    Ids 1-5 were created on May 1-5 at 08:00; modification dates put them in
    the order 2, 5, 4, 3, 1 (newest first).
    """
    fake = tickets_account(clock)
    specs = [
        {"customer_id": 1, "user_login": "jkowalski", "category_id": COMPLAINTS, "source": "phone"},
        {
            "customer_id": 2,
            "ticket_queue_id": SALES,
            "status_id": OPEN,
            "custom_fields": {"Kraj": "PL"},
        },
        {
            "customer_id": 1,
            "status_id": CLOSED,
            "category_id": QUESTIONS,
            "custom_fields": {"Kraj": "NO"},
        },
        {"user_login": "anowak", "status_id": ESCALATED, "source": "www"},
        {"custom_fields": {"Kraj": "DE"}},
    ]
    updated = ["2024-05-01 09:00", "2024-05-06 08:00", "2024-05-03 12:34", "2024-05-04 10:00"]
    updated.append("2024-05-05 10:00")
    for day, (spec, changed) in enumerate(zip(specs, updated, strict=True), start=1):
        fake.add_ticket(created_at=f"2024-05-0{day} 08:00", updated_at=changed, **spec)
    return fake


async def ids(http, **params) -> list[int]:
    response = await http.get("tickets", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["result"])  # the pages here are never short of matches
    return [item["ticket_id"] for item in body["result"]]


async def test_list_shape_order_and_count(api, fake):
    """Newest modification first; rows carry the inferred fields consumers read too."""
    response = await api.get("tickets", params={"limit": 2, "offset": 1})
    assert response.json() == {
        "count": 5,
        "result": [
            {
                "ticket_id": 5,
                "subject": "Ticket subject",
                "from": "",
                "status_id": "1",
                "full_status_name": "New",
                "ticket_queue_id": 1,
                "ticket_queue_name": "Support",
                "source": "email",
                "customer_id": "",
                "user_login": "",
                "created_at": "2024-05-05 08:00",
                "updated_at": "2024-05-05 10:00",
            },
            {
                "ticket_id": 4,
                "subject": "Ticket subject",
                "from": "",
                "status_id": "5",
                "full_status_name": "Escalated",
                "ticket_queue_id": 1,
                "ticket_queue_name": "Support",
                "source": "www",
                "customer_id": "",
                "user_login": "anowak",
                "created_at": "2024-05-04 08:00",
                "updated_at": "2024-05-04 10:00",
            },
        ],
    }
    assert (await api.get("tickets", params={"offset": 9})).json() == {"count": 5, "result": []}


FORMS = "expected YYYY-MM-DD, YYYY-MM-DD hh:mm or YYYY-MM-DD hh:mm:ss."


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [2, 5, 4, 3, 1]),
        ({"customer_id": 1}, [3, 1]),
        ({"company_id": 21}, [3, 1]),
        ({"company_id": 999}, []),
        ({"user_login": "anowak"}, [4]),
        ({"source": "email"}, [2, 5, 3]),
        ({"ticket_queue_id": SALES}, [2]),
        ({"category_id": COMPLAINTS}, [1]),
        ({"status_id[]": [OPEN, CLOSED]}, [2, 3]),
        ({"date_from": "2024-05-04"}, [2, 5, 4]),
        ({"date_to": "2024-05-03 12:34"}, [3, 1]),
        ({"date_to": "2024-05-03 12:33"}, [1]),
        ({"date_from": "2024-05-03", "date_to": "2024-05-04"}, [4, 3]),
        ({"create_date_from": "2024-05-02", "create_date_to": "2024-05-03 08:00"}, [2, 3]),
        ({"custom_fields[Kraj][0]": "PL", "custom_fields[Kraj][1]": "NO"}, [2, 3]),
        ({"custom_fields[Kraj]": "DE", "customer_id": 2}, []),
    ],
)
async def test_list_filters(http, params, expected):
    assert await ids(http, **params) == expected


async def test_list_filters_by_message_and_follows_modifications(http, fake, clock):
    message_id = fake.add_ticket_message(
        3, type="COMMENT", comment="x", created_at="2024-05-03 09:00"
    )
    assert await ids(http, message_id=message_id) == [3]
    await http.post("tickets/1/comment", json={"comment": "bump"})  # now: 2024-05-06 09:00
    assert (await ids(http))[:2] == [1, 2]


async def test_paging_covers_every_ticket_once(http, fake):
    for _ in range(120):
        fake.add_ticket(created_at="2024-05-06 07:00")
    first = (await http.get("tickets", params={"limit": 100})).json()
    second = (await http.get("tickets", params={"limit": 100, "offset": 100})).json()
    assert (first["count"], len(first["result"]), len(second["result"])) == (125, 100, 25)
    seen = [t["ticket_id"] for t in first["result"] + second["result"]]
    assert sorted(seen) == list(range(1, 126))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": 101}, "limit must not be greater than 100."),
        (
            {"date_from": "May 4"},
            f"Wrong date format of date_from: {FORMS}",
        ),
        (
            {"date_to": "2024-02-30"},
            f"Wrong date format of date_to: {FORMS}",
        ),
        (
            {"create_date_to": "2024-05-01 25:00"},
            f"Wrong date format of create_date_to: {FORMS}",
        ),
        (
            {"source": "fax"},
            "Invalid value of source: expected email or phone or sms or chat or www.",
        ),
        ({"customer_id": "one"}, "Invalid value of customer_id: expected an integer."),
        ({"status_id[]": "x"}, "Invalid value of status_id[]: expected an integer."),
        (
            {"custom_fields[a][b]": "x"},
            "Invalid value of custom_fields[a][b]: expected custom_fields[Name][].",
        ),
        ({"status_id": 1}, "Unknown query parameter(s): status_id."),
    ],
)
async def test_list_validates(http, params, message):
    assert error(await http.get("tickets", params=params))[:2] == (400, message)


async def test_today_stats_count_todays_activity(api, fake, clock):
    # Before: tickets 1-5 from earlier days; ticket 2 was modified today but nothing happened.
    empty = await api.get("tickets/today_stats")
    assert empty.json() == {
        "date": "2024-05-06",
        "created": 0,
        "closed": 0,
        "responded": 0,
        "agent_responses": 0,
        "customer_responses": 0,
        "comments": 0,
        "open": 4,
        "average_first_agent_response_time": "00:00:00",
    }
    await api.post("tickets", json={"to": "support@foo.bar", "subject": "S", "body": "B"})
    clock.advance(minutes=40)
    reply = {"body": "On it", "user_login": "jkowalski"}
    await api.post("tickets/6/agent_response", json=reply)
    await api.post("tickets/1/agent_response", json=reply)
    await api.post("tickets/6/agent_response", json=reply)
    await api.post("tickets/6/customer_response", json={"body": "Thanks"})
    await api.post("tickets/6/comment", json={"comment": "internal"})
    await api.put("tickets/4", json={"status_id": CLOSED})
    stats = (await api.get("tickets/today_stats")).json()
    assert stats == {
        "date": "2024-05-06",
        "created": 1,
        "closed": 1,
        "responded": 2,
        "agent_responses": 3,
        "customer_responses": 2,  # ticket 6's opening mail and the reply
        "comments": 1,  # the status change's system comment is not counted
        "open": 4,
        # ticket 1: May 1 08:00 -> May 6 09:40 (121:40:00); ticket 6: 40 minutes
        "average_first_agent_response_time": "61:10:00",
    }
    clock.advance(days=1)
    assert (await api.get("tickets/today_stats")).json()["created"] == 0


async def test_dictionaries(api, fake):
    fake.add_ticket_substatus(OPEN, "With supplier", substatus_id=10)
    assert (await api.get("ticket_queues")).json() == [
        {"ticket_queue_id": 1, "name": "Support", "email": "support@foo.bar"},
        {"ticket_queue_id": 2, "name": "sales@foo.bar", "email": "sales@foo.bar"},
    ]
    assert (await api.get("ticket_categories")).json() == [
        {"category_id": 1, "name": "Complaints"},
        {"category_id": 2, "name": "Questions"},
    ]
    statuses = (await api.get("ticket_statuses")).json()
    assert [(s["status_id"], s["name"], s["closed"]) for s in statuses] == [
        (1, "New", False),
        (2, "Open", False),
        (3, "Waiting for customer", False),
        (4, "Closed", True),
        (5, "Escalated", False),
    ]
    assert statuses[1]["substatuses"] == [{"substatus_id": 10, "name": "With supplier"}]
    assert statuses[4]["substatuses"] == [
        {"substatus_id": 1, "name": "Level 1"},
        {"substatus_id": 2, "name": "Level 2"},
    ]
    response = await api.get("ticket_queues", params={"limit": 1})
    assert error(response)[:2] == (400, "Unknown query parameter(s): limit.")


async def test_upload_answers_the_documented_shape(api, fake):
    headers = {"Content-Type": "application/pdf"}
    response = await api.post(
        "temporary_files", params={"filename": "umowa.pdf"}, content=b"%PDF-1.4", headers=headers
    )
    assert response.status_code == 201
    body = response.json()
    assert list(body) == ["filename", "token", "size"]
    assert (body["filename"], body["size"], len(body["token"])) == ("umowa.pdf", 8, 22)
    (stored,) = fake.temporary_files()
    assert stored["content_type"] == "application/pdf"
    assert stored["uploaded_at"] == "2024-05-06 09:00"
    assert (stored["ticket_id"], stored["expired"]) == (None, False)
    big = bytes(range(256)) * 1024  # 256 KiB: several chunks over loopback
    response = await api.post("temporary_files", params={"filename": "big.bin"}, content=big)
    assert response.json()["size"] == len(big)
    assert fake.temporary_files()[1]["content"] == big


@pytest.mark.parametrize(
    ("params", "content", "message"),
    [
        ({}, b"x", "filename is required."),
        ({"filename": ""}, b"x", "filename is required."),
        (
            {"filename": "../etc"},
            b"x",
            "Invalid value of filename: expected a file name without '/' or '\\'.",
        ),
        ({"filename": "a.txt"}, b"", "The uploaded file is empty."),
        ({"filename": "a.txt", "name": "b"}, b"x", "Unknown query parameter(s): name."),
    ],
)
async def test_upload_validates(http, fake, params, content, message):
    response = await http.post("temporary_files", params=params, content=content)
    assert error(response)[:2] == (400, message)
    assert fake.temporary_files() == []
