"""Reading an answer's body within a time and a size, so a broken server cannot hang or flood us.

httpx's read timeout is the longest pause between two bytes: a server that
sends a byte every half second never trips it. Here the whole body must
arrive within a total time (the attempt's read timeout, and no later than the
call's deadline), and stay under a size cap.
"""

from __future__ import annotations

import math
import time

import anyio
import httpx2

from ..errors import DecodeError

__all__ = ["DEFAULT_MAX_BODY", "read_body", "read_window"]

#: The largest answer body read by default: far above any JSON page of the API
#: (a page of 100 records is ~30-100 KB), far below what would strain memory.
DEFAULT_MAX_BODY = 64 * 1024 * 1024


def read_window(read_timeout: float | None, deadline_at: float | None) -> float:
    """Seconds the body may take: the read timeout, cut at the call's deadline (monotonic)."""
    window = math.inf if read_timeout is None else read_timeout
    if deadline_at is not None:
        window = min(window, max(0.0, deadline_at - time.monotonic()))
    return window


async def read_body(
    response: httpx2.Response, *, within: float, max_bytes: int, method: str, url: str
) -> bytes:
    """The whole body, or httpx2.ReadTimeout after ``within`` s, or DecodeError above the cap."""
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _too_large(method, url, max_bytes)
    chunks: list[bytes] = []
    size = 0
    with anyio.move_on_after(within) as scope:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(method, url, max_bytes)
            chunks.append(chunk)
    if scope.cancelled_caught:
        raise httpx2.ReadTimeout(
            f"the body took longer than {within:.1f} s in total", request=response.request
        )
    return b"".join(chunks)


def _too_large(method: str, url: str, max_bytes: int) -> DecodeError:
    return DecodeError(
        f"the answer is larger than max_response_bytes ({max_bytes:,} bytes); not read",
        method=method,
        url=url,
    )
