"""The client-wide gate: in-flight slots, and the waiting the pace asks for.

One instance per client, shared by every call, paginator and bulk helper on it
(and by clones from ``with_options``), so limits are never stacked or bypassed.
The arithmetic of when a request may start lives in :class:`Pace`; this gate
holds the slots and sleeps.

With a ``RateLimit.store`` the pace, pauses, limit estimate and concurrency cap
are the account's, shared with every client of it (see ``RedisLimitStore``).
When the store is out of reach the gate keeps working on its own pace (never
unlimited: the local ``max_concurrency`` and pace still hold), logs one
warning, and tries the store again every ``_REJOIN`` seconds.
"""

from __future__ import annotations

import itertools
import os
import time
import uuid
from collections.abc import Awaitable, Callable

import anyio
import attrs

from .._config import LimitStore, RateLimit
from .._logging import logger
from .._tracing import held_by_pause, limiter_waited, pause_started
from ._pace import Pace

__all__ = ["Limiter", "Slot"]

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

_REJOIN = 5.0  # seconds between attempts to reach a store that failed
_CONFIRM_AFTER = 0.05  # a shared start waited for longer is checked again before it goes
_RELEASE_TIMEOUT = 1.0  # a lease not given back in time expires by itself


@attrs.frozen
class Slot:
    """One request's place: when it was reserved, and its account-wide lease if shared."""

    reserved: float
    """The gate's clock when the slot was reserved (answers are matched to paces by it)."""
    shared_at: float | None = None
    """The store's clock at the reservation, when the store granted it."""
    lease: str | None = None
    epoch: float = 0.0
    """The shared pace's last adjustment when the store granted it (its answer counts there)."""


