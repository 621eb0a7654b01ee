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
        await limiter.acquire()
        times.append(clock.now)
        limiter.release()
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
    await limiter.acquire()
    limiter.release()
    assert clock.now == pytest.approx(1002.0)


async def test_zero_pause_is_no_pause() -> None:
    """Retry-After: 0 does not slow the client."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(), clock=clock, sleep=clock.sleep)
    limiter.pause(0)
    await limiter.acquire()
    limiter.release()
    assert clock.sleeps == []


async def test_adaptive_limiter_slows_down_on_429_and_probes_back_up() -> None:
    """Unconfigured, a 429 sets a pace below the observed rate; quiet seconds raise it."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(), clock=clock, sleep=clock.sleep)
    for _ in range(100):  # 100 requests over one second
        await limiter.acquire()
        limiter.release()
        clock.now += 0.01
    limiter.throttled()
    assert limiter.current_rate is None  # a lone 429 only pauses
    limiter.throttled()
    first = limiter.current_rate
    assert first is not None
    assert first == pytest.approx(50.0, rel=0.1)
    limiter.throttled()  # same burst of 429s: counted once
    assert limiter.current_rate == first
    clock.now += 1.0
    limiter.throttled()
    assert limiter.current_rate is not None
    assert limiter.current_rate <= first * 0.5 + 1e-9
    lowered = limiter.current_rate
    clock.now += 2.0
    await grant_times(limiter, clock, 200)
    assert limiter.current_rate is not None
    assert limiter.current_rate > lowered


async def test_a_lone_429_does_not_slow_the_client() -> None:
    """One 429 with nothing around it keeps the pace; two close together lower it."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=40), clock=clock, sleep=clock.sleep)
    await grant_times(limiter, clock, 40)
    limiter.throttled()
    assert limiter.current_rate == 40
    clock.now += 10
    limiter.throttled()
    assert limiter.current_rate == 40
    clock.now += 1
    limiter.throttled()
    assert limiter.current_rate is not None
    assert limiter.current_rate < 40


async def test_fixed_rate_is_not_adapted() -> None:
    """With adaptive=False a configured per_second is kept: 429s pause but do not change it."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=40, adaptive=False), clock=clock, sleep=clock.sleep)
    limiter.throttled()
    assert limiter.current_rate == 40


async def test_configured_rate_is_a_ceiling_for_adaptation() -> None:
    """An adaptive client configured at 40/s slows on 429 and never probes above 40/s."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=40), clock=clock, sleep=clock.sleep)
    await grant_times(limiter, clock, 40)
    limiter.throttled()
    limiter.throttled()
    assert limiter.current_rate is not None
    assert limiter.current_rate < 40
    clock.now += 5
    await grant_times(limiter, clock, 2000)
    assert limiter.current_rate is not None
    assert 30 < limiter.current_rate <= 40


async def test_max_concurrency_caps_in_flight() -> None:
    """No more than max_concurrency holders at once; the next waits for a release."""
    limiter = Limiter(RateLimit(max_concurrency=2))
    await limiter.acquire()
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
        limiter.release()
        await entered.wait()
    assert limiter.peak_in_flight == 2


async def test_cancelled_waiter_gives_its_slot_back() -> None:
    """A request cancelled while pacing leaves no slot taken."""
    clock = FakeClock()
    limiter = Limiter(RateLimit(per_second=1, max_concurrency=1))
    await limiter.acquire()
    limiter.release()
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
