"""connections and recordings: filters on the wire, paging with count, streamed audio."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpcore2
import httpx
import httpx2
import pytest
import respx

import thulium_async as th
from tests.support import WARSAW, assert_request, catalog_response, example, is_warsaw
from thulium_async.models import CallDisposition, CallType, Connection, TopicFieldValue

FILENAME = "sprzedaz/2014-07-07/2014-07-07_093545_921063395.234.wav"


@pytest.mark.endpoint("list_connections")
async def test_list_connections(router: respx.MockRouter, client: th.Client) -> None:
    """GET connections with every filter (tags[] repeated, booleans true/false); a typed call."""
    route = router.get("connections").mock(return_value=catalog_response("list_connections"))
    calls = await client.connections.list(
        date_from=dt.date(2014, 7, 4),
        date_to=dt.datetime(2014, 7, 14, 12, 34, 56),
        src="123321",
        dst=1234,
        connection_id="1416225570.341",
        user_login="j.doe",
        queue_id=542,
        topic_id="365",
        customer_id=321,
        tags=["tag1", "tag2"],
        include_tags=True,
        include_topics=False,
    ).to_list()
    assert_request(
        route.calls.last.request,
        "list_connections",
        "connections",
        query=[
            ("date_from", "2014-07-04"),
            ("date_to", "2014-07-14 12:34"),
            ("src", "123321"),
            ("dst", "1234"),
            ("connection_id", "1416225570.341"),
            ("user_login", "j.doe"),
            ("queue_id", "542"),
            ("topic_id", "365"),
            ("customer_id", "321"),
            ("tags[]", "tag1"),
            ("tags[]", "tag2"),
            ("include_tags", "true"),
            ("include_topics", "false"),
            ("limit", "100"),
            ("offset", "0"),
        ],
    )
    [call] = calls
    assert isinstance(call, Connection)
    assert call.date == dt.datetime(2014, 7, 7, 11, 8, tzinfo=WARSAW)
    assert is_warsaw(call.date)
    assert call.disposition is CallDisposition.ANSWERED
    assert call.outbound_result is None
    assert (call.duration, call.billsec, call.ticket_id) == (129, 104, 3)
    assert call.filename == FILENAME
    assert call.user_login == "bob"


async def test_connections_prefetch_pages_with_count(
    router: respx.MockRouter, client: th.Client
) -> None:
    """count is the total: after page one the rest are fetched concurrently, yielded in order."""
    template = example("list_connections")["result"][0]

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        limit = int(request.url.params["limit"])
        items = [
            {**template, "connection_id": f"{n}.1", "disposition": "NO ANSWER"}
            for n in range(offset, min(offset + limit, 250))
        ]
        return httpx.Response(200, json={"count": 250, "result": items})

    route = router.get("connections").mock(side_effect=answer)
    pager = client.connections.list(dst="1234")
    assert await pager.count() == 250
    ids = [call.connection_id async for call in pager]
    assert ids == [f"{n}.1" for n in range(250)]
    assert sorted(int(c.request.url.params["offset"]) for c in route.calls) == [0, 100, 200]


@pytest.mark.endpoint("get_connection_topic")
async def test_get_connection_topic(router: respx.MockRouter, client: th.Client) -> None:
    """GET connections/{id}/topic: the id keeps its dot; field values typed."""
    route = router.get("connections/123423.23/topic").mock(
        return_value=catalog_response("get_connection_topic")
    )
    topic = await client.connections.topic.get("123423.23")
    assert_request(route.calls.last.request, "get_connection_topic", "connections/123423.23/topic")
    assert (topic.topic_id, topic.agent_login) == (96, "jan.kowalski")
    assert topic.custom_fields == [
        TopicFieldValue(field_id=1, value="pole 1 wartość"),
        TopicFieldValue(field_id=2, value="pole 2 wartość"),
    ]


@pytest.mark.endpoint("list_recordings")
async def test_list_recordings(router: respx.MockRouter, client: th.Client) -> None:
    """GET recordings with filters; created_at and date aware, type and disposition enums."""
    route = router.get("recordings").mock(return_value=catalog_response("list_recordings"))
    [recording] = await client.recordings.list(
        date_from="2014-07-04", date_to="2014-07-05 10:00", src="123123", page_size=1
    ).to_list()
    assert_request(
        route.calls.last.request,
        "list_recordings",
        "recordings",
        query=[
            ("date_from", "2014-07-04"),
            ("date_to", "2014-07-05 10:00"),
            ("src", "123123"),
            ("limit", "1"),
            ("offset", "0"),
        ],
    )
    assert recording.filename == FILENAME
    assert recording.connection_id == "921063395.234"
    assert recording.created_at == dt.datetime(2014, 7, 7, 13, 28, tzinfo=WARSAW)
    assert recording.type is CallType.OUTBOUND
    assert recording.disposition is CallDisposition.ANSWERED


AUDIO = bytes(range(256)) * 1000  # 250 KiB


def _listing(directory: Path) -> list[Path]:
    """The directory's entries (a part file left behind would show here)."""
    return sorted(directory.iterdir())


