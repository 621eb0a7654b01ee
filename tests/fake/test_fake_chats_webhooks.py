"""Chat webhooks the fake emits: created, agent assigned, closed (API calls and panel helpers)."""

from __future__ import annotations

import datetime as dt

import httpx2
import pytest
from fake_support import error, populate

from thulium_async.testing import FakeThulium, ManualClock
from thulium_async.webhooks import (
    ChatAgentAssigned,
    ChatConversationClosed,
    ChatConversationCreated,
    WebhookApp,
    WebhookEvent,
)

START = "chat_conversations/start"
CEST = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2024, 5, 6, 10, 0, 0, 250000))


@pytest.fixture
def fake(clock: ManualClock) -> FakeThulium:
    """The shared ``populate`` setup on a pinned clock, with chat queues 3 and 4."""
    fake = populate(FakeThulium(strict=True, wall_clock=clock))
    fake.add_chat_queue("BOK", chat_queue_id=3)
    fake.add_chat_queue("service", chat_queue_id=4)
    return fake


def at(hour: int, minute: int, second: int) -> dt.datetime:
    """A moment of 2024-05-06 in Warsaw (summer time)."""
    return dt.datetime(2024, 5, 6, hour, minute, second, tzinfo=CEST)


def actions(events: list[WebhookEvent]) -> list[str]:
    return [event.action for event in events]


async def test_a_live_conversation_emits_created_assigned_closed_in_order(api, fake, clock):
    """start -> client message -> agent replies -> stop: one event per state change."""
    events = fake.collect_webhooks()
    started = await api.post(
        START,
        params={
            "chat_queue_id": 4,
            "client_name": "Ala",
            "client_surname": "Nowak",
            "client_email": "ala@example.org",
        },
    )
    cid = started.json()["conversation_id"]
    clock.advance(5)
    await api.post(f"chat_conversations/{cid}/message", json={"text": "Dzień dobry"})
    clock.advance(12)
    fake.chat_reply(cid, "jkowalski", "W czym mogę pomóc?")
    clock.advance(3)
    fake.chat_reply(cid, "jkowalski", "Proszę pisać")
    clock.advance(60)
    await api.post(f"chat_conversations/{cid}/stop")

    assert events == [
        ChatConversationCreated(
            conversation_id=cid,
            date=at(10, 0, 0),
            chat_queue_id=4,
            client_name="Ala Nowak",
            client_email="ala@example.org",
        ),
        ChatAgentAssigned(
            conversation_id=cid, date=at(10, 0, 17), chat_queue_id=4, agent_login="jkowalski"
        ),
        ChatConversationClosed(conversation_id=cid, date=at(10, 1, 20), chat_queue_id=4),
    ]
    assert events[0].date.utcoffset() == dt.timedelta(hours=2)


async def test_created_carries_the_matched_customers_name_and_email(http, fake):
    """Without a given name or e-mail the event shows the CRM customer's, as GET chats does."""
    customer = fake.add_customer(surname="Lis", name="Ewa", email="ewa@example.org")
    events = fake.collect_webhooks()
    await http.post(START, params={"chat_queue_id": 3, "customer_id": str(customer)})
    await http.post(START, params={"chat_queue_id": 3})
    named, anonymous = events
    assert isinstance(named, ChatConversationCreated)
    assert (named.client_name, named.client_email) == ("Ewa Lis", "ewa@example.org")
    assert isinstance(anonymous, ChatConversationCreated)
    assert (anonymous.client_name, anonymous.client_email) == (None, None)


async def test_an_agent_taking_over_is_assigned_again_and_close_chat_closes(http, fake, clock):
    cid = (await http.post(START, params={"chat_queue_id": 3})).json()["conversation_id"]
    events = fake.collect_webhooks()
    fake.chat_reply(cid, "jkowalski", "Hi")
    clock.advance(30)
    fake.chat_reply(cid, "anowak", "Taking over")
    fake.chat_reply(cid, "anowak", "Still me")
    clock.advance(30)
    fake.close_chat(cid, login="jkowalski")
    assert [(e.action, getattr(e, "agent_login", None), e.date) for e in events] == [
        ("CHAT_AGENT_ASSIGNED", "jkowalski", at(10, 0, 0)),
        ("CHAT_AGENT_ASSIGNED", "anowak", at(10, 0, 30)),
        ("CHAT_CONVERSATION_CLOSED", None, at(10, 1, 0)),
    ]
    assert {e.conversation_id for e in events if isinstance(e, ChatAgentAssigned)} == {cid}


async def test_closing_an_unanswered_chat_emits_only_closed(http, fake):
    cid = (await http.post(START, params={"chat_queue_id": 3})).json()["conversation_id"]
    events = fake.collect_webhooks()
    fake.close_chat(cid)
    assert events == [
        ChatConversationClosed(conversation_id=cid, date=at(10, 0, 0), chat_queue_id=3)
    ]


