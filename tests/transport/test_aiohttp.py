"""AiohttpTransport over real loopback sockets: error mapping, streamed bodies, trio refusal."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import aiohttp
import anyio
import httpx2
import orjson
import pytest

import thulium_async as th
from thulium_async import errors
from thulium_async._transport._aiohttp import _send_error

pytestmark = pytest.mark.loopback

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@contextlib.asynccontextmanager
async def raw_server(handler: Handler) -> AsyncIterator[str]:
    """A bare HTTP/1.1 server on 127.0.0.1: ``handler`` gets each connection after its headers."""
    tasks: set[asyncio.Task[None]] = set()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        tasks.add(asyncio.current_task())  # type: ignore[arg-type]
        try:
            await reader.readuntil(b"\r\n\r\n")
            await handler(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await server.wait_closed()


def head(length: int | None = None, *extra: str) -> bytes:
    lines = ["HTTP/1.1 200 OK", "Content-Type: application/octet-stream", *extra]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


@contextlib.contextmanager
def full_backlog() -> Iterator[int]:
    """A port whose accept queue is full: the kernel drops new SYNs, so connects hang."""
    listener = socket.socket()
    fillers: list[socket.socket] = []
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


@contextlib.contextmanager
def silent_listener() -> Iterator[int]:
    """A port that completes the TCP handshake (kernel backlog) and never answers."""
    listener = socket.socket()
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]
    finally:
        listener.close()


def closed_port() -> int:
    """A port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def http(timeout: float = 0.3, **kwargs: object) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(
        transport=th.AiohttpTransport(**kwargs),  # type: ignore[arg-type]
        timeout=httpx2.Timeout(timeout),
    )


# -- errors before the response -----------------------------------------------------------


# Linux drops SYNs to a full accept queue, so the connect hangs until its timeout.
needs_linux = pytest.mark.skipif(sys.platform != "linux", reason="relies on Linux SYN drops")


@needs_linux
async def test_connect_timeout_is_a_connect_timeout() -> None:
    """A connect that hangs (full accept queue) raises ConnectTimeout, not ReadTimeout."""
    with full_backlog() as port:
        async with http() as client:
            with anyio.fail_after(5), pytest.raises(httpx2.ConnectTimeout):
                await client.get(f"http://127.0.0.1:{port}/")


@needs_linux
async def test_post_with_a_connect_timeout_is_retried() -> None:
    """A POST that never left (connect timeout) is retried: the client knows it was not sent."""
    with full_backlog() as port:
        client = th.Client(
            f"http://127.0.0.1:{port}/api",
            auth=("u", "p"),
            check_statuses=False,
            retry=th.RetryPolicy.no_wait(max_attempts=2),
            timeout=httpx2.Timeout(0.3),
            transport=th.AiohttpTransport(),
        )
        async with client:
            with anyio.fail_after(5), pytest.raises(errors.TimeoutError) as caught:
                await client._transport.request("POST", "tickets/1/comment", json={})
    assert caught.value.reached_server is False
    assert caught.value.attempts == 2


async def test_refused_connection_is_a_connect_error() -> None:
    """Nothing listening: ConnectError, which the client also treats as not sent."""
    async with http() as client:
        with anyio.fail_after(5), pytest.raises(httpx2.ConnectError):
            await client.get(f"http://127.0.0.1:{closed_port()}/")


async def test_unanswered_request_is_a_read_timeout() -> None:
    """Connected but never answered: ReadTimeout (the server may have acted on it)."""
    with silent_listener() as port:
        async with http() as client:
            with anyio.fail_after(5), pytest.raises(httpx2.ReadTimeout):
                await client.get(f"http://127.0.0.1:{port}/")


async def test_unanswered_post_is_not_retried() -> None:
    """A POST whose answer timed out may have been acted on: one attempt, reached_server None."""
    with silent_listener() as port:
        client = th.Client(
            f"http://127.0.0.1:{port}/api",
            auth=("u", "p"),
            check_statuses=False,
            retry=th.RetryPolicy.no_wait(max_attempts=3),
            timeout=httpx2.Timeout(0.3),
            transport=th.AiohttpTransport(),
        )
        async with client:
            with anyio.fail_after(5), pytest.raises(errors.TimeoutError) as caught:
                await client._transport.request("POST", "tickets/1/comment", json={})
    assert caught.value.reached_server is None
    assert caught.value.attempts == 1


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (aiohttp.ConnectionTimeoutError("connect"), httpx2.ConnectTimeout),
        (aiohttp.SocketTimeoutError("read"), httpx2.ReadTimeout),
        (aiohttp.ServerTimeoutError("read"), httpx2.ReadTimeout),
        (TimeoutError(), httpx2.ReadTimeout),
        (aiohttp.ServerDisconnectedError(), httpx2.RemoteProtocolError),
        (aiohttp.ClientOSError(104, "reset"), httpx2.ReadError),
        (aiohttp.InvalidURL("no-scheme"), httpx2.TransportError),
    ],
)
def test_aiohttp_errors_map_subclass_first(raised: Exception, expected: type[Exception]) -> None:
    """Each aiohttp class maps to its own httpx2 class, not its base class's."""
    request = httpx2.Request("GET", "http://127.0.0.1/")
    with pytest.raises(expected) as caught:
        _send_error(raised, request)
    assert type(caught.value) is expected
    assert caught.value.__cause__ is raised


