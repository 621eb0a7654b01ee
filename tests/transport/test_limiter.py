"""The limiter with an injected clock: pacing, bursts, pauses and adaptation."""

from __future__ import annotations

import itertools

import anyio
import pytest
from anyio.lowlevel import checkpoint

from thulium_async import RateLimit, errors
from thulium_async._config import Grant
from thulium_async._transport import Limiter


class FakeClock:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await checkpoint()


async def grant_times(limiter: Limiter, clock: FakeClock, count: int) -> list[float]:
    times = []
    for _ in range(count):
        slot = await limiter.acquire()
        times.append(clock.now)
        await limiter.release(slot)
    return times


async def test_requests_are_evenly_spaced_at_burst_one() -> None:
    """At 20/s with burst 1, grants are 50 ms apart from the first."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=20), clock=clock, sleep=clock.sleep)
    times = await grant_times(limiter, clock, 5)
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(times)]
    assert gaps == [0.05] * 4


async def test_burst_allows_back_to_back_starts() -> None:
    """With burst 3 the first three start at once, then the pace applies."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=10, burst=3), clock=clock, sleep=clock.sleep)
    times = await grant_times(limiter, clock, 5)
    assert times[:3] == [1000.0] * 3
    assert times[3] > 1000.0


async def test_pause_holds_every_new_request() -> None:
    """After pause(2), nothing starts until two seconds have passed."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(), clock=clock, sleep=clock.sleep)
    limiter.pause(2.0)
    slot = await limiter.acquire()
    await limiter.release(slot)
    assert clock.now == pytest.approx(1002.0)


async def test_zero_pause_is_no_pause() -> None:
    """Retry-After: 0 does not slow the client."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(), clock=clock, sleep=clock.sleep)
    limiter.pause(0)
    slot = await limiter.acquire()
    await limiter.release(slot)
    assert clock.sleeps == []


async def test_a_lone_429_neither_slows_nor_pauses_the_client() -> None:
    """One 429 among many accepted answers only delays its own retry."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=40), clock=clock, sleep=clock.sleep)
    for _ in range(100):
        slot = await limiter.acquire()
        await limiter.release(slot)
        await limiter.observe(slot, throttled=False)
    await limiter.observe(slot, throttled=True, retry_after=1.0)
    assert limiter.current_rate == 40
    assert limiter.paused_until <= clock.now
    assert limiter.pace.overloads == 0


async def test_a_lowered_pace_sends_waiters_back_to_the_queue() -> None:
    """Slots reserved at the old pace are void once 429s lower it: waiters queue again."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=100), clock=clock, sleep=clock.sleep)
    first = await limiter.acquire()
    await limiter.release(first)
    for _ in range(2):  # two 429s and nothing else: over the limit
        await limiter.observe(first, throttled=True, retry_after=None)
    assert limiter.pace.overloads == 1
    assert limiter.current_rate is not None
    assert limiter.current_rate < 100
    slot = await limiter.acquire()
    assert slot.reserved >= limiter.pace.adjusted_at


async def test_fixed_rate_is_kept_and_repeated_overloads_pause() -> None:
    """adaptive=False keeps per_second; an overload soon after another pauses everyone."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=40, adaptive=False), clock=clock, sleep=clock.sleep)
    for _ in range(2):
        slot = await limiter.acquire()
        await limiter.release(slot)
        for _ in range(2):  # two 429s and nothing else: over the limit
            await limiter.observe(slot, throttled=True, retry_after=1.0)
        clock.now += 0.5
    assert limiter.current_rate == 40
    assert limiter.pace.overloads == 2
    assert limiter.paused_until == pytest.approx(clock.now - 0.5 + 1.0)


async def test_max_concurrency_caps_in_flight() -> None:
    """No more than max_concurrency holders at once; the next waits for a release."""
    limiter = Limiter(RateLimit(max_concurrency=2))
    first = await limiter.acquire()
    await limiter.acquire()
    entered = anyio.Event()

    async def third() -> None:
        await limiter.acquire()
        entered.set()

    async with anyio.create_task_group() as group:
        group.start_soon(third)
        await anyio.wait_all_tasks_blocked()
        assert not entered.is_set()
        assert limiter.in_flight == 2
        await limiter.release(first)
        await entered.wait()
    assert limiter.peak_in_flight == 2


async def test_cancelled_waiter_gives_its_slot_back() -> None:
    """A request cancelled while pacing leaves no slot taken."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=1, max_concurrency=1))
    slot = await limiter.acquire()
    await limiter.release(slot)
    with anyio.move_on_after(0.01):
        await limiter.acquire()  # waits ~1 s for its pace slot
    assert limiter.in_flight == 0
    del clock