def test_add_chat_emits_the_conversations_history_dated_by_its_own_times(fake):
    """A closed chat stored whole: created, assigned (first agent line), closed."""
    events = fake.collect_webhooks()
    cid = fake.add_chat(
        chat_queue_id=4,
        client_name="Olga",
        client_email="olga@example.org",
        created_at="2024-05-01 09:00:00.500",
        messages=[("CLIENT", "Hello"), ("USER", "Hi"), ("CLIENT", "Bye")],
        user_login="anowak",
    )
    assert events == [
        ChatConversationCreated(
            conversation_id=cid,
            date=dt.datetime(2024, 5, 1, 9, 0, 0, tzinfo=CEST),
            chat_queue_id=4,
            client_name="Olga",
            client_email="olga@example.org",
        ),
        ChatAgentAssigned(
            conversation_id=cid,
            date=dt.datetime(2024, 5, 1, 9, 0, 20, tzinfo=CEST),
            chat_queue_id=4,
            agent_login="anowak",
        ),
        ChatConversationClosed(
            conversation_id=cid,
            date=dt.datetime(2024, 5, 1, 9, 0, 40, tzinfo=CEST),
            chat_queue_id=4,
        ),
    ]


def test_add_chat_emits_only_what_happened(fake):
    """An open chat without an agent is only created; an agent who never wrote is
    assigned when the chat started; the agent named is the one who wrote last."""
    events = fake.collect_webhooks()
    waiting = fake.add_chat(closed=False, messages=[("CLIENT", "Anyone?")])
    assigned = fake.add_chat(closed=False, user_login="jkowalski", created_at="2024-05-06 08:00")
    handed = fake.add_chat(
        created_at="2024-05-06 07:00",
        messages=[
            {"sent_by": "USER", "message": "Hi", "user_login": "jkowalski"},
            {"sent_by": "USER", "message": "Mine now", "user_login": "anowak"},
        ],
    )
    assert [(e.conversation_id, e.action) for e in events] == [
        (waiting, "CHAT_CONVERSATION_CREATED"),
        (assigned, "CHAT_CONVERSATION_CREATED"),
        (assigned, "CHAT_AGENT_ASSIGNED"),
        (handed, "CHAT_CONVERSATION_CREATED"),
        (handed, "CHAT_AGENT_ASSIGNED"),
        (handed, "CHAT_CONVERSATION_CLOSED"),
    ]
    assert (events[2].agent_login, events[2].date) == ("jkowalski", at(8, 0, 0))
    assert (events[4].agent_login, events[4].date) == ("anowak", at(7, 0, 20))


def test_an_agent_answering_a_chat_already_theirs_is_not_assigned_again(fake):
    cid = fake.add_chat(closed=False, user_login="jkowalski")
    events = fake.collect_webhooks()
    fake.chat_reply(cid, "jkowalski", "Hello")
    assert events == []


async def test_refused_calls_and_other_changes_emit_nothing(http, fake):
    """Failed start/stop, client messages, erasing, deleting and rating send no event."""
    cid = fake.add_chat(closed=False)
    done = fake.add_chat()
    closed = fake.add_chat()
    events = fake.collect_webhooks()
    unknown_queue = await http.post(START, params={"chat_queue_id": 9})
    assert unknown_queue.status_code == 400
    assert error(await http.post(f"chat_conversations/{done}/stop"))[0] == 400
    assert (await http.post(f"chat_conversations/{cid}/message", json={"text": "x"})).is_success
    assert (await http.delete(f"chat_conversations/content/{cid}/both")).status_code == 204
    fake.rate_chat(done, 3)
    assert (await http.delete(f"chat_conversations/{done}")).status_code == 204
    with pytest.raises(ValueError, match="closed"):
        fake.chat_reply(closed, "jkowalski", "late")
    with pytest.raises(ValueError, match="closed"):
        fake.close_chat(closed)
    assert actions(events) == []


async def test_no_event_is_built_without_a_listener(http, fake, monkeypatch):
    """Nobody subscribed: the builders are never called, so the fake stays cheap."""

    def refuse(*args: object) -> WebhookEvent:
        raise AssertionError("built without a listener")

    for name in ("conversation_created", "agent_assigned", "conversation_closed"):
        monkeypatch.setattr(f"thulium_async.testing.chats._events.{name}", refuse)
        for module in ("chats._handlers", "chats._setup"):
            monkeypatch.setattr(f"thulium_async.testing.{module}.{name}", refuse, raising=False)
    cid = (await http.post(START, params={"chat_queue_id": 3})).json()["conversation_id"]
    fake.chat_reply(cid, "jkowalski", "Hi")
    assert (await http.post(f"chat_conversations/{cid}/stop")).status_code == 201
    other = fake.add_chat(closed=False, user_login="anowak")
    fake.close_chat(other)
    assert len(fake.chats()) == 2


async def test_only_the_subscribed_actions_are_delivered(fake):
    """A subscription limited to CHAT_CONVERSATION_CLOSED gets that event alone."""
    app = WebhookApp()
    seen: list[WebhookEvent] = []

    @app.on_any
    async def record(event: WebhookEvent) -> None:
        seen.append(event)

    fake.subscribe_webhooks(
        "http://receiver.local/hooks",
        actions={"CHAT_CONVERSATION_CLOSED"},
        transport=httpx2.ASGITransport(app=app),
    )
    cid = fake.add_chat(closed=False)
    fake.chat_reply(cid, "jkowalski", "Hi")
    fake.close_chat(cid)
    await fake.aclose()
    assert actions(seen) == ["CHAT_CONVERSATION_CLOSED"]
