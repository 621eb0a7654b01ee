"""The client-wide gate: in-flight slots, and the waiting the pace asks for.

One instance per client, shared by every call, paginator and bulk helper on it
(and by clones from ``with_options``), so limits are never stacked or bypassed.
The arithmetic of when a request may start lives in :class:`Pace`; this gate
holds the slots and sleeps.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import anyio

from .._config import RateLimit
from ._pace import Pace

__all__ = ["Limiter"]

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class Limiter:
    """Gates every attempt: ``await acquire()`` before sending, ``release()`` after."""

    def __init__(
        self, config: RateLimit, *, clock: Clock = time.monotonic, sleep: Sleep = anyio.sleep
    ):
        self.config = config
        self._clock = clock
        self._sleep = sleep
        self._slots = anyio.Semaphore(config.max_concurrency, fast_acquire=True)
        self.pace = Pace(config, now=clock())
        """The pace calculation behind the waits."""
        self.in_flight = 0
        self.peak_in_flight = 0

    @property
    def current_rate(self) -> float | None:
        """Requests per second the limiter paces at now; None when unpaced."""
        return self.pace.rate

    @property
    def paused_until(self) -> float:
        """Clock time until which no request starts (after a 429 with Retry-After)."""
        return self.pace.paused_until

    async def acquire(self) -> float:
        """Wait for a free in-flight slot, then for the pace and any pause.

        Returns the clock time the request's slot was reserved at: hand it back
        to :meth:`observe` with the answer.
        """
        await self._slots.acquire()
        try:
            reserved = await self._wait_for_pace()
        except BaseException:
            self._slots.release()
            raise
        self.in_flight += 1
        if self.in_flight > self.peak_in_flight:
            self.peak_in_flight = self.in_flight
        return reserved

    def release(self) -> None:
        """Give the slot back once the attempt's response is complete."""
        self.in_flight -= 1
        self._slots.release()

    async def _wait_for_pace(self) -> float:
        while True:
            now = self._clock()
            paused = self.pace.paused_until > now
            delay = self.pace.reserve(now)
            if delay <= 0.0:
                return now
            await self._sleep(delay)
            later = self._clock()
            if not paused and self.pace.paused_until <= later and self.pace.adjusted_at <= now:
                return now
            # A pause was running or began, or the pace was lowered while this
            # request waited (its slot belongs to the old pace): queue again.

    def pause(self, seconds: float) -> None:
        """Hold every new request for ``seconds`` (a 429's Retry-After)."""
        self.pace.pause(self._clock(), seconds)

    def observe(
        self, reserved: float, *, throttled: bool, retry_after: float | None = None
    ) -> None:
        """An answer arrived for the request reserved at ``reserved`` (see ``Pace.observe``)."""
        self.pace.observe(
            self._clock(), started=reserved, throttled=throttled, retry_after=retry_after
        )
