"""The typed tickets client against FakeThulium, in process and over loopback HTTP."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from thulium_async import errors
from thulium_async.models import (
    TemporaryFile,
    TicketBodyType,
    TicketDirection,
    TicketMessageType,
    TicketSource,
)
from thulium_async.testing import FakeThulium, ManualClock

WARSAW = ZoneInfo("Europe/Warsaw")
NOW = dt.datetime(2024, 5, 6, 9, 0)


def account(clock: ManualClock) -> FakeThulium:
    fake = FakeThulium(strict=True, wall_clock=clock)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    fake.add_customer(customer_id=7, email="jan@foo.bar", company_id=21)
    fake.add_ticket_queue("Support", email="support@foo.bar", ticket_queue_id=32)
    fake.add_ticket_category("Complaints", category_id=3)
    fake.add_ticket_status("Escalated", substatuses=("Level 1",), status_id=8)
    return fake


def local(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=WARSAW)


async def test_ticket_lifecycle(connect, tmp_path) -> None:
    """Upload, create, read, change, answer, comment, detach and delete through the client."""
    clock = ManualClock(NOW)
    fake = account(clock)
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG" + bytes(70_000))
    async with connect(fake)() as client:
        uploaded = await client.temporary_files.create(scan)
        assert uploaded == TemporaryFile(filename="scan.png", token=uploaded.token, size=70_004)
        ticket_id = await client.tickets.create(
            to="support@foo.bar",
            subject="Broken phone",
            body="It does not ring.",
            from_="jan@foo.bar",
            body_type=TicketBodyType.HTML,
            comment="VIP",
            cc=["boss@foo.bar"],
            attachments=[uploaded.token],
            source=TicketSource.PHONE,
            direction=TicketDirection.IN_BEHALF_OF,
            user_login="jkowalski",
            customer_id=7,
            tags=["urgent"],
            status_id=8,
            substatus_id=1,
            category_id=3,
            ticket_queue_id=32,
            custom_fields={"Order": "A-17"},
        )
        assert ticket_id == 1
        clock.now = NOW + dt.timedelta(hours=26, minutes=30)
        # An upload serves for 24 hours: the reply's file is uploaded just before it.
        note = await client.temporary_files.create(b"hello", filename="note.txt")
        await client.tickets.agent_response(
            ticket_id,
            body="<p>On it</p>",
            user_login="jkowalski",
            date=dt.datetime(2024, 5, 7, 11, 0),
            attachments=[note.token],
        )
        await client.tickets.customer_response(ticket_id, body="Thanks", body_type="PLAIN")
        await client.tickets.comment(ticket_id, comment="Replacement sent", user_login="jkowalski")
        await client.tickets.update(ticket_id, status_id=4, tags=["urgent", "done"])

        ticket = await client.tickets.get(ticket_id, include_custom_fields=True)
        assert (ticket.ticket_id, ticket.subject, ticket.from_) == (
            1,
            "Broken phone",
            "jan@foo.bar",
        )
        assert (ticket.ticket_queue_id, ticket.ticket_queue_name) == (32, "Support")
        assert (ticket.status_id, ticket.substatus_id, ticket.category_id) == (4, None, 3)
        assert ticket.full_status_name == "Closed"
        assert (ticket.customer_id, ticket.user_login) == (7, "jkowalski")
        assert ticket.created_at == local(2024, 5, 6, 9, 0)
        assert ticket.updated_at == ticket.closed_at == local(2024, 5, 7, 11, 30)
        assert ticket.close_time == "26:30:00"
        assert ticket.close_time.timedelta == dt.timedelta(hours=26, minutes=30)
        assert ticket.first_agent_responded_at == local(2024, 5, 7, 11, 0)
        assert ticket.first_agent_response_time.seconds == 26 * 3600
        assert ticket.custom_fields == {"Order": "A-17"}
        messages = ticket.messages or []
        assert [m.type for m in messages] == [
            TicketMessageType.MAIL,
            TicketMessageType.COMMENT,
            TicketMessageType.REPLY,
            TicketMessageType.MAIL,
            TicketMessageType.COMMENT,
            TicketMessageType.COMMENT,
        ]
        assert messages[0].body == "It does not ring."
        assert messages[0].attachments == [
            {"filename": "scan.png", "token": uploaded.token, "size": 70_004}
        ]
        assert (messages[1].comment, messages[1].body, messages[1].user_login) == (
            "VIP",
            None,
            None,
        )
        assert messages[4].user_login == "jkowalski"
        assert messages[5].system_comment == "Changed status from [Escalated - Level 1] to [Closed]"

        await client.tickets.attachments.delete(ticket_id, note.token)
        assert (await client.tickets.get(ticket_id)).messages[2].attachments == []
        with pytest.raises(errors.NotFoundError):
            await client.tickets.attachments.delete(ticket_id, note.token)
        meta = fake.ticket_meta(ticket_id)
        assert (meta["tags"], meta["cc"], meta["source"]) == (
            ["urgent", "done"],
            ["boss@foo.bar"],
            "phone",
        )
        assert list(meta["body_types"].values())[:4] == ["HTML", "", "HTML", "PLAIN"]
        await client.tickets.delete(ticket_id)
        with pytest.raises(errors.NotFoundError):
            await client.tickets.get(ticket_id)
    assert fake.tickets() == []


async def test_list_filters_and_pages(connect) -> None:
    """The paginator walks filtered tickets newest-modified first, with the server's count."""
    fake = account(ManualClock(NOW))
    for day in range(1, 31):
        fake.add_ticket(
            customer_id=7 if day % 2 else None,
            created_at=f"2024-04-{day:02d} 08:00",
            updated_at=f"2024-04-{day:02d} 10:00",
            custom_fields={"Kraj": "PL" if day % 3 else "NO"},
        )
    async with connect(fake)() as client:
        everything = client.tickets.list(page_size=7)
        assert await everything.count() == 30
        ids = [t.ticket_id async for t in everything]
        assert ids == list(range(30, 0, -1))
        odd = await client.tickets.list(customer_id=7, company_id=21, page_size=4).to_list()
        assert [t.ticket_id for t in odd] == list(range(29, 0, -2))
        assert odd[0].updated_at == local(2024, 4, 29, 10, 0)
        assert odd[0].status_id == 1
        window = client.tickets.list(
            date_from=dt.date(2024, 4, 10),
            date_to="2024-04-12 10:00",
            create_date_from=dt.datetime(2024, 4, 11, 8, 0),
            custom_fields={"Kraj": ["PL", "NO"]},
            source=TicketSource.EMAIL,
            status_id=[1, 8],
            ticket_queue_id=32,
        )
        assert [t.ticket_id async for t in window] == [12, 11]
        assert await client.tickets.list(custom_fields={"Kraj": "NO"}, max_items=3).to_list()
        none = client.tickets.list(user_login="jkowalski", category_id=3, message_id=999)
        assert await none.to_list() == []