# -- streamed bodies ----------------------------------------------------------------------

CHUNK = 64 * 1024
TOTAL = 16 * CHUNK


async def test_body_streams_before_the_server_has_sent_it() -> None:
    """The first chunk arrives while the server still holds back the rest: nothing buffers."""
    release = asyncio.Event()
    rest_sent = False

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal rest_sent
        writer.write(head(TOTAL) + b"a" * CHUNK)
        await writer.drain()
        await release.wait()
        for _ in range(TOTAL // CHUNK - 1):
            writer.write(b"b" * CHUNK)
            await writer.drain()
        rest_sent = True

    async with raw_server(handler) as url:
        client = th.Client(
            f"{url}/api", auth=("u", "p"), check_statuses=False, transport=th.AiohttpTransport()
        )
        async with client, client._transport.stream("GET", "recordings/7/download") as response:
            chunks = response.aiter_bytes()
            with anyio.fail_after(5):
                first = await chunks.__anext__()
                assert first.startswith(b"a")
                assert not rest_sent
                release.set()
                size = len(first) + sum([len(chunk) async for chunk in chunks])
    assert size == TOTAL
    assert rest_sent


async def test_closing_a_stream_early_releases_its_connection() -> None:
    """Leaving a download half read frees the connection: a one-connection pool serves again."""
    never = asyncio.Event()

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(head(TOTAL) + b"a" * CHUNK)
        await writer.drain()
        await never.wait()

    transport = th.AiohttpTransport(max_connections=1)
    async with (
        raw_server(handler) as slow,
        httpx2.AsyncClient(transport=transport, timeout=2) as client,
    ):
        with anyio.fail_after(5):
            async with client.stream("GET", f"{slow}/download") as response:
                await response.aiter_raw().__anext__()
                session = transport._session
                assert session is not None
                connector = session.connector
                assert connector is not None
                assert len(connector._acquired) == 1
            assert len(connector._acquired) == 0
            # The one slot is free again: a second download gets its headers.
            async with client.stream("GET", f"{slow}/download") as again:
                assert again.status_code == 200


async def test_plain_request_reads_the_whole_body_and_keeps_the_connection() -> None:
    """Non-streamed requests get their full body; a fully read body returns to the pool."""
    payload = orjson.dumps([{"id": "00001", "name": "A", "crm": False}])
    body = gzip.compress(payload)
    connections = 0

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        while True:
            writer.write(head(len(body), "Content-Encoding: gzip") + body)
            await writer.drain()
            await reader.readuntil(b"\r\n\r\n")

    async with (
        raw_server(handler) as url,
        httpx2.AsyncClient(transport=th.AiohttpTransport(), timeout=2) as client,
    ):
        for _ in range(3):
            response = await client.get(f"{url}/api/outbounds")
            # aiohttp decoded the gzip; httpx2 must not try again.
            assert response.content == payload
            assert "content-encoding" not in response.headers
            assert response.json()[0]["id"] == "00001"
    assert connections == 1


async def test_body_cut_short_is_a_protocol_error() -> None:
    """The server closes mid-body: the read fails with an httpx2 error, not aiohttp's."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(head(1000) + b"x" * 10)
        await writer.drain()

    async with raw_server(handler) as url, http() as client:
        with anyio.fail_after(5), pytest.raises(httpx2.RemoteProtocolError):
            await client.get(f"{url}/")


async def test_body_that_stalls_is_a_read_timeout() -> None:
    """Headers and part of the body, then silence: ReadTimeout while streaming."""
    never = asyncio.Event()

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(head(1000) + b"x" * 10)
        await writer.drain()
        await never.wait()

    async with raw_server(handler) as url, http() as client:
        with anyio.fail_after(5), pytest.raises(httpx2.ReadTimeout):
            async with client.stream("GET", f"{url}/") as response:
                await response.aread()


# -- trio ---------------------------------------------------------------------------------


def test_trio_gets_a_clear_error() -> None:
    """aiohttp is asyncio-only: under trio the transport says so instead of failing obscurely."""

    async def main() -> None:
        async with httpx2.AsyncClient(transport=th.AiohttpTransport()) as client:
            await client.get("http://127.0.0.1:9/")

    with pytest.raises(RuntimeError, match="only under asyncio"):
        anyio.run(main, backend="trio")