def test_rate_limit_refuses_bad_values() -> None:
    """Bad limits fail at construction and name the field."""
    with pytest.raises(errors.InputError, match="per_second"):
        RateLimit(per_second=0)
    with pytest.raises(errors.InputError, match="max_concurrency"):
        RateLimit(max_concurrency=0)
    with pytest.raises(errors.InputError, match="burst"):
        RateLimit(per_second=5, burst=0)


class RecordingStore:
    """A LimitStore that grants what it is told to and records every call the limiter makes."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.epoch = 0.0
        self.wait = 0.0
        self.void_next = False
        self.calls: list[tuple[object, ...]] = []

    async def acquire(
        self, key: str, lease: str, config: RateLimit, *, accepted: int = 0, epoch: float = 0.0
    ) -> Grant:
        self.calls.append(("acquire", accepted, epoch))
        return Grant(granted=True, wait=self.wait, now=self.clock.now, epoch=self.epoch, rate=10.0)

    async def confirm(self, key: str, reserved: float) -> float | None:
        self.calls.append(("confirm", reserved))
        if self.void_next:
            self.void_next, self.wait = False, 0.0
            return 0.25
        return None

    async def release(self, key: str, lease: str) -> None:
        self.calls.append(("release",))

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
        self.calls.append(("throttled", reserved, accepted, epoch))
        return False


async def test_shared_answers_count_account_wide_under_the_epoch_of_their_start() -> None:
    """Acceptances ride on the next reservation; a 429 goes at once with those pending.

    Acceptances to starts granted before the last adjustment are dropped: they
    describe the old pace.
    """
    clock = FakeClock()
    store = RecordingStore(clock)
    limiter = Limiter(RateLimit(store=store), key="acct", clock=clock, sleep=clock.sleep)
    old = [await limiter.acquire() for _ in range(2)]
    store.epoch = 1000.5  # another worker's 429s lowered the pace
    clock.now += 1.0
    new = [await limiter.acquire() for _ in range(3)]
    assert [slot.epoch for slot in old + new] == [0.0, 0.0, 1000.5, 1000.5, 1000.5]
    for slot in old + new:
        await limiter.release(slot)
    for slot in (old[0], new[0], old[1], new[1]):  # two old-pace answers, two new
        await limiter.observe(slot, throttled=False)
    await limiter.observe(new[2], throttled=True, retry_after=1.0)
    assert ("throttled", new[2].shared_at, 2, 1000.5) in store.calls
    await limiter.observe(new[0], throttled=False)
    await limiter.release(await limiter.acquire())
    assert store.calls[-2] == ("acquire", 1, 1000.5)


async def test_a_shared_start_that_waited_is_confirmed_and_a_void_one_reserved_again() -> None:
    """Waited over 50 ms: confirmed before it goes; void (the pace fell): wait, ask again."""
    clock = FakeClock()
    store = RecordingStore(clock)
    limiter = Limiter(RateLimit(store=store), key="acct", clock=clock, sleep=clock.sleep)
    store.wait, store.void_next = 0.4, True
    slot = await limiter.acquire()
    kinds = [call[0] for call in store.calls]
    assert kinds == ["acquire", "confirm", "acquire"]
    assert clock.sleeps == [0.4, 0.25]
    assert slot.shared_at == clock.now
    store.calls.clear()
    store.wait = 0.01  # a short wait is not worth a round trip
    await limiter.acquire()
    assert [call[0] for call in store.calls] == ["acquire"]
