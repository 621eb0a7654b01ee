"""The typed client against FakeThulium's calls area, in process and over loopback HTTP."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import anyio
import pytest

from thulium_async import errors
from thulium_async.models import (
    CallDisposition,
    CallType,
    ConnectionTopic,
    QueueTopics,
    Recording,
    Topic,
    TopicCustomField,
    TopicFieldValue,
    TopicGroup,
    WaitingCaller,
)
from thulium_async.testing import FakeThulium


def account() -> FakeThulium:
    """A fake with an agent, a queue with two topic groups, a customer and one full call."""
    fake = FakeThulium(strict=True, wall_clock=lambda: dt.datetime(2024, 5, 6, 12, 0, 0))
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    sales = fake.add_topic_group("Sprzedaż")
    fake.add_topic_group("Pusta")
    fake.add_topic("Zamówienie", group_id=sales)
    fake.add_topic("Reklamacja", group_id=sales, show_custom_fields=False)
    fake.add_topic_field("Uwagi", type="LONG_TEXT")
    fake.add_queue("Sprzedaż", queue_id=2, topic_groups=[sales, 2])
    fake.add_customer(customer_id=123, name="Jan", surname="Nowak", phone_number="746842523")
    fake.add_call(
        connection_id="1416225570.341",
        date="2014-07-07 11:08:15",
        src="746842523",
        dst="1234",
        type="OUTBOUND",
        duration=129,
        billsec=104,
        user_login="jkowalski",
        queue_id=2,
        topic_id=1,
        customer_id=123,
        ticket_id=3,
        tags=["vip"],
        disconnected_by="Agent",
        recording=True,
        folder="sprzedaz",
    )
    fake.set_call_topic(
        "1416225570.341", 1, agent_login="jkowalski", comment="OK", custom_fields={1: "pilne"}
    )
    return fake


FILENAME = "sprzedaz/2014-07-07/2014-07-07_110815_1416225570.341.wav"


async def test_list_connections_typed(connect) -> None:
    fake = account()
    fake.add_call(date="2014-07-08 10:00:00", disposition="NO ANSWER")
    async with connect(fake)() as client:
        [call] = await client.connections.list(
            date_from=dt.date(2014, 7, 7),
            date_to=dt.datetime(2014, 7, 7, 11, 8),
            user_login="jkowalski",
            queue_id=2,
            topic_id=1,
            customer_id=123,
            tags=["vip", "other"],
            include_tags=True,
            include_topics=True,
        ).to_list()
        missed = await client.connections.list(date_from="2014-07-08").to_list()
    assert call.date == dt.datetime(2014, 7, 7, 11, 8, tzinfo=call.date.tzinfo)
    assert str(call.date.tzinfo) == "Europe/Warsaw"
    assert (call.connection_id, call.src, call.dst) == ("1416225570.341", "746842523", "1234")
    assert call.disposition is CallDisposition.ANSWERED
    assert call.type is CallType.OUTBOUND
    assert (call.duration, call.billsec, call.ticket_id) == (129, 104, 3)
    assert (call.user, call.user_login) == ("Jan Kowalski", "jkowalski")
    assert (call.queue_id, call.topic_id, call.customer_id) == (2, 1, 123)
    assert call.filename == FILENAME
    assert call.outbound_result is None
    assert (call.disconnected_by, call.transferred_to) == ("Agent", None)
    assert call.tags == ["vip"]
    assert call.topics == [
        {"id": 1, "name": "Zamówienie", "show_custom_fields": True, "group_name": "Sprzedaż"}
    ]
    [no_answer] = missed
    assert no_answer.disposition is CallDisposition.NO_ANSWER
    assert (no_answer.queue_id, no_answer.user_login, no_answer.filename) == (None, None, None)


async def test_concurrent_paging_reads_each_call_once(connect) -> None:
    """A report job pulling 1234 calls 8 pages at a time gets each once, newest first."""
    fake = FakeThulium(strict=True)
    made = [
        fake.add_call(
            date=f"2024-05-{1 + n // 1000:02d} 08:{n % 1000 // 60:02d}:{n % 1000 % 60:02d}"
        )
        for n in range(1234)
    ]
    async with connect(fake)() as client:
        pager = client.connections.list(concurrency=8)
        assert await pager.count() == 1234
        ids = [call.connection_id async for call in pager]
        later = await client.connections.list(date_from="2024-05-02", page_size=50).to_list()
    assert ids == made[::-1]
    assert [c.connection_id for c in later] == made[1000:][::-1]


async def test_connection_topic_typed(connect) -> None:
    fake = account()
    fake.add_call(connection_id="2.2")
    async with connect(fake)() as client:
        topic = await client.connections.topic.get("1416225570.341")
        with pytest.raises(errors.NotFoundError, match="No topic is saved"):
            await client.connections.topic.get("2.2")
        with pytest.raises(errors.NotFoundError, match="Connection not found"):
            await client.connections.topic.get("3.3")
    assert topic == ConnectionTopic(
        topic_id=1,
        agent_login="jkowalski",
        comment="OK",
        custom_fields=[TopicFieldValue(field_id=1, value="pilne")],
    )


async def test_list_recordings_typed(connect) -> None:
    fake = account()
    fake.add_call(date="2014-07-09 10:00:00")  # not recorded
    async with connect(fake)() as client:
        recordings = await client.recordings.list(
            date_from="2014-07-07 11:10", date_to=dt.date(2014, 7, 7), src="746842523"
        ).to_list()
        assert await client.recordings.list(date_from="2014-07-07 11:11").to_list() == []
    tz = recordings[0].created_at.tzinfo if recordings[0].created_at else None
    assert recordings == [
        Recording(
            filename=FILENAME,
            date=dt.datetime(2014, 7, 7, 11, 8, tzinfo=tz),
            created_at=dt.datetime(2014, 7, 7, 11, 10, tzinfo=tz),
            src="746842523",
            dst="1234",
            disposition=CallDisposition.ANSWERED,
            type=CallType.OUTBOUND,
            duration=129,
            billsec=104,
            user="Jan Kowalski",
            connection_id="1416225570.341",
        )
    ]


async def test_stream_a_recording(connect) -> None:
    fake = account()
    async with connect(fake)() as client:
        async with client.recordings.stream(filename=FILENAME) as audio:
            assert audio.content_type == "audio/x-wav"
            chunks = [chunk async for chunk in audio.aiter_bytes(16 * 1024)]
        assert audio.bytes_received == audio.content_length == 104 * 8000 + 44
        assert b"".join(chunks)[:4] == b"RIFF"
        assert len(chunks) > 1
        with pytest.raises(errors.NotFoundError, match="Recording not found"):
            async with client.recordings.stream(filename="nagrania/none.wav"):
                pytest.fail("an unknown recording must not stream")


async def test_download_a_multi_megabyte_recording(connect, tmp_path: Path) -> None:
    """Five MiB of audio arrive in chunks and land on disk byte for byte."""
    audio = bytes(range(251)) * (5 * 1024 * 1024 // 251 + 1)
    fake = FakeThulium(strict=True)
    call = fake.add_call(date="2024-05-06 10:00:00", recording=audio)
    filename = f"nagrania/2024-05-06/2024-05-06_100000_{call}.wav"
    target = tmp_path / "call.wav"
    async with connect(fake)() as client:
        written = await client.recordings.download(filename=filename, path=target)
        with pytest.raises(errors.NotFoundError):
            await client.recordings.download(filename="nagrania/x.wav", path=tmp_path / "x.wav")
    assert written == len(audio)
    assert await anyio.Path(target).read_bytes() == audio
    assert [p.name async for p in anyio.Path(tmp_path).iterdir()] == ["call.wav"]


async def test_queue_topics_and_account_topics_typed(connect) -> None:
    fake = account()
    async with connect(fake)() as client:
        queue_topics = await client.queues.topics.list(2)
        topics = await client.topics.list()
        with pytest.raises(errors.NotFoundError, match="Queue not found"):
            await client.queues.topics.list(3)
    assert queue_topics == QueueTopics(
        topic_groups=[
            TopicGroup(
                group_name="Sprzedaż",
                topics=[
                    Topic(id=1, name="Zamówienie", show_custom_fields=True),
                    Topic(id=2, name="Reklamacja", show_custom_fields=False),
                ],
            ),
            TopicGroup(group_name="Pusta", topics=[]),
        ],
        custom_fields=[TopicCustomField(id=1, name="Uwagi", type="LONG_TEXT", require=False)],
    )
    assert topics == [
        Topic(id=1, name="Zamówienie", show_custom_fields=True, group_name="Sprzedaż"),
        Topic(id=2, name="Reklamacja", show_custom_fields=False, group_name="Sprzedaż"),
    ]
    assert topics == queue_topics.topics


async def test_waiting_list_and_scheduled_calls_typed(connect) -> None:
    fake = account()
    fake.add_waiting_caller(2, "613459851", started_at="2024-05-06 11:59:30")
    async with connect(fake)() as client:
        await client.queues.schedule_call(2, phone_number="746842523")
        await client.queues.schedule_call(
            2, phone_number="500333222", call_at=dt.datetime(2024, 5, 6, 13, 0)
        )
        waiting = await client.queues.waiting_list.list(2)
        with pytest.raises(errors.NotFoundError, match="Queue not found"):
            await client.queues.schedule_call(3, phone_number="500333222")
        with pytest.raises(errors.ValidationError, match="phone number"):
            await client.queues.schedule_call(2, phone_number="1")
    tz = waiting[0].started_at.tzinfo if waiting[0].started_at else None
    assert waiting == [
        WaitingCaller(
            phone_number="613459851", started_at=dt.datetime(2024, 5, 6, 11, 59, 30, tzinfo=tz)
        ),
        WaitingCaller(
            phone_number="746842523",
            started_at=dt.datetime(2024, 5, 6, 12, 0, tzinfo=tz),
            customer_id=123,
            customer_label="Jan Nowak",
        ),
    ]
    assert [(s["phone_number"], s["call_at"]) for s in fake.scheduled_calls(2)] == [
        ("746842523", "2024-05-06 12:00:00"),
        ("500333222", "2024-05-06 13:00:00"),
    ]
