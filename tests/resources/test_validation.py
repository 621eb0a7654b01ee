"""Bad inputs raise InputError naming the field, before any request is sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import respx

import thulium_async as th

Call = Callable[[th.Client], Awaitable[Any]]

LOGINS = ["a"]
DAY = "2024-05-01"

CASES: list[tuple[str, str, Call]] = [
    # agents
    ("login with a slash", "login", lambda c: c.agents.get("a/b")),
    ("dot segment login", "login", lambda c: c.agents.status.get("..")),
    ("empty login", "login", lambda c: c.agents.last_queue_call.get("")),
    ("non-bool flag", "include_logged_off", lambda c: c.agents_statuses.list(include_logged_off=1)),
    (
        "extension not digits",
        "number",
        lambda c: c.agents.create(name="J", surname="K", login="jk", password="p", number="12a"),
    ),
    (
        "empty password",
        "password",
        lambda c: c.agents.create(name="J", surname="K", login="jk", password="", number="1"),
    ),
    (
        "unknown language",
        "language",
        lambda c: c.agents.create(
            name="J", surname="K", login="jk", password="p", number="1", language="de"
        ),
    ),
    (
        "unknown outbound mode",
        "outbound_mode",
        lambda c: c.agents.create(
            name="J", surname="K", login="jk", password="p", number="1", outbound_mode="fast"
        ),
    ),
    (
        "bad role id",
        "roles[1]",
        lambda c: c.agents.create(
            name="J", surname="K", login="jk", password="p", number="1", roles=[1, 0]
        ),
    ),
    ("nothing to call", "phone_number", lambda c: c.agents.call("jk")),
    ("bad number to call", "phone_number", lambda c: c.agents.call("jk", phone_number="12 34")),
    (
        "bad campaign id",
        "outbound_id",
        lambda c: c.agents.call("jk", customer_id=1, outbound_id="12"),
    ),
    (
        "custom data type",
        "custom_data",
        lambda c: c.agents.call("jk", customer_id=1, custom_data=5),
    ),
    ("negative pause id", "pause_id", lambda c: c.agents.pause("jk", pause_id=-1)),
    ("bool pause id", "pause_id", lambda c: c.agents.pause("jk", pause_id=True)),
    ("bad destination", "destination", lambda c: c.agents.transfer("jk", destination="")),
    # agents_work_report
    ("no agents", "agent_logins", lambda c: c.agents_work_report.list(date_from=DAY, date_to=DAY)),
    (
        "bad date",
        "date_from",
        lambda c: c.agents_work_report.list(
            agent_logins=LOGINS, date_from="2024-13-01", date_to=DAY
        ),
    ),
    (
        "reversed range",
        "date_to",
        lambda c: c.agents_work_report.list(
            agent_logins=LOGINS, date_from=DAY, date_to="2024-04-30"
        ),
    ),
    (
        "unknown aggregate_by",
        "aggregate_by",
        lambda c: c.agents_work_report.list(
            agent_logins=LOGINS, date_from=DAY, date_to=DAY, aggregate_by="decade"
        ),
    ),
    (
        "a lone login string",
        "agent_logins",
        lambda c: c.agents_work_report.list(agent_logins="jk", date_from=DAY, date_to=DAY),
    ),
    (
        "threshold out of range",
        "outbound_threshold",
        lambda c: c.agents_work_report.list(
            agent_logins=LOGINS, date_from=DAY, date_to=DAY, outbound_threshold=-1
        ),
    ),
    (
        "page too big",
        "page_size",
        lambda c: c.agents_work_report.list(
            agent_logins=LOGINS, date_from=DAY, date_to=DAY, page_size=101
        ),
    ),
    (
        "month rows split by day",
        "aggregate_by",
        lambda c: c.agents_work_report.collect(
            date_from=DAY, date_to=DAY, logins=LOGINS, aggregate_by="month"
        ),
    ),
    (
        "week rows split by week",
        "aggregate_by",
        lambda c: c.agents_work_report.collect(
            date_from=DAY, date_to=DAY, logins=LOGINS, split="week", aggregate_by="week"
        ),
    ),
    (
        "unknown split",
        "split",
        lambda c: c.agents_work_report.collect(
            date_from=DAY, date_to=DAY, logins=LOGINS, split="month"
        ),
    ),
    (
        "no logins",
        "logins",
        lambda c: c.agents_work_report.collect(date_from=DAY, date_to=DAY, logins=[]),
    ),
    (
        "zero concurrency",
        "concurrency",
        lambda c: c.agents_work_report.collect(
            date_from=DAY, date_to=DAY, logins=LOGINS, concurrency=0
        ),
    ),
    (
        "bad queue id in collect",
        "queues_ids[0]",
        lambda c: c.agents_work_report.collect(
            date_from=DAY, date_to=DAY, logins=LOGINS, queues_ids=["x"]
        ),
    ),
    # users, todos, webhooks, topics, tags, sms
    ("user login", "login", lambda c: c.users.get("a?b")),
    ("todo id", "id", lambda c: c.todos.get(0)),
    ("todo assignee", "user_login", lambda c: c.todos.create(user_login=" ")),
    ("todo field type", "due", lambda c: c.todos.create(user_login="jk", due=object())),
    ("webhook id", "id", lambda c: c.webhooks.delete(-5)),
    (
        "webhook action",
        "actions[0]",
        lambda c: c.webhooks.create(actions=["chat created"], subscription_url="https://e.pl"),
    ),
    (
        "webhook url",
        "subscription_url",
        lambda c: c.webhooks.create(actions=["X"], subscription_url="ftp://e.pl"),
    ),
    (
        "webhook user alone",
        "http_auth_password",
        lambda c: c.webhooks.create(
            actions=["X"], subscription_url="https://e.pl", http_auth_user="u"
        ),
    ),
    ("a lone tag string", "tags", lambda c: c.tags.create(tags="vip")),
    ("empty tag", "tags[1]", lambda c: c.tags.create(tags=["vip", ""])),
    ("sms number", "phone_number", lambda c: c.sms_messages.create(phone_number="abc", text="x")),
    ("sms text", "text", lambda c: c.sms_messages.create(phone_number="500", text="")),
    # files, calls, recordings, queues
    ("bytes without name", "filename", lambda c: c.temporary_files.create(b"x")),
    ("bad file name", "filename", lambda c: c.temporary_files.create(b"x", filename="a/b.txt")),
    ("missing file", "data_or_path", lambda c: c.temporary_files.create("/no/such/file.txt")),
    ("text as data", "data_or_path", lambda c: c.temporary_files.create(12)),
    ("float connection id", "connection_id", lambda c: c.connections.topic.get(1416225570.341)),
    (
        "connection date",
        "date_to",
        lambda c: c.connections.list(date_to="2014-07-14T12:34"),
    ),
    ("lone tag filter", "tags", lambda c: c.connections.list(tags="vip")),
    ("queue filter", "queue_id", lambda c: c.connections.list(queue_id=0)),
    (
        "recording range",
        "date_to",
        lambda c: c.recordings.list(date_from=DAY, date_to="2024-04-01"),
    ),
    ("recording name", "filename", lambda c: c.recordings.download(filename="", path="x.wav")),
    (
        "download directory",
        "path",
        lambda c: c.recordings.download(filename="a.wav", path="/no/such/dir/a.wav"),
    ),
    ("queue id", "queue_id", lambda c: c.queues.waiting_list.list(0)),
    ("queue topics id", "queue_id", lambda c: c.queues.topics.list("two")),
    (
        "bare day to call",
        "call_at",
        lambda c: c.queues.schedule_call(2, phone_number="500", call_at=dt.date(2024, 5, 1)),
    ),
    (
        "bad moment to call",
        "call_at",
        lambda c: c.queues.schedule_call(2, phone_number="500", call_at="2024-05-01 25:00"),
    ),
]


async def _invoke(call: Call, client: th.Client) -> None:
    result = call(client)
    if isinstance(result, th.Paginator):  # the error must come at call time
        pytest.fail("expected the call itself to raise")
    await result


@pytest.mark.parametrize(("field", "call"), [pytest.param(f, c, id=i) for i, f, c in CASES])
async def test_bad_input_is_refused_before_sending(
    guard: respx.MockRouter, client: th.Client, field: str, call: Call
) -> None:
    """The call raises InputError naming the field, and no request leaves the client."""
    with pytest.raises(th.errors.InputError) as caught:
        await _invoke(call, client)
    assert caught.value.field == field
    assert not guard.calls


async def test_stream_checks_the_name_at_call_time(
    guard: respx.MockRouter, client: th.Client
) -> None:
    """recordings.stream refuses a bad filename when called, before entering the block."""
    with pytest.raises(th.errors.InputError) as caught:
        client.recordings.stream(filename="  ")
    assert caught.value.field == "filename"
    assert not guard.calls


async def test_download_refuses_a_directory_as_target(
    guard: respx.MockRouter, client: th.Client, tmp_path: Path
) -> None:
    """A directory is not a file path: refused before any request."""
    with pytest.raises(th.errors.InputError, match="path"):
        await client.recordings.download(filename="a.wav", path=tmp_path)
    assert not guard.calls


async def test_webhook_password_never_in_the_error(
    guard: respx.MockRouter, client: th.Client
) -> None:
    """A password without a user is refused without echoing the password."""
    with pytest.raises(th.errors.InputError) as caught:
        await client.webhooks.create(
            actions=["X"], subscription_url="https://e.pl", http_auth_password="s3cret"
        )
    assert "s3cret" not in str(caught.value)
    assert not guard.calls
