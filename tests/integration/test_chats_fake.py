"""The typed client against FakeThulium's chats, in process and over loopback HTTP."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from thulium_async import errors
from thulium_async.models import (
    AggregateBy,
    Chat,
    ChatClientData,
    ChatFile,
    ChatParticipant,
    ChatQueue,
    ChatSentBy,
    ChatStatus,
    ChatSummaryRow,
    Duration,
)
from thulium_async.testing import FakeThulium, ManualClock

WARSAW = "Europe/Warsaw"


def account(clock: ManualClock | None = None) -> FakeThulium:
    fake = FakeThulium(strict=True, wall_clock=clock)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    fake.add_agent("anowak", name="Anna", surname="Nowak")
    fake.add_chat_queue("BOK", chat_queue_id=3)
    fake.add_chat_queue("service", display_name="Service queue", chat_queue_id=4)
    return fake


async def test_a_conversation_through_its_whole_life(connect) -> None:
    """start, message, agent reply, list, erase the client's texts, stop, delete."""
    clock = ManualClock(dt.datetime(2024, 5, 6, 10, 0, 0, 250000))
    fake = account(clock)
    customer = fake.add_customer(name="Ewa", surname="Lis", email="ewa@example.org")
    async with connect(fake)() as client:
        assert await client.chats.queues.list() == [
            ChatQueue(chat_queue_id=3, name="BOK", display_name=None),
            ChatQueue(chat_queue_id=4, name="service", display_name="Service queue"),
        ]
        cid = await client.chat_conversations.start(
            chat_queue_id=4, client_name="Ewa", client_surname="Lis", customer_id=customer
        )
        clock.advance(3)
        await client.chat_conversations.message(cid, text="Dzień dobry")
        clock.advance(9)
        fake.chat_reply(cid, "anowak", "Witam!")

        [chat] = await client.chats.list(include_messages=True).to_list()
        assert isinstance(chat, Chat)
        assert (chat.conversation_id, chat.chat_queue_id, chat.customer_id) == (cid, 4, customer)
        assert (chat.client_name, chat.client_email) == ("Ewa Lis", "ewa@example.org")
        assert (chat.status, chat.user_login, chat.closed_at) == (
            ChatStatus.IN_PROGRESS,
            "anowak",
            None,
        )
        assert chat.created_at is not None
        assert chat.created_at.replace(tzinfo=None) == dt.datetime(2024, 5, 6, 10, 0, 0, 250000)
        assert str(chat.created_at.tzinfo) == WARSAW
        assert chat.messages is not None
        client_line, agent_line = chat.messages
        assert (client_line.sent_by, client_line.message, client_line.user_login) == (
            ChatSentBy.CLIENT,
            "Dzień dobry",
            None,
        )
        assert (agent_line.sent_by, agent_line.user_name, agent_line.user_login) == (
            ChatSentBy.USER,
            "Anna Nowak",
            "anowak",
        )
        assert agent_line.date is not None
        assert agent_line.date.replace(tzinfo=None) == dt.datetime(2024, 5, 6, 10, 0, 12)
        assert chat.files is None

        await client.chat_conversations.content.delete(cid, ChatParticipant.CUSTOMER)
        [erased] = await client.chats.list(include_messages=True).to_list()
        assert erased.messages is not None
        assert [m.message for m in erased.messages] == [None, "Witam!"]  # "" reads as None

        clock.advance(60)
        await client.chat_conversations.stop(cid)
        [closed] = await client.chats.list(status=ChatStatus.CLOSED).to_list()
        assert closed.closed_at is not None
        assert closed.closed_at.replace(tzinfo=None) == dt.datetime(2024, 5, 6, 10, 1, 12, 250000)
        with pytest.raises(errors.ValidationError, match="already closed"):
            await client.chat_conversations.message(cid, text="Halo?")
        with pytest.raises(errors.ValidationError, match="already closed"):
            await client.chat_conversations.stop(cid)

        await client.chat_conversations.delete(cid)
        assert await client.chats.list().to_list() == []
        with pytest.raises(errors.NotFoundError, match="Chat conversation not found"):
            await client.chat_conversations.delete(cid)
        with pytest.raises(errors.ValidationError, match="Chat queue not found"):
            await client.chat_conversations.start(chat_queue_id=9)


async def test_list_pages_filters_and_included_parts(connect) -> None:
    fake = account()
    for n in range(7):
        fake.add_chat(
            conversation_id=f"chat-{n}",
            chat_queue_id=3 if n % 2 else 4,
            created_at=f"2024-05-0{n + 1} 12:00:00.125",
            user_login="jkowalski",
            messages=[("CLIENT", "Hi"), ("USER", "Hello")],
            closed=n < 5,
            files=[{"token": f"tok{n}", "sent_by": "USER", "user_login": "jkowalski"}],
            client_data={"browser": "Firefox 120", "os": "Linux"},
            rating=1 + n % 3,
        )
    async with connect(fake)() as client:
        pager = client.chats.list(page_size=2)
        assert await pager.count() == 7
        every = await client.chats.list(page_size=2).to_list()
        assert [c.conversation_id for c in every] == [f"chat-{n}" for n in range(7)]
        assert [c.rating for c in every] == [1, 2, 3, 1, 2, 3, 1]

        window = client.chats.list(
            date_from=dt.date(2024, 5, 2), date_to="2024-05-06 11:59", chat_queue_id=3
        )
        assert [c.conversation_id for c in await window.to_list()] == ["chat-1", "chat-3"]
        still_open = await client.chats.list(status="IN_PROGRESS").to_list()
        assert [c.conversation_id for c in still_open] == ["chat-5", "chat-6"]

        [first] = await client.chats.list(
            include_files=True, include_client_data=True, max_items=1
        ).to_list()
        assert first.messages is None
        assert first.files is not None
        [sent] = first.files
        assert isinstance(sent, ChatFile)
        assert (sent.token, sent.sent_by, sent.user_name) == (
            "tok0",
            ChatSentBy.USER,
            "Jan Kowalski",
        )
        assert sent.date is not None
        assert sent.date.replace(tzinfo=None) == dt.datetime(2024, 5, 1, 12, 0, 0)
        assert first.client_data == ChatClientData(browser="Firefox 120", os="Linux")