class Limiter:
    """Gates every attempt: ``await acquire()`` before sending, ``await release(slot)`` after."""

    def __init__(
        self,
        config: RateLimit,
        *,
        key: str | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = anyio.sleep,
    ):
        self.config = config
        self._clock = clock
        self._sleep = sleep
        self._slots = anyio.Semaphore(config.max_concurrency, fast_acquire=True)
        self.pace = Pace(config, now=clock())
        """The pace calculation behind the waits (the fallback when a store is shared)."""
        self.in_flight = 0
        self.peak_in_flight = 0
        self._store: LimitStore | None = config.store
        self._key = config.key or key or "default"
        self._leases = (f"{uuid.uuid4().hex}:{os.getpid()}:{n}" for n in itertools.count())
        self._store_down_until = 0.0
        self._warned = False
        self._shared_epoch = 0.0
        # Answers accepted since the last report to the store, and the adjustment
        # of the shared pace their starts were granted under.
        self._accepted = 0
        self._accepted_epoch = 0.0
        self.store_failures = 0
        """How many times the store could not be reached (each falls back for a while)."""

    @property
    def current_rate(self) -> float | None:
        """Requests per second the limiter paces at now; None when unpaced."""
        return self.pace.rate

    @property
    def paused_until(self) -> float:
        """Clock time until which no request starts (after a 429 with Retry-After)."""
        return self.pace.paused_until

    @property
    def key(self) -> str:
        """The account's name in the shared store."""
        return self._key

    @property
    def shared(self) -> bool:
        """Whether the account's shared store is in use now (False while it is out of reach)."""
        return self._store is not None and self._clock() >= self._store_down_until

    async def acquire(self) -> Slot:
        """Wait for a free in-flight slot, then for the pace and any pause."""
        began = self._clock()
        await self._slots.acquire()
        try:
            slot = await self._acquire_shared() if self.shared else None
            if slot is None:
                slot = Slot(await self._wait_for_pace())
        except BaseException:
            self._slots.release()
            raise
        self.in_flight += 1
        if self.in_flight > self.peak_in_flight:
            self.peak_in_flight = self.in_flight
        limiter_waited(self._clock() - began)
        return slot

    async def release(self, slot: Slot) -> None:
        """Give the slot back once the attempt's response is complete."""
        self.release_nowait(slot)
        if slot.lease is not None and self._store is not None:
            with anyio.move_on_after(_RELEASE_TIMEOUT, shield=True):
                try:
                    await self._store.release(self._key, slot.lease)
                except OSError as exc:
                    self._store_failed(exc)

    def release_nowait(self, slot: Slot) -> None:
        """Give the local slot back at once (a cancelled attempt); a lease then expires."""
        del slot
        self.in_flight -= 1
        self._slots.release()

    async def observe(
        self, slot: Slot, *, throttled: bool, retry_after: float | None = None
    ) -> None:
        """An answer arrived for ``slot`` (see ``Pace.observe``).

        A slot the store granted is the account's business: its answer counts
        with every worker's, and the store decides whether the account is over
        its limit (one worker alone sees too few answers to tell).
        """
        if slot.shared_at is not None and self._store is not None:
            await self._observe_shared(slot, throttled, retry_after)
            return
        now, paused_until = self._clock(), self.pace.paused_until
        self.pace.observe(now, started=slot.reserved, throttled=throttled, retry_after=retry_after)
        if self.pace.paused_until > max(paused_until, now) and paused_until <= now:
            pause_started(self.pace.paused_until - now)  # a pause begins (not one extended)

    async def _observe_shared(self, slot: Slot, throttled: bool, retry_after: float | None) -> None:
        assert self._store is not None
        assert slot.shared_at is not None
        if slot.epoch > self._accepted_epoch:
            self._accepted, self._accepted_epoch = 0, slot.epoch  # older ones describe an old pace
        if not throttled:
            # Counted with the next reservation, no round trip of its own.
            if slot.epoch == self._accepted_epoch:
                self._accepted += 1
            return
        accepted, self._accepted = self._accepted, 0
        try:
            await self._store.throttled(
                self._key,
                self.config,
                reserved=slot.shared_at,
                accepted=accepted,
                epoch=self._accepted_epoch,
                retry_after=retry_after,
            )
        except OSError as exc:
            self._store_failed(exc)

    def pause(self, seconds: float) -> None:
        """Hold every new request of this client for ``seconds``."""
        self.pace.pause(self._clock(), seconds)

    async def _wait_for_pace(self) -> float:
        while True:
            now = self._clock()
            paused = self.pace.paused_until > now
            delay = self.pace.reserve(now)
            if delay <= 0.0:
                return now
            if paused:
                held_by_pause(delay)
            await self._sleep(delay)
            later = self._clock()
            if not paused and self.pace.paused_until <= later and self.pace.adjusted_at <= now:
                return now
            # A pause was running or began, or the pace was lowered while this
            # request waited (its slot belongs to the old pace): queue again.

    async def _acquire_shared(self) -> Slot | None:
        """A slot on the account's shared pace; None when the store is out of reach."""
        assert self._store is not None
        lease = next(self._leases)
        try:
            while True:
                reserved = self._clock()
                accepted, self._accepted = self._accepted, 0
                grant = await self._store.acquire(
                    self._key, lease, self.config, accepted=accepted, epoch=self._accepted_epoch
                )
                if grant.epoch > self._shared_epoch:
                    # The account's pace was lowered: what this worker counted
                    # since describes the old pace.
                    self._shared_epoch = grant.epoch
                    self.pace.forget(reserved)
                if grant.wait > 0:
                    await self._sleep(grant.wait)
                if not grant.granted:
                    continue
                if grant.wait > _CONFIRM_AFTER:
                    # While this start waited its turn, 429s may have lowered
                    # the pace or paused the account: a start reserved at the
                    # old pace must not go out.
                    hold = await self._store.confirm(self._key, grant.now)
                    if hold is not None:
                        if hold > 0:
                            await self._sleep(hold)
                        continue
                self.pace.follow(reserved, grant.rate)
                self._rejoined()
                return Slot(reserved, grant.now, lease, grant.epoch)
        except OSError as exc:
            self._store_failed(exc)
            return None

    def _rejoined(self) -> None:
        if self._warned:
            self._warned = False
            logger.info("rate-limit store reachable again: sharing the account's pace")

    def _store_failed(self, exc: OSError) -> None:
        self.store_failures += 1
        self._store_down_until = self._clock() + _REJOIN
        if not self._warned:
            self._warned = True
            logger.warning(
                "rate-limit store out of reach (%s): pacing this client on its own, "
                "trying the store again every %.0f s",
                exc,
                _REJOIN,
            )
