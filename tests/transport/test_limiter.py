"""The limiter with an injected clock: pacing, bursts, pauses and adaptation."""

from __future__ import annotations

import itertools

import anyio
import pytest
from anyio.lowlevel import checkpoint

from thulium_async import RateLimit, errors
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
