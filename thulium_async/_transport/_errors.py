"""Translation of httpx2's exceptions into ours, at one boundary."""

from __future__ import annotations

import httpx2

from ..errors import Delivery, TimeoutError, TransportError

__all__ = ["transport_error", "with_retry_history"]

# Errors raised before the request left the client: nothing can have been applied.
_NOT_SENT = (
    httpx2.ConnectError,
    httpx2.ConnectTimeout,
    httpx2.PoolTimeout,
    httpx2.UnsupportedProtocol,
)


def transport_error(
    exc: httpx2.TransportError, *, method: str, url: str, attempts: int = 1
) -> TransportError:
    """Our TransportError (or TimeoutError) for an httpx2 failure.

    This is where a failed attempt's ``Delivery`` is decided: ``NOT_SENT`` only
    when the request provably never left the client; read errors, write errors
    and read timeouts lose the answer of a request that may have arrived.
    """
    delivery = Delivery.NOT_SENT if isinstance(exc, _NOT_SENT) else Delivery.ANSWER_LOST
    cls = TimeoutError if isinstance(exc, httpx2.TimeoutException) else TransportError
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return cls(message, method=method, url=url, delivery=delivery, attempts=attempts)


def with_retry_history(error: TransportError, *, elapsed: float) -> TransportError:
    """The final error of a retried call, its message saying how long the client tried.

    "ConnectError: All connection attempts failed" alone reads as one failed
    try; after retries the caller needs to know the server stayed out of reach.
    """
    error.elapsed = elapsed
    if error.attempts > 1:
        error.args = (
            f"{error.args[0]} (gave up after {error.attempts} attempts over {elapsed:.1f} s)",
        )
    return error
