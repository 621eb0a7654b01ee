"""Translation of httpx2's exceptions into ours, at one boundary."""

from __future__ import annotations

import httpx2

from ..errors import TimeoutError, TransportError

__all__ = ["transport_error"]

# Errors raised before the request left the client: safe to repeat for any method.
_NOT_SENT = (
    httpx2.ConnectError,
    httpx2.ConnectTimeout,
    httpx2.PoolTimeout,
    httpx2.UnsupportedProtocol,
)


def transport_error(exc: httpx2.TransportError, *, method: str, url: str) -> TransportError:
    """Our TransportError (or TimeoutError) for an httpx2 failure.

    ``reached_server`` is False only when the request provably never left the
    client; read errors, write errors and read timeouts are ambiguous.
    """
    reached = False if isinstance(exc, _NOT_SENT) else None
    cls = TimeoutError if isinstance(exc, httpx2.TimeoutException) else TransportError
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return cls(message, method=method, url=url, reached_server=reached)
