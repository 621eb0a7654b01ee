"""The client's policies: rate limits and retries, as small frozen values."""

from __future__ import annotations

import math
from typing import Any

import attrs

from .errors import InputError

__all__ = ["RateLimit", "RetryPolicy"]

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise InputError(f"{type(instance).__name__}.{attribute.name}", "a number > 0", value)
    if isinstance(value, float) and math.isinf(value):
        raise InputError(f"{type(instance).__name__}.{attribute.name}", "a finite number", value)


def _non_negative(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise InputError(f"{type(instance).__name__}.{attribute.name}", "a number >= 0", value)


def _whole(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(
            f"{type(instance).__name__}.{attribute.name}", "a whole number >= 1", value
        )


@attrs.frozen(kw_only=True)
class RateLimit:
    """How fast and how wide one client may go; shared by every call on the client.

    Args:
        per_second: requests started per second at most; None = no fixed rate.
        burst: requests that may start back to back before the pace applies.
            The default 1 spaces requests evenly at ``1 / per_second``: a server
            that allows N/s with a small burst never sees a burst from a client
            configured at N/s.
        max_concurrency: requests in flight at once (also sizes the connection pool).
        adaptive: a 429 makes the client settle on a pace under the server's
            limit and probe back up (AIMD), so a client told nothing still settles
            under it. A configured ``per_second`` is a ceiling that adaptation
            never exceeds; ``adaptive=False`` keeps a fixed pace.
    """

    per_second: float | None = attrs.field(default=None, validator=_positive)
    burst: int = attrs.field(default=1, validator=_whole)
    max_concurrency: int = attrs.field(default=32, validator=_whole)
    adaptive: bool = True

    @classmethod
    def unlimited(cls, *, max_concurrency: int = 32) -> RateLimit:
        """No pace, no adaptation: only the in-flight cap applies."""
        return cls(per_second=None, max_concurrency=max_concurrency, adaptive=False)


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """Which failures are retried, how often, and how long to wait between.

    Retried: connect errors, timeouts and the statuses in ``retry_statuses`` for
    GET, PUT and DELETE. A POST is retried only when it provably never reached
    the server (connect errors), or was refused with 429, unless the call is
    known to be safe to repeat (record creation: the API rejects duplicates).
    400, 401, 403, 404 and 410 are never retried.

    Waits grow exponentially from ``initial_delay`` with full jitter, capped at
    ``max_delay``; a ``Retry-After`` answer is honoured up to ``max_retry_after``
    seconds (a longer one is raised to the caller as a RateLimitError). The call
    stops after ``max_attempts`` attempts or once ``deadline`` seconds have
    passed since it started, whichever comes first.
    """

    max_attempts: int = attrs.field(default=5, validator=_whole)
    deadline: float | None = attrs.field(default=120.0, validator=_positive)
    initial_delay: float = attrs.field(default=0.5, validator=_non_negative)
    max_delay: float = attrs.field(default=30.0, validator=_non_negative)
    max_retry_after: float = attrs.field(default=120.0, validator=_non_negative)
    retry_statuses: frozenset[int] = attrs.field(default=RETRYABLE_STATUSES, converter=frozenset)

    @classmethod
    def disabled(cls) -> RetryPolicy:
        """One attempt, no retries: for tests that want to see the first failure."""
        return cls(max_attempts=1)

    @classmethod
    def no_wait(cls, *, max_attempts: int = 5) -> RetryPolicy:
        """Retries without sleeping between attempts: for tests of retry behaviour."""
        return cls(max_attempts=max_attempts, initial_delay=0.0, max_delay=0.0, deadline=None)
