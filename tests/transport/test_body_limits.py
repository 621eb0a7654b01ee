"""A body that trickles or floods: bounded by a total read time, the deadline and a size cap."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

import thulium_async as th
from tests.support import serve_asgi
from thulium_async import errors


def trickle_app(pause: float, count: int) -> Any:
    """Headers at once, then one byte every ``pause`` s (bounded: ``count`` bytes)."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        for _ in range(count):
            await send({"type": "http.response.body", "body": b" ", "more_body": True})
            try:
                message = await asyncio.wait_for(receive(), pause)
            except TimeoutError:
                continue
            if message["type"] == "http.disconnect":
                return  # the client gave up: stop, so the server shuts down at once
        await send({"type": "http.response.body", "body": b"[]"})

    return app


def big_app(size: int, *, declared: bool) -> Any:
    """A JSON body of ``size`` bytes, with or without Content-Length."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = [(b"content-type", b"application/json")]
        if declared:
            headers.append((b"content-length", str(size).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        piece = b" " * 65536
        sent = 0
        while sent + len(piece) < size:
            await send({"type": "http.response.body", "body": piece, "more_body": True})
            sent += len(piece)
        await send({"type": "http.response.body", "body": b" " * (size - sent - 2) + b"[]"})

    return app


TRANSPORTS = {
    "default": lambda: th.ShardedTransport(),
    "aiohttp": lambda: th.AiohttpTransport(),
}


@pytest.mark.parametrize("transport", list(TRANSPORTS))
async def test_a_trickling_body_is_a_timeout_within_the_deadline(transport: str) -> None:
    """A byte every 0.1 s (for up to 20 s): timeout=0.5 and deadline=1.5 end the call soon."""
    async with serve_asgi(trickle_app(0.1, 200)) as url:
        client = th.Client(
            url + "/api",
            auth=("u", "p"),
            timeout=0.5,
            retry=th.RetryPolicy(max_attempts=10, initial_delay=0.0, max_delay=0.0, deadline=1.5),
            transport=TRANSPORTS[transport](),
        )
        async with client:
            started = time.monotonic()
            with pytest.raises(errors.TimeoutError, match="in total"):
                await client.agents.list()
            took = time.monotonic() - started
    assert took < 4.0  # not the 20 s the server would take


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
async def test_an_answer_above_max_response_bytes_is_refused(declared: bool) -> None:
    """A 2 MB answer with a 1 MB cap: DecodeError naming the cap, whether announced or not."""
    async with serve_asgi(big_app(2_000_000, declared=declared)) as url:
        client = th.Client(url + "/api", auth=("u", "p"), max_response_bytes=1_000_000)
        async with client:
            with pytest.raises(errors.DecodeError, match="max_response_bytes"):
                await client.agents.list()
        async with th.Client(url + "/api", auth=("u", "p")) as roomy:
            assert await roomy.agents.list() == []


def test_max_response_bytes_is_checked() -> None:
    """Not a positive whole number: InputError naming the argument."""
    with pytest.raises(errors.InputError, match="max_response_bytes"):
        th.Client("https://acme.thulium.com/api", auth=("u", "p"), max_response_bytes=0)
