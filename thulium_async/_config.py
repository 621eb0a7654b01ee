"""The client's policies: rate limits and retries, as small frozen values."""

from __future__ import annotations

import math
import re
from typing import Any, Protocol, runtime_checkable

import attrs

from .errors import InputError

__all__ = ["Grant", "LimitStore", "RateLimit", "RetryPolicy"]

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


_KEY = re.compile(r"[A-Za-z0-9_.:@/+=-]{1,200}")


def _key(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not _KEY.fullmatch(value)):
        raise InputError(
            "RateLimit.key", "1-200 characters of A-Z a-z 0-9 _ . : @ / + = - (no spaces)", value
        )


@attrs.frozen(kw_only=True)
class Grant:
    """A shared store's answer to "may a request start?", on the store's clock.

    ``wait`` is how long to wait before sending (the pace); ``granted`` is
    False when the request must ask again after ``wait`` (a pause, or the
    account-wide concurrency cap is full). ``epoch`` is when the shared pace
    was last lowered, ``now`` the store's time of this answer.
    """

    granted: bool
    wait: float
    now: float
    epoch: float
    rate: float | None


@runtime_checkable
class LimitStore(Protocol):
    """Where the clients of one account share their pace, pauses and concurrency.

    ``RedisLimitStore`` is the implementation; the limiter calls these methods
    and falls back to its own pace whenever they raise ``OSError`` (the store
    is out of reach).
    """

    async def acquire(
        self, key: str, lease: str, config: RateLimit, *, accepted: int = 0, epoch: float = 0.0
    ) -> Grant:
        """Reserve a start (and a concurrency lease named ``lease``) for one request.

        ``accepted`` answers this client saw since its last call, to requests
        reserved since ``epoch`` (the last adjustment it knows of), count
        toward the account's share of accepted answers.
        """
        ...

    async def confirm(self, key: str, reserved: float) -> float | None:
        """Does a start reserved at ``reserved`` (store clock) still stand after its wait?

        None: send. Otherwise the pace was lowered or a pause began meanwhile:
        wait the seconds returned (0.0: none) and reserve again.
        """
        ...

    async def release(self, key: str, lease: str) -> None:
        """Give the concurrency lease back."""
        ...

    async def throttled(
        self,
        key: str,
        config: RateLimit,
        *,
        reserved: float,
        accepted: int,
        epoch: float,
        retry_after: float | None,
    ) -> bool:
        """A 429 for a request reserved at ``reserved``: count it with the account's answers.

        ``accepted`` and ``epoch`` as for ``acquire``. True when the account's
        429s together said its pace is over the limit, and the shared pace was
        lowered (or paused).
        """
        ...


@attrs.frozen(kw_only=True)
class RateLimit:
    """How fast and how wide one client may go; shared by every call on the client.

    Attributes:
        per_second: requests started per second at most; None = no fixed rate.
        burst: requests that may start back to back before the pace applies.
            The default 1 spaces requests evenly at ``1 / per_second``: a server
            that allows N/s with a small burst never sees a burst from a client
            configured at N/s.
        max_concurrency: requests in flight at once (also sizes the connection pool).
        adaptive: 429s that say the pace is over the server's limit make the
            client estimate that limit from what the server still accepts, pace
            just under it and probe back up, so a client told nothing finds a
            limit nobody documented. A configured ``per_second`` is a ceiling
            that adaptation never exceeds; ``adaptive=False`` keeps a fixed pace.
        store: share the pace, 429 pauses, the adaptive estimate and
            ``max_concurrency`` with every client of the same account, in any
            process (``RedisLimitStore``). None: this client alone.
        key: names the account in the store; default: the base URL's host and
            the API user (hashed). Set it to share one budget across hosts.
        lease_seconds: with a store, a request's concurrency slot expires after
            this long, so a killed worker's slots come back. Keep it above the
            longest request (the default timeout is 30 s).
    """

    per_second: float | None = attrs.field(default=None, validator=_positive)
    burst: int = attrs.field(default=1, validator=_whole)
    max_concurrency: int = attrs.field(default=32, validator=_whole)
    adaptive: bool = True
    store: LimitStore | None = attrs.field(default=None, eq=False)
    key: str | None = attrs.field(default=None, validator=_key)
    lease_seconds: float = attrs.field(default=30.0, validator=_positive)

    def __attrs_post_init__(self) -> None:
        if self.store is not None and not isinstance(self.store, LimitStore):
            raise InputError("RateLimit.store", "a RedisLimitStore (or a LimitStore)", self.store)

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