@pytest.mark.endpoint("stream_recording")
async def test_stream_recording(router: respx.MockRouter, client: th.Client) -> None:
    """GET recordings/stream?filename=...: the audio arrives in chunks with its headers."""
    route = router.get("recordings/stream").respond(
        200, content=AUDIO, headers={"Content-Type": "audio/x-wav"}
    )
    async with client.recordings.stream(filename=FILENAME) as audio:
        assert audio.content_type == "audio/x-wav"
        assert audio.content_length == len(AUDIO)
        chunks = [chunk async for chunk in audio.aiter_bytes(64 * 1024)]
    assert b"".join(chunks) == AUDIO
    assert len(chunks) > 1
    assert audio.bytes_received == len(AUDIO)
    assert_request(
        route.calls.last.request,
        "stream_recording",
        "recordings/stream",
        query=[("filename", FILENAME)],
    )


async def test_stream_error_status_raises_before_the_block(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A 404 is raised as NotFoundError when the block is entered, its body never streamed."""
    router.get("recordings/stream").respond(404, json={"errors": [{"message": "No file"}]})
    with pytest.raises(th.errors.NotFoundError, match="No file"):
        async with client.recordings.stream(filename="x.wav"):
            pytest.fail("the block must not run")


@pytest.mark.endpoint("download_recording")
async def test_download_recording(
    router: respx.MockRouter, client: th.Client, tmp_path: Path
) -> None:
    """GET recordings/download?filename=...: written to disk, bytes counted, no temp file left."""
    route = router.get("recordings/download").respond(200, content=AUDIO)
    target = tmp_path / "call.wav"
    written = await client.recordings.download(filename=FILENAME, path=target)
    assert written == len(AUDIO)
    assert target.read_bytes() == AUDIO
    assert _listing(tmp_path) == [target]
    assert target.stat().st_mode & 0o077 == 0
    assert_request(
        route.calls.last.request,
        "download_recording",
        "recordings/download",
        query=[("filename", FILENAME)],
    )


async def test_failed_download_keeps_the_old_file(
    router: respx.MockRouter, client: th.Client, tmp_path: Path
) -> None:
    """A body cut short is a TransportError; the existing file stays and no part file remains."""

    class Cut(httpx2.AsyncByteStream):
        async def __aiter__(self):  # type: ignore[override]
            yield AUDIO[:1000]
            raise httpcore2.ReadError("connection reset")

    router.get("recordings/download").mock(return_value=httpx.Response(200, stream=Cut()))
    target = tmp_path / "call.wav"
    target.write_bytes(b"old")
    with pytest.raises(th.errors.TransportError, match="ReadError"):
        await client.recordings.download(filename=FILENAME, path=target)
    assert target.read_bytes() == b"old"
    assert _listing(tmp_path) == [target]


async def test_short_body_is_detected(router: respx.MockRouter, client: th.Client) -> None:
    """Fewer bytes than Content-Length announced is a TransportError, not a silent short file."""

    class Short(httpx2.AsyncByteStream):
        async def __aiter__(self):  # type: ignore[override]
            yield b"abc"

    router.get("recordings/stream").mock(
        return_value=httpx.Response(200, headers={"Content-Length": "10"}, stream=Short())
    )
    with pytest.raises(th.errors.TransportError, match="3 of 10 bytes"):
        async with client.recordings.stream(filename="x.wav") as audio:
            await audio.read()