async def test_get_many_reports_missing_ids(connect) -> None:
    fake = account(ManualClock(NOW))
    for _ in range(3):
        fake.add_ticket()
    async with connect(fake)() as client:
        result = await client.tickets.get_many([3, 99, 1, 3, 50], concurrency=2)
    assert [item.id for item in result] == [3, 99, 1, 3, 50]
    assert sorted(result.found) == [1, 3]
    assert result.found[3].messages is not None
    assert result.missing == [99, 50]
    assert result.failed == {}
    assert isinstance(result.items[1].error, errors.NotFoundError)


async def test_dictionaries_and_today_stats(connect) -> None:
    clock = ManualClock(NOW)
    fake = account(clock)
    fake.add_ticket(created_at="2024-05-01 08:00")
    fake.add_ticket(user_login="jkowalski")
    async with connect(fake)() as client:
        queues = await client.ticket_queues.list()
        assert queues == [{"ticket_queue_id": 32, "name": "Support", "email": "support@foo.bar"}]
        assert await client.ticket_categories.list() == [{"category_id": 3, "name": "Complaints"}]
        statuses = await client.ticket_statuses.list()
        assert [s["status_id"] for s in statuses] == [1, 2, 3, 4, 8]
        assert statuses[-1]["substatuses"] == [{"substatus_id": 1, "name": "Level 1"}]
        await client.tickets.agent_response(2, body="Hi", user_login="jkowalski")
        stats = await client.tickets.today_stats.get()
    assert stats["date"] == "2024-05-06"
    assert (stats["created"], stats["responded"], stats["open"]) == (1, 1, 2)


async def test_api_errors_reach_the_client(connect) -> None:
    fake = account(ManualClock(NOW))
    fake.add_ticket()
    async with connect(fake)() as client:
        with pytest.raises(errors.ValidationError) as caught:
            await client.tickets.create(to="nobody@foo.bar", subject="S", body="B")
        assert "nobody@foo.bar is not a mailbox" in str(caught.value)
        with pytest.raises(errors.ValidationError):
            await client.tickets.update(1, status_id=99)
        with pytest.raises(errors.ValidationError):
            await client.tickets.agent_response(1, body="x", user_login="ghost")
        with pytest.raises(errors.NotFoundError):
            await client.tickets.comment(5, comment="x")
