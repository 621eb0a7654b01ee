"""The typed client against FakeThulium's account odds and ends: todos, webhooks, tags, SMS."""

from __future__ import annotations

import datetime as dt

import pytest

from thulium_async import errors
from thulium_async.models import Webhook
from thulium_async.testing import FakeThulium


def account() -> FakeThulium:
    fake = FakeThulium(strict=True, wall_clock=lambda: dt.datetime(2024, 5, 6, 9, 30, 15))
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    return fake


async def test_todos(connect) -> None:
    fake = account()
    async with connect(fake)() as client:
        created = await client.todos.create(user_login="jkowalski")
        todo = await client.todos.get(int(created["id"]))
        with pytest.raises(errors.ValidationError, match="Unknown user nobody in user_login"):
            await client.todos.create(user_login="nobody")
        with pytest.raises(errors.ValidationError, match="title"):
            await client.todos.create(user_login="jkowalski", title="Call back")
        with pytest.raises(errors.NotFoundError, match="Task not found"):
            await client.todos.get(9)
    assert created == {"id": "1"}
    assert todo == {"id": 1, "user_login": "jkowalski", "created_at": "2024-05-06 09:30"}
    assert fake.todos() == [todo]


async def test_webhooks(connect) -> None:
    fake = account()
    fake.add_webhook("https://example.com/", ["CHAT_AGENT_ASSIGNED"])
    async with connect(fake)() as client:
        created = await client.webhooks.create(
            actions=["TICKET_CREATED", "TICKET_CLOSED"],
            subscription_url="https://example.pl/hooks",
            http_auth_user="hook",
            http_auth_password="secret",
        )
        listed = await client.webhooks.list()
        await client.webhooks.delete(1)
        after = await client.webhooks.list()
        with pytest.raises(errors.NotFoundError, match="Webhook not found"):
            await client.webhooks.delete(1)
        with pytest.raises(errors.ValidationError, match="Unknown webhook action"):
            await client.webhooks.create(actions=["NOT_AN_ACTION"], subscription_url="https://e.pl")
    assert created == Webhook(
        id=2,
        actions=["TICKET_CREATED", "TICKET_CLOSED"],
        subscription_url="https://example.pl/hooks",
        http_auth_user="hook",
        http_auth_password="secret",
    )
    assert listed == [
        Webhook(id=1, actions=["CHAT_AGENT_ASSIGNED"], subscription_url="https://example.com/"),
        created,
    ]
    assert listed[0].http_auth_password is None
    assert after == [created]
    assert [w["id"] for w in fake.webhooks()] == [2]


async def test_tags(connect) -> None:
    fake = account()
    fake.add_call(tags=["vip"])
    async with connect(fake)() as client:
        assert await client.tags.create(tags=["new", "vip"]) is None
        assert await client.tags.create(tags=["vip"]) is None
        with pytest.raises(errors.InputError, match=r"tags\[1\]"):
            await client.tags.create(tags=["ok", " "])  # refused before the wire, as the fake would
    assert fake.tags() == ["vip", "new"]
    assert [r.endpoint for r in fake.requests] == ["POST tags", "POST tags"]


async def test_send_sms(connect) -> None:
    fake = account()
    async with connect(fake)() as client:
        answer = await client.sms_messages.create(phone_number="+48500100200", text="Dzień dobry")
        with pytest.raises(errors.ValidationError, match="sender"):
            await client.sms_messages.create(phone_number="500100200", text="x", sender="ACME")
    assert answer == {"status": "success"}
    assert fake.sent_sms() == [
        {"phone_number": "+48500100200", "text": "Dzień dobry", "sent_at": "2024-05-06 09:30:15"}
    ]
