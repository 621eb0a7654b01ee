"""Translation of httpx's exceptions into ours, at one boundary."""

from __future__ import annotations

import httpx

from ..errors import TimeoutError, TransportError

__all__ = ["transport_error"]

# Errors raised before the request left the client: safe to repeat for any method.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def transport_error(exc: httpx.TransportError, *, method: str, url: str) -> TransportError:
    """Our TransportError (or TimeoutError) for an httpx failure.

    ``reached_server`` is False only when the request provably never left the
    client; read errors, write errors and read timeouts are ambiguous.
    """
    reached = False if isinstance(exc, _NOT_SENT) else None
    cls = TimeoutError if isinstance(exc, httpx.TimeoutException) else TransportError
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return cls(message, method=method, url=url, reached_server=reached)