async def test_summary_rows_parse_into_typed_values(connect) -> None:
    fake = account()
    fake.add_chat(
        created_at="2024-11-20 09:00:00",
        user_login="jkowalski",
        messages=[
            {"message": "Hello", "date": "2024-11-20 09:00:02"},
            {"message": "Hi", "sent_by": "USER", "date": "2024-11-20 09:00:30"},
        ],
        closed_at="2024-11-20 09:01:18",
        rating=3,
    )
    async with connect(fake)() as client:
        rows = await client.chats.reports.summary.list(
            user_logins=["jkowalski"],
            date_from=dt.date(2024, 11, 8),
            date_to="2024-12-08",
            aggregate_by=AggregateBy.DAY,
            response_threshold=30,
        ).to_list()
    [row] = rows
    assert isinstance(row, ChatSummaryRow)
    assert (row.series, row.user_name, row.incoming, row.answered) == (
        "2024-11-20",
        "Jan Kowalski",
        1,
        1,
    )
    assert (row.sla_percent, row.service_level_percent) == (100.0, 100.0)
    assert row.wait_time is not None
    assert row.chat_time is not None
    assert isinstance(row.wait_time.avg, Duration)
    assert row.wait_time.avg.timedelta == dt.timedelta(seconds=30)
    assert row.chat_time.sum is not None
    assert row.chat_time.sum.timedelta == dt.timedelta(seconds=48)
    assert row.rating is not None
    assert row.rating.rate is not None
    assert (row.rating.rate.happy, row.rating.satisfaction_percent) == (1, 100.0)


def busy_quarter(fake: FakeThulium) -> None:
    """A chat every 7 h 13 min from mid-January to mid-March 2024, plus chats on the
    last and first second of each month; agents alternate, every fifth is abandoned."""
    moment = dt.datetime(2024, 1, 14, 20, 0, 0, 400000)
    edges = [
        dt.datetime(2024, 1, 31, 23, 59, 59, 900000),
        dt.datetime(2024, 2, 1, 0, 0, 0),
        dt.datetime(2024, 2, 29, 23, 59, 59, 500000),
        dt.datetime(2024, 3, 1, 0, 0, 0, 1000),
    ]
    moments = list(edges)
    while moment < dt.datetime(2024, 3, 12):
        moments.append(moment)
        moment += dt.timedelta(hours=7, minutes=13)
    logins = itertools.cycle(["jkowalski", "anowak", "jkowalski"])
    for n, start in enumerate(sorted(moments)):
        stamp = start.isoformat(sep=" ", timespec="milliseconds")
        if n % 5 == 4:
            fake.add_chat(created_at=stamp, messages=[("CLIENT", "Hello?")])
            continue
        wait = dt.timedelta(seconds=5 + n % 40)
        fake.add_chat(
            created_at=stamp,
            user_login=next(logins),
            chat_queue_id=3 + n % 2,
            messages=[
                ("CLIENT", "Hello"),
                {"message": "Hi", "sent_by": "USER", "date": f"{start + wait:%Y-%m-%d %H:%M:%S}"},
            ],
            rating=None if n % 3 == 0 else 1 + n % 3,
        )


@pytest.mark.parametrize(
    ("aggregate_by", "filters", "pages"),
    [
        (AggregateBy.DAY, {}, 2),
        (AggregateBy.HOUR, {"sum_users": True}, 2),
        (AggregateBy.WEEK, {"user_logins": ["anowak"]}, 1),
        (AggregateBy.MONTH, {"chat_queue_ids": [3], "response_threshold": 10}, 1),
    ],
)
async def test_collect_over_split_ranges_equals_one_whole_range_answer(
    connect, aggregate_by, filters, pages
) -> None:
    """The client's splitter against a report the fake computes: same rows, same order.

    The whole-range answers of day and hour rows exceed 100 rows, so they are paged.
    """
    fake = account()
    busy_quarter(fake)
    async with connect(fake)() as client:
        summary = client.chats.reports.summary
        bounds = {"date_from": dt.date(2024, 1, 15), "date_to": "2024-03-10"}
        split = await summary.collect(**bounds, aggregate_by=aggregate_by, **filters)
        assert len(fake.requests) > 1
        fake.clear_requests()
        whole = await summary.collect(**bounds, aggregate_by=aggregate_by, split=None, **filters)
        assert len(fake.requests) == pages
        listed = await summary.list(**bounds, aggregate_by=aggregate_by, **filters).to_list()
    assert split == whole == listed
    assert len(whole) > 3
    assert sum(row.incoming_including_empty or 0 for row in whole) > 20
