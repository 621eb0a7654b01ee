"""temporary_files and queues: raw uploads, topics, waiting list, scheduled calls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import WARSAW, assert_request, catalog_response, is_warsaw, sent_path, sent_query
from thulium_async.models import QueueTopics, TemporaryFile, TopicCustomField


@pytest.mark.endpoint("upload_temporary_file")
async def test_upload_bytes(router: respx.MockRouter, client: th.Client) -> None:
    """POST temporary_files?filename=...: raw octet-stream body with its length."""
    route = router.post("temporary_files").mock(
        return_value=catalog_response("upload_temporary_file")
    )
    uploaded = await client.temporary_files.create(b"hello world!", filename="file.txt")
    request = route.calls.last.request
    assert request.method == "POST"
    assert sent_path(request) == "temporary_files"
    assert sent_query(request) == [("filename", "file.txt")]
    assert request.headers["content-type"] == "application/octet-stream"
    assert request.headers["content-length"] == "12"
    assert request.content == b"hello world!"
    assert uploaded == TemporaryFile(filename="file.txt", token="180174033853be57b76ed6a", size=12)


async def test_upload_path_streams_the_file(
    router: respx.MockRouter, client: th.Client, tmp_path: Path
) -> None:
    """A path is streamed in chunks (chunked encoding), named after the file by default."""
    data = bytes(range(256)) * 600  # 150 KiB: three chunks
    source = tmp_path / "raport wrzesień.pdf"
    source.write_bytes(data)
    route = router.post("temporary_files").respond(
        201, json={"filename": source.name, "token": "t1", "size": len(data)}
    )
    uploaded = await client.temporary_files.create(source)
    request = route.calls.last.request
    assert sent_query(request) == [("filename", "raport wrzesień.pdf")]
    assert request.headers["transfer-encoding"] == "chunked"
    assert request.content == data
    assert uploaded.size == len(data)


async def test_upload_path_is_reread_on_a_retry(router: respx.MockRouter, tmp_path: Path) -> None:
    """After a 429 the streamed body is sent again in full (the file is read afresh)."""
    source = tmp_path / "a.txt"
    source.write_bytes(b"abc" * 1000)
    route = router.post("temporary_files")
    route.side_effect = [
        httpx.Response(429, headers={"Retry-After": "0"}),
        httpx.Response(201, json={"filename": "a.txt", "token": "t"}),
    ]
    retry = th.RetryPolicy(max_attempts=2, initial_delay=0.0, max_delay=0.0)
    async with th.Client(
        "https://acme.thulium.com/api", auth=("api_user", "api_pass"), retry=retry
    ) as client:
        await client.temporary_files.create(str(source), filename="renamed.txt")
    assert route.call_count == 2
    assert [call.request.content for call in route.calls] == [b"abc" * 1000] * 2
    assert sent_query(route.calls.last.request) == [("filename", "renamed.txt")]


@pytest.mark.endpoint("list_queue_topics")
async def test_list_queue_topics(router: respx.MockRouter, client: th.Client) -> None:
    """GET queues/{id}/topics: groups (empty ones kept), topics and custom fields."""
    route = router.get("queues/2/topics").mock(return_value=catalog_response("list_queue_topics"))
    answer = await client.queues.topics.list(2)
    assert_request(route.calls.last.request, "list_queue_topics", "queues/2/topics")
    assert isinstance(answer, QueueTopics)
    assert [g.group_name for g in answer.topic_groups] == [
        "First group",
        "Empty group",
        "Group with multiple",
    ]
    assert answer.topic_groups[1].topics == []
    assert [(t.id, t.group_name) for t in answer.topics] == [
        (1, "First group"),
        (2, "Group with multiple"),
        (3, "Group with multiple"),
        (4, "Group with multiple"),
    ]
    assert answer.topics[3].show_custom_fields is False
    assert answer.custom_fields[0] == TopicCustomField(
        id=1, name="Field 1", type="LONG_TEXT", require=False
    )


@pytest.mark.endpoint("get_queue_waiting_list")
async def test_get_queue_waiting_list(router: respx.MockRouter, client: th.Client) -> None:
    """GET queues/{id}/waiting_list: callers with aware start times, null CRM matches as None."""
    route = router.get("queues/2/waiting_list").mock(
        return_value=catalog_response("get_queue_waiting_list")
    )
    callers = await client.queues.waiting_list.list(2)
    assert_request(route.calls.last.request, "get_queue_waiting_list", "queues/2/waiting_list")
    first, second = callers
    assert first.phone_number == "613459851"
    assert first.customer_id is None
    assert first.started_at == dt.datetime(2014, 8, 6, 14, 30, 37, tzinfo=WARSAW)
    assert is_warsaw(second.started_at)
    assert (second.customer_id, second.customer_label) == (123, "Jan Kowalski")


@pytest.mark.endpoint("schedule_queue_call")
async def test_schedule_queue_call(router: respx.MockRouter, client: th.Client) -> None:
    """POST queues/{id}/schedule_call: call_at in the account's zone, with seconds."""
    route = router.post("queues/2/schedule_call").mock(
        return_value=catalog_response("schedule_queue_call")
    )
    call_at = dt.datetime(2020, 11, 6, 13, 42, 11, tzinfo=dt.UTC)
    assert await client.queues.schedule_call(2, phone_number="500333222", call_at=call_at) is None
    assert_request(
        route.calls.last.request,
        "schedule_queue_call",
        "queues/2/schedule_call",
        body={"phone_number": "500333222", "call_at": "2020-11-06 14:42:11"},
    )


async def test_schedule_queue_call_now(router: respx.MockRouter, client: th.Client) -> None:
    """Without call_at only the number is sent (the API calls now); strings are accepted."""
    route = router.post("queues/2/schedule_call").respond(201)
    await client.queues.schedule_call(2, phone_number="500333222")
    await client.queues.schedule_call("2", phone_number="500333222", call_at="2020-11-06 14:42")
    bodies = [call.request.content for call in route.calls]
    assert bodies == [
        b'{"phone_number":"500333222"}',
        b'{"phone_number":"500333222","call_at":"2020-11-06 14:42:00"}',
    ]
