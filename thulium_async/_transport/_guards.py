"""Answers and states the client refuses to take as success: redirects, a closed pool.

Kept apart from the attempt loop so it stays a few calls long: the attempt
asks ``closed`` before taking a slot and ``redirect`` once an answer is read.
"""

from __future__ import annotations

import httpx2

from ..errors import ClientClosedError, RedirectError
from ._response import RawResponse

__all__ = ["closed", "redirect"]


def closed(http: httpx2.AsyncClient, method: str, url: str) -> ClientClosedError | None:
    """The error for a call on a closed connection pool, or None while it is open."""
    return ClientClosedError(method, url) if http.is_closed else None


def redirect(raw: RawResponse) -> RedirectError | None:
    """The error for a 3xx answer (never followed, never success), or None for others.

    Without it a 3xx to a write read as an empty success and bulk counted its
    items done; a 3xx to a read failed later as a puzzling decode error.
    """
    if not 300 <= raw.status_code < 400:
        return None
    return RedirectError(
        status_code=raw.status_code,
        method=raw.method,
        url=raw.url,
        request_id=raw.request_id,
        body=raw.content,
        headers={k: v for k, v in raw.headers.items() if k.lower() != "set-cookie"},
        attempts=raw.attempts,
        earlier_maybe_applied=raw.earlier_maybe_applied,
    )
