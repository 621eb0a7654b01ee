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


async def test_an_overload_lowers_the_shared_pace_along_the_same_curve(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """One worker's overload sets the account's estimate; the rate follows _pace.curve."""
    limit = th.RateLimit(store=store)
    start = clock.now
    await store.overloaded(key, limit, reserved=start, share=0.5, sent_rate=80.0, retry_after=1.0)
    for elapsed in (0.0, 4.0, 8.0, 12.0, 20.0):
        clock.now = start + elapsed
        grant = await store.acquire(key, f"x{elapsed}", limit)
        assert grant.rate == pytest.approx(curve(40.0, elapsed, None))
        assert grant.epoch == start
    local = Pace(limit, now=0.0)
    local.adjust(0.0, Overload(share=0.5, sent_rate=80.0, retry_after=1.0))
    assert local.estimate == pytest.approx(40.0)


async def test_a_report_from_before_the_last_adjustment_is_dropped(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """Workers that saw the same overload report it once: the later reports are stale."""
    limit = th.RateLimit(store=store)
    sent = clock.now
    clock.now += 0.5
    await store.overloaded(key, limit, reserved=sent, share=0.5, sent_rate=80.0, retry_after=None)
    clock.now += 0.1
    await store.overloaded(key, limit, reserved=sent, share=0.5, sent_rate=40.0, retry_after=None)
    grant = await store.acquire(key, "x", limit)
    assert grant.rate == pytest.approx(curve(40.0, 0.1, None))


async def test_a_sustained_overload_pauses_every_worker(
    store: RedisLimitStore, key: str, clock: Clock
) -> None:
    """A second overload within 2 s holds every worker for the Retry-After."""
    limit = th.RateLimit(per_second=50, store=store)
    for _ in range(2):
        await store.overloaded(
            key, limit, reserved=clock.now, share=0.5, sent_rate=50.0, retry_after=1.0
        )
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
    await store.overloaded(
        key, limit, reserved=clock.now, share=0.9, sent_rate=30.0, retry_after=None
    )
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
    await store.overloaded(
        key, limit, reserved=clock.now, share=0.5, sent_rate=25.0, retry_after=None
    )
    grant = await store.acquire(key, "after", limit)
    assert grant.rate == pytest.approx(curve(50.0, 0.0, None), rel=0.05)
