"""Webhook events the fake's tickets area emits: which, in which order, with which fields."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from tickets_support import (
    CLOSED,
    COMPLAINTS,
    ESCALATED,
    LEVEL_1,
    LEVEL_2,
    NEW,
    OPEN,
    SALES,
    START,
    SUPPORT,
    WAITING,
    new_ticket,
    tickets_account,
)

from thulium_async.testing import FakeThulium, ManualClock
from thulium_async.testing.tickets import _events as _tickets_events
from thulium_async.webhooks import (
    TicketAgentReplied,
    TicketClosed,
    TicketCommentCreated,
    TicketCreated,
    TicketDirection,
    TicketMessageReceived,
    TicketQueueChanged,
    TicketStatusChanged,
)

WARSAW = ZoneInfo("Europe/Warsaw")
AT_START = START.replace(tzinfo=WARSAW)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def fake(clock: ManualClock) -> FakeThulium:
    """Overrides the shared fixture: the tickets account with a hand-moved clock."""
    return tickets_account(clock)


async def create(http, **fields: object) -> int:
    response = await http.post("tickets", json=new_ticket(**fields))
    assert response.status_code == 201, response.text
    ticket_id: int = response.json()["ticket_id"]
    return ticket_id


async def put(http, ticket_id: int, **fields: object) -> None:
    response = await http.put(f"tickets/{ticket_id}", json=fields)
    assert response.status_code == 204, response.text


def last_message_id(fake: FakeThulium, ticket_id: int) -> int:
    message_id: int = fake.ticket_messages(ticket_id)[-1]["message_id"]
    return message_id


async def test_create_sends_ticket_created_only(api, fake):
    """The first message and the comment belong to the creation: one event, over any transport."""
    events = fake.collect_webhooks()
    ticket_id = await create(api, user_login="jkowalski", comment="Called first", customer_id=1)
    assert events == [
        TicketCreated(
            ticket_id=ticket_id,
            date=AT_START,
            agent_login="jkowalski",
            direction=TicketDirection.IN_BEHALF_OF,
        )
    ]


async def test_outgoing_ticket_without_agent(http, fake):
    events = fake.collect_webhooks()
    await create(http, direction="out")
    [event] = events
    assert isinstance(event, TicketCreated)
    assert (event.direction, event.agent_login) == (TicketDirection.OUT, None)


async def test_ticket_created_closed_is_closed_once(http, fake, clock):
    """Created in a closed status: CREATED then CLOSED; reopening and closing again: no CLOSED."""
    events = fake.collect_webhooks()
    ticket_id = await create(http, status_id=CLOSED, user_login="anowak")
    assert events == [
        TicketCreated(
            ticket_id=ticket_id,
            date=AT_START,
            agent_login="anowak",
            direction=TicketDirection.IN_BEHALF_OF,
        ),
        TicketClosed(ticket_id=ticket_id, date=AT_START, agent_login="anowak"),
    ]
    events.clear()
    await put(http, ticket_id, status_id=OPEN)
    await put(http, ticket_id, status_id=CLOSED)
    assert [(e.action, getattr(e, "status_id", None)) for e in events] == [
        ("TICKET_STATUS_CHANGED", OPEN),
        ("TICKET_STATUS_CHANGED", CLOSED),
    ]


async def test_update_sends_queue_status_and_first_closing_in_order(http, fake, clock):
    ticket_id = await create(http, user_login="jkowalski")
    events = fake.collect_webhooks()
    clock.advance(minutes=5, seconds=7)
    await put(http, ticket_id, ticket_queue_id=SALES, status_id=CLOSED, user_login="anowak")
    later = (START + dt.timedelta(minutes=5, seconds=7)).replace(tzinfo=WARSAW)
    assert events == [
        TicketQueueChanged(
            ticket_id=ticket_id, date=later, ticket_queue_id=SALES, agent_login="anowak"
        ),
        TicketStatusChanged(
            ticket_id=ticket_id,
            date=later,
            status_id=CLOSED,
            substatus_id=None,
            agent_login="anowak",
        ),
        TicketClosed(ticket_id=ticket_id, date=later, agent_login="anowak"),
    ]
    assert "Changed status" in fake.ticket_messages(ticket_id)[-1]["system_comment"]


async def test_reopened_ticket_closes_without_ticket_closed(http, fake):
    ticket_id = await create(http)
    events = fake.collect_webhooks()
    await put(http, ticket_id, status_id=CLOSED)
    await put(http, ticket_id, status_id=WAITING)
    await put(http, ticket_id, status_id=CLOSED)
    assert [e.action for e in events] == [
        "TICKET_STATUS_CHANGED",
        "TICKET_CLOSED",
        "TICKET_STATUS_CHANGED",
        "TICKET_STATUS_CHANGED",
    ]
    assert all(e.agent_login is None for e in events if isinstance(e, TicketStatusChanged))


async def test_substatus_change_is_a_status_change(http, fake):
    ticket_id = await create(http, status_id=ESCALATED, substatus_id=LEVEL_1)
    events = fake.collect_webhooks()
    await put(http, ticket_id, substatus_id=LEVEL_2)
    await put(http, ticket_id, status_id=ESCALATED)  # the same status keeps its sub-status
    assert events == [
        TicketStatusChanged(
            ticket_id=ticket_id, date=AT_START, status_id=ESCALATED, substatus_id=LEVEL_2
        )
    ]


async def test_updates_without_queue_or_status_change_send_nothing(http, fake):
    ticket_id = await create(http)
    events = fake.collect_webhooks()
    await put(
        http,
        ticket_id,
        ticket_queue_id=SUPPORT,
        status_id=NEW,
        user_login="jkowalski",
        category_id=COMPLAINTS,
        tags=["x"],
        custom_fields={"Order": "A-1"},
    )
    await put(http, ticket_id)
    assert events == []


async def test_refused_requests_send_nothing(http, fake):
    ticket_id = await create(http)
    events = fake.collect_webhooks()
    refused = await http.put(f"tickets/{ticket_id}", json={"status_id": CLOSED, "category_id": 99})
    assert refused.status_code == 400
    refused = await http.post("tickets", json=new_ticket(to="nobody@foo.bar"))
    assert refused.status_code == 400
    refused = await http.post(f"tickets/{ticket_id}/agent_response", json={"body": "Hi"})
    assert refused.status_code == 400
    assert events == []


async def test_messages_send_their_events(http, fake, clock):
    ticket_id = await create(http)
    events = fake.collect_webhooks()
    clock.advance(hours=1)
    now = (START + dt.timedelta(hours=1)).replace(tzinfo=WARSAW)
    # A backdated reply is dated by its request: the event is when Thulium learns of it.
    response = await http.post(
        f"tickets/{ticket_id}/agent_response",
        json={"body": "<p>On it</p>", "user_login": "jkowalski", "date": "2024-05-06 08:30"},
    )
    assert response.status_code == 201
    replied = last_message_id(fake, ticket_id)
    response = await http.post(f"tickets/{ticket_id}/customer_response", json={"body": "Thanks"})
    assert response.status_code == 201
    received = last_message_id(fake, ticket_id)
    response = await http.post(
        f"tickets/{ticket_id}/comment", json={"comment": "Sent", "user_login": "anowak"}
    )
    assert response.status_code == 201
    commented = last_message_id(fake, ticket_id)
    response = await http.post(f"tickets/{ticket_id}/comment", json={"comment": "Automatic"})
    assert response.status_code == 201
    anonymous = last_message_id(fake, ticket_id)
    assert events == [
        TicketAgentReplied(
            ticket_id=ticket_id, date=now, message_id=replied, agent_login="jkowalski"
        ),
        TicketMessageReceived(
            ticket_id=ticket_id, date=now, message_id=received, ticket_queue_id=SUPPORT
        ),
        TicketCommentCreated(
            ticket_id=ticket_id, date=now, message_id=commented, agent_login="anowak"
        ),
        TicketCommentCreated(ticket_id=ticket_id, date=now, message_id=anonymous, agent_login=None),
    ]


async def test_message_received_names_the_current_queue(http, fake):
    ticket_id = await create(http)
    await put(http, ticket_id, ticket_queue_id=SALES)
    events = fake.collect_webhooks()
    await http.post(f"tickets/{ticket_id}/customer_response", json={"body": "Hello?"})
    [event] = events
    assert isinstance(event, TicketMessageReceived)
    assert event.ticket_queue_id == SALES


async def test_deletions_send_nothing(http, fake):
    upload = await http.post("temporary_files", params={"filename": "a.txt"}, content=b"a")
    token = upload.json()["token"]
    ticket_id = await create(http, attachments=[token])
    events = fake.collect_webhooks()
    assert (await http.delete(f"tickets/{ticket_id}/attachments/{token}")).status_code == 204
    assert (await http.delete(f"tickets/{ticket_id}")).status_code == 204
    assert events == []


async def test_setup_history_sends_nothing(http, fake):
    """add_ticket and add_ticket_message write history; a closing in it was the first one."""
    events = fake.collect_webhooks()
    open_id = fake.add_ticket(user_login="jkowalski", created_at="2024-05-01 08:00")
    fake.add_ticket_message(open_id, type="REPLY", user_login="jkowalski", body="Hi")
    fake.add_ticket_message(open_id, type="MAIL", body="Thanks")
    fake.add_ticket_message(open_id, type="COMMENT", comment="Noted")
    closed_id = fake.add_ticket(status_id=CLOSED, created_at="2024-05-01 08:00")
    assert events == []
    await put(http, closed_id, status_id=OPEN)
    await put(http, closed_id, status_id=CLOSED)
    await put(http, open_id, status_id=CLOSED)
    assert [(e.action, e.ticket_id) for e in events] == [
        ("TICKET_STATUS_CHANGED", closed_id),
        ("TICKET_STATUS_CHANGED", closed_id),
        ("TICKET_STATUS_CHANGED", open_id),
        ("TICKET_CLOSED", open_id),
    ]


async def test_received_email_opens_an_incoming_ticket(http, fake, clock):
    events = fake.collect_webhooks()
    ticket_id = fake.receive_ticket_email(
        "sales@foo.bar", subject="Offer?", body="Price list, please.", customer_id=1
    )
    assert events == [
        TicketCreated(
            ticket_id=ticket_id, date=AT_START, agent_login=None, direction=TicketDirection.IN
        )
    ]
    got = (await http.get(f"tickets/{ticket_id}")).json()
    assert (got["ticket_queue_id"], got["from"], got["subject"], got["status_id"]) == (
        SALES,
        "jan@foo.bar",
        "Offer?",
        "1",
    )
    assert [m["type"] for m in got["messages"]] == ["MAIL"]
    assert fake.ticket_meta(ticket_id)["direction"] == "in"
    # The default mailbox is the first queue's.
    second = fake.receive_ticket_email(from_="eva@foo.bar")
    assert fake.tickets()[-1]["ticket_queue_id"] == SUPPORT
    assert fake.tickets()[-1]["from"] == "eva@foo.bar"
    assert [e.ticket_id for e in events] == [ticket_id, second]


def test_received_email_needs_a_known_mailbox(fake):
    with pytest.raises(ValueError, match="mailbox"):
        fake.receive_ticket_email("nobody@foo.bar")
    with pytest.raises(ValueError, match="customer"):
        fake.receive_ticket_email("sales@foo.bar", customer_id=99)
    bare = FakeThulium(strict=True)
    bare.add_ticket_queue("No mailbox")
    with pytest.raises(ValueError, match="mailbox"):
        bare.receive_ticket_email()
    assert fake.tickets() == bare.tickets() == []


async def test_no_event_is_built_without_a_listener(http, fake, monkeypatch):
    """Without a subscription the event classes are never called (the fake stays fast)."""

    def refuse(**fields: object) -> None:
        raise AssertionError(f"event built with nobody listening: {fields}")

    for name in (
        "TicketCreated",
        "TicketClosed",
        "TicketStatusChanged",
        "TicketQueueChanged",
        "TicketAgentReplied",
        "TicketMessageReceived",
        "TicketCommentCreated",
    ):
        monkeypatch.setattr(_tickets_events, name, refuse)
    ticket_id = await create(http, status_id=CLOSED)
    await put(http, ticket_id, status_id=OPEN, ticket_queue_id=SALES)
    for path, body in (
        ("agent_response", {"body": "Hi", "user_login": "jkowalski"}),
        ("customer_response", {"body": "Thanks"}),
        ("comment", {"comment": "Done"}),
    ):
        assert (await http.post(f"tickets/{ticket_id}/{path}", json=body)).status_code == 201
    fake.receive_ticket_email()
    fake.collect_webhooks()
    with pytest.raises(AssertionError, match="nobody listening"):
        fake.receive_ticket_email()
