"""The Redis store's scripts on a real redis-server: pace, pause, estimate, leases, errors."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

import thulium_async as th
from thulium_async import errors
from thulium_async._transport._pace import Overload, Pace, curve
from thulium_async._transport._redis_store import RedisLimitStore


class Clock:
    """The time the scripts use, moved by the test (the server's TIME otherwise)."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def store(redis_url: str, clock: Clock) -> AsyncIterator[RedisLimitStore]:
    shared = th.RedisLimitStore(redis_url, clock=clock)
    yield shared
    await shared.aclose()


@pytest.fixture
def key() -> str:
    """An account of its own for each test."""
    return f"test-{uuid.uuid4().hex}"


async def test_workers_share_one_pace(store: RedisLimitStore, key: str) -> None:
    """At 20/s, burst 1, six grants asked at one instant by three workers wait 0, 50, ... ms."""
    limit = th.RateLimit(per_second=20, store=store)
    waits = [(await store.acquire(key, f"worker{n % 3}:{n}", limit)).wait for n in range(6)]
    assert waits == pytest.approx([0.0, 0.05, 0.10, 0.15, 0.20, 0.25])


async def test_the_concurrency_cap_is_account_wide_and_leases_expire(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """Two leases fill max_concurrency=2; a release frees one; a killed worker's comes back."""
    limit = th.RateLimit(max_concurrency=2, lease_seconds=30, store=store)
    assert (await store.acquire(key, "a", limit)).granted
    assert (await store.acquire(key, "b", limit)).granted
    assert not (await store.acquire(key, "c", limit)).granted
    await store.release(key, "a")
    assert (await store.acquire(key, "c", limit)).granted
    assert not (await store.acquire(key, "d", limit)).granted
    clock.now += 31  # "b" and "c" were never released: their worker died
    assert (await store.acquire(key, "d", limit)).granted


async def test_a_start_reserved_again_keeps_its_own_lease_under_a_full_cap(
    store: RedisLimitStore, key: str
) -> None:
    """A void start asks again under the same lease: its own lease never counts against it.

    Otherwise every caller whose start was voided while the cap was full
    would wait for a slot that only it holds, until its lease expired.
    """
    limit = th.RateLimit(max_concurrency=1, store=store)
    assert (await store.acquire(key, "a", limit)).granted
    assert not (await store.acquire(key, "b", limit)).granted
    assert (await store.acquire(key, "a", limit)).granted  # "a" again: still one slot held
    assert not (await store.acquire(key, "b", limit)).granted


async def answers(
    store: RedisLimitStore, key: str, limit: th.RateLimit, clock: Clock, pattern: str
) -> list[bool]:
    """One worker's answers: "A" accepted (counted with its next report), "R" a 429.

    Each 429 is reported at once with the acceptances since the last report,
    for a request reserved at the clock's time; what each report returned.
    """
    accepted, adjusted = 0, []
    epoch = (await store.acquire(key, "probe", limit)).epoch
    await store.release(key, "probe")
    for answer in pattern:
        if answer == "A":
            accepted += 1
            continue
        adjusted.append(
            await store.throttled(
                key, limit, reserved=clock.now, accepted=accepted, epoch=epoch, retry_after=1.0
            )
        )
        accepted = 0
    return adjusted


async def test_429s_counted_account_wide_lower_the_shared_pace_along_the_same_curve(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """At 80/s, 10 of 12 answers accepted since the first 429: the limit reads 66.7/s.

    Answers before the first 429 count toward "over the limit?" but not toward
    the share, as in ``Pace``; the rate then follows ``_pace.curve``.
    """
    limit = th.RateLimit(per_second=80, store=store)
    pattern = "A" * 20 + "R" + "A" * 10 + "R"
    assert await answers(store, key, limit, clock, pattern) == [False, True]
    estimate = 80.0 * 10 / 12
    start = clock.now
    for elapsed in (0.0, 4.0, 8.0, 12.0, 20.0):
        clock.now = start + elapsed
        grant = await store.acquire(key, f"x{elapsed}", limit)
        assert grant.rate == pytest.approx(curve(estimate, elapsed, 80.0))
        assert grant.epoch == start
    local = Pace(th.RateLimit(per_second=80), now=0.0)
    local.adjust(0.0, Overload(share=10 / 12, sent_rate=80.0, retry_after=1.0))
    assert local.estimate == pytest.approx(estimate)


async def test_acceptances_reported_with_reservations_count_for_every_worker(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """Two 429s among 41 answers, most seen by other workers: no overload (under 5 %).

    Acceptances of an epoch that is over are dropped: they describe the old pace.
    """
    limit = th.RateLimit(per_second=80, store=store)
    epoch = (await store.acquire(key, "w1", limit)).epoch
    await store.acquire(key, "w2", limit, accepted=19, epoch=epoch)
    assert await answers(store, key, limit, clock, "R") == [False]
    await store.acquire(key, "w3", limit, accepted=20, epoch=epoch)
    assert await answers(store, key, limit, clock, "R") == [False]  # 2 of 41: under 5 %
    await store.acquire(key, "w4", limit, accepted=500, epoch=epoch - 1.0)  # stale: dropped
    assert await answers(store, key, limit, clock, "R") == [True]  # 3 of 42


async def test_a_report_from_before_the_last_adjustment_is_dropped(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """Workers that saw the same overload count it once: 429s to older starts are stale."""
    limit = th.RateLimit(per_second=80, store=store)
    sent = clock.now
    clock.now += 0.5
    assert await answers(store, key, limit, clock, "RR") == [False, True]
    rate = (await store.acquire(key, "x", limit)).rate
    clock.now += 0.1
    for _ in range(5):
        stale = await store.throttled(
            key, limit, reserved=sent, accepted=0, epoch=0.0, retry_after=1.0
        )
        assert stale is False
    assert (await store.acquire(key, "y", limit)).rate == pytest.approx(rate, rel=0.01)


async def test_a_start_reserved_before_an_overload_or_a_pause_is_void(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """``confirm``: None while the start stands; 0.0 once the pace was lowered; the pause left."""
    limit = th.RateLimit(per_second=80, store=store)
    reserved = (await store.acquire(key, "a", limit)).now
    assert await store.confirm(key, reserved) is None
    clock.now += 0.1
    await answers(store, key, limit, clock, "RR")
    assert await store.confirm(key, reserved) == 0.0
    clock.now += 0.5
    await answers(store, key, limit, clock, "RR")  # a second overload within 2 s: a pause
    assert await store.confirm(key, clock.now - 0.01) == pytest.approx(1.0)


async def test_a_sustained_overload_pauses_every_worker(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """A second overload within 2 s holds every worker for the Retry-After."""
    limit = th.RateLimit(per_second=50, store=store)
    for _ in range(2):
        assert await answers(store, key, limit, clock, "RR") == [False, True]
        clock.now += 0.5
    held = await store.acquire(key, "other-worker", limit)
    assert not held.granted
    assert held.wait == pytest.approx(0.5)
    clock.now += 0.6
    assert (await store.acquire(key, "other-worker", limit)).granted


async def test_a_configured_rate_stays_a_ceiling(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """The shared probe never passes per_second."""
    limit = th.RateLimit(per_second=30, store=store)
    await answers(store, key, limit, clock, "A" * 10 + "R" + "A" * 10 + "R")
    clock.now += 60
    assert (await store.acquire(key, "x", limit)).rate == 30


async def test_a_wrong_password_names_the_setting() -> None:
    """A Redis that refuses the login is a configuration error, not an outage."""
    from tests.redis_server import running_redis

    with running_redis(password="right") as url:
        wrong = url.replace("redis://", "redis://:wrong@")
        store = th.RedisLimitStore(wrong)
        try:
            with pytest.raises(errors.InputError, match=r"RateLimit\.store") as caught:
                await store.ping()
        finally:
            await store.aclose()
    assert "wrong" not in str(caught.value)
    assert "wrong" not in repr(store)


def test_bad_settings_fail_at_construction() -> None:
    """A bad URL, a key with spaces, a non-store, or no URL at all: InputError naming it."""
    with pytest.raises(errors.InputError, match=r"RedisLimitStore\.url"):
        th.RedisLimitStore("http://127.0.0.1:6379")
    with pytest.raises(errors.InputError, match="RedisLimitStore"):
        th.RedisLimitStore()
    with pytest.raises(errors.InputError, match=r"RateLimit\.key"):
        th.RateLimit(key="my account")
    with pytest.raises(errors.InputError, match=r"RateLimit\.store"):
        th.RateLimit(store="redis://127.0.0.1")  # type: ignore[arg-type]
    with pytest.raises(errors.InputError, match="per_second"):
        th.RateLimit(per_second=0)


def test_a_store_with_another_accounts_http_client_is_refused(redis_url: str) -> None:
    """The budget is keyed by base_url: an http_client aimed at another host is an error."""
    import httpx2

    store = th.RedisLimitStore(redis_url)
    other = httpx2.AsyncClient(base_url="https://other.thulium.com/api")
    with pytest.raises(errors.InputError, match="http_client"):
        th.Client(
            "https://acme.thulium.com/api",
            auth=("u", "p"),
            http_client=other,
            rate_limit=th.RateLimit(store=store),
        )


async def test_an_unpaced_accounts_overload_reads_the_whole_accounts_rate(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """Told nothing, four workers at 25/s each: the limit is read from the account's 100/s."""
    limit = th.RateLimit(store=store, max_concurrency=1000)
    for tick in range(101):  # 100 grants over one second, from four workers
        clock.now = 1_000.0 + tick / 100
        await store.acquire(key, f"w{tick % 4}:{tick}", limit)
    assert await answers(store, key, limit, clock, "RR") == [False, True]
    grant = await store.acquire(key, "after", limit)
    assert grant.rate == pytest.approx(curve(50.0, 0.0, None), rel=0.05)
