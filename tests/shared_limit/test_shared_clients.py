"""Clients sharing one account's budget through a real Redis: in one process, across
processes, and while Redis goes away and comes back."""

from __future__ import annotations

import json
import logging
import sys
import time
import uuid

import anyio
import pytest

import thulium_async as th
from tests.redis_server import free_port, running_redis
from tests.support import serve_asgi
from thulium_async._transport import _limiter
from thulium_async.testing import FakeThulium, FaultPlan


def fake_with_limit(rate: float, burst: int) -> FakeThulium:
    fake = FakeThulium(faults=FaultPlan(rate_limit=rate, burst=burst))
    fake.add_campaign("00001", name="A")
    return fake


async def test_two_clients_in_one_process_spend_one_budget(redis_url: str) -> None:
    """Two clients at per_second=40 on one store: together 40/s; a 40/s server refuses none."""
    fake = fake_with_limit(40, 3)
    store = th.RedisLimitStore(redis_url)
    limit = th.RateLimit(per_second=40, store=store, key=f"test-{uuid.uuid4().hex}")
    async with fake.serve() as url:
        clients = [
            th.Client(url, auth=(fake.username, fake.password), rate_limit=limit) for _ in range(2)
        ]
        started = time.monotonic()
        async with anyio.create_task_group() as group:
            for client in clients:
                for _ in range(20):
                    group.start_soon(client.outbounds.stats.get, "00001")
        elapsed = time.monotonic() - started
        for client in clients:
            assert client.limiter.shared
            await client.aclose()
    await store.aclose()
    assert elapsed >= 39 / 40  # 40 starts at 40/s, burst 1: the last one a second in
    assert fake.counters.rate_limited == 0


@pytest.mark.loopback
def test_worker_processes_share_one_pace(redis_url: str) -> None:
    """Three processes, 30 calls each at a shared 30/s, against a 30/s (burst 3) server: no 429."""
    fake = fake_with_limit(30, 3)
    key = f"test-{uuid.uuid4().hex}"
    script = (
        "import anyio, json, sys, thulium_async as th\n"
        "async def main():\n"
        "    store = th.RedisLimitStore(sys.argv[2])\n"
        "    limit = th.RateLimit(per_second=30, store=store, key=sys.argv[3])\n"
        "    async with th.Client(sys.argv[1], auth=('api_user', 'api_pass'),\n"
        "                         rate_limit=limit) as client:\n"
        "        async with anyio.create_task_group() as group:\n"
        "            for _ in range(30):\n"
        "                group.start_soon(client.outbounds.stats.get, '00001')\n"
        "        print(json.dumps([client.stats.requests, client.stats.throttled]))\n"
        "    await store.aclose()\n"
        "anyio.run(main)\n"
    )

    results: list[list[int]] = []

    async def worker(base: str) -> None:
        done = await anyio.run_process([sys.executable, "-c", script, base, redis_url, key])
        results.append(json.loads(done.stdout))

    async def run() -> float:
        async with serve_asgi(fake.app) as base:
            started = time.monotonic()
            with anyio.fail_after(60):
                async with anyio.create_task_group() as group:
                    for _ in range(3):
                        group.start_soon(worker, f"{base}/api")
            return time.monotonic() - started

    elapsed = anyio.run(run)
    assert [requests for requests, _ in results] == [30, 30, 30]
    assert sum(throttled for _, throttled in results) == 0
    assert fake.counters.rate_limited == 0
    assert elapsed >= 86 / 30  # 90 starts at 30/s, burst 1


async def test_redis_down_then_back(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Redis out of reach: the client goes on with its own pace, warns once; it rejoins later."""
    monkeypatch.setattr(_limiter, "_REJOIN", 0.2)
    port = free_port()
    fake = fake_with_limit(1000, 100)
    store = th.RedisLimitStore(f"redis://127.0.0.1:{port}/0", socket_timeout=0.5)
    limit = th.RateLimit(per_second=200, store=store, key=f"test-{uuid.uuid4().hex}")
    caplog.set_level(logging.INFO, logger="thulium_async")
    async with fake.client(rate_limit=limit) as client:
        for _ in range(5):
            await client.outbounds.stats.get("00001")
        assert client.limiter.store_failures >= 1
        assert not client.limiter.shared
        warnings = [r for r in caplog.records if "store out of reach" in r.getMessage()]
        assert len(warnings) == 1
        with running_redis(port):
            await anyio.sleep(0.3)
            for _ in range(5):
                await client.outbounds.stats.get("00001")
            assert client.limiter.shared
            assert any("reachable again" in r.getMessage() for r in caplog.records)
        await anyio.sleep(0.01)
        for _ in range(3):  # and down again: still working
            await client.outbounds.stats.get("00001")
    await store.aclose()


async def test_clients_told_nothing_find_the_accounts_limit_together(redis_url: str) -> None:
    """Two adaptive clients on one store against a 50/s server settle near 50/s, not at 0.5/s."""
    fake = fake_with_limit(50, 5)
    store = th.RedisLimitStore(redis_url)
    key = f"test-{uuid.uuid4().hex}"
    limit = th.RateLimit(max_concurrency=8, store=store, key=key)
    retry = th.RetryPolicy(max_attempts=20, deadline=None)
    async with (
        fake.client(rate_limit=limit, retry=retry) as one,
        fake.client(rate_limit=limit, retry=retry) as two,
    ):
        with anyio.fail_after(60):
            async with anyio.create_task_group() as group:
                for client in (one, two):
                    for _ in range(150):
                        group.start_soon(client.outbounds.stats.get, "00001")
        grant = await store.acquire(key, "probe", limit)
    await store.aclose()
    assert fake.counters.rate_limited > 0  # they did have to find it
    assert grant.rate is not None
    assert 25 < grant.rate < 75
