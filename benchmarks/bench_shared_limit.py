"""Many worker processes, one account: the rate budget shared through Redis.

One fake server (own process, CPU 1) enforces an account limit of 30
requests/s (token bucket, burst 3, Retry-After 1, 20 ms latency). 1, 4 and 8
worker processes (each its own client, 16 concurrent calls) share it through
one private redis-server, configured at the limit or told nothing. Measured
over 60 s after a 10 s warm-up (as the adaptive figures): the share of the
limit used, the share of 429 answers, and the most answers accepted in any
one-second window against limit + burst. A row without a store shows what
four workers do when each believes it owns the account. Last, how long the
concurrency slots of a worker killed with SIGKILL take to come back
(lease_seconds=5).

Run: ``uv run python benchmarks/bench_shared_limit.py`` (about 9 minutes).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid

import anyio

import thulium_async as th
from benchmarks._harness import fake_server, print_table
from tests.redis_server import running_redis

LIMIT = 30.0
BURST = 3
WARM_UP = 10.0
MEASURE = 60.0
CALLS_IN_FLIGHT = 16

WORKER = """
import anyio, json, sys, time, thulium_async as th
base, redis_url, key, mode, seconds = sys.argv[1:6]
async def main():
    store = th.RedisLimitStore(redis_url) if redis_url != "-" else None
    per_second = float(sys.argv[6]) if mode == "configured" else None
    limit = th.RateLimit(per_second=per_second, max_concurrency=16, store=store, key=key)
    answers = []
    hooks = th.Hooks(on_response=[lambda e: answers.append((time.time(), e.status_code))])
    retry = th.RetryPolicy(max_attempts=20, deadline=None)
    async with th.Client(base, auth=("api_user", "api_pass"), rate_limit=limit,
                         hooks=hooks, retry=retry) as client:
        async def worker():
            while True:
                await client.outbounds.stats.get("00001")
        with anyio.move_on_after(float(seconds)):
            async with anyio.create_task_group() as group:
                for _ in range(16):
                    group.start_soon(worker)
    if store is not None:
        await store.aclose()
    print(json.dumps(answers))
anyio.run(main)
"""


def run_workers(base: str, redis_url: str, workers: int, mode: str) -> list[tuple[float, int]]:
    """Start the worker processes together; every answer they saw, as (wall time, status)."""
    key = f"bench-{uuid.uuid4().hex}"
    seconds = str(WARM_UP + MEASURE)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, base, redis_url, key, mode, seconds, str(LIMIT)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    answers: list[tuple[float, int]] = []
    for process in processes:
        out, _ = process.communicate(timeout=120)
        answers += [tuple(pair) for pair in json.loads(out)]  # type: ignore[misc]
    return sorted(answers)


def summarise(answers: list[tuple[float, int]]) -> list[object]:
    start = answers[0][0] + WARM_UP
    window = [(moment, status) for moment, status in answers if start <= moment < start + MEASURE]
    accepted = [moment for moment, status in window if status != 429]
    refused = len(window) - len(accepted)
    busiest = max((sum(1 for t in accepted if s <= t < s + 1.0) for s in accepted), default=0)
    return [
        f"{len(accepted) / (LIMIT * MEASURE):.1%}",
        f"{refused / max(1, len(window)):.2%}",
        f"{busiest} / {LIMIT + BURST:.0f}",
    ]


async def killed_worker_slots(redis_url: str) -> str:
    """SIGKILL a worker holding every account-wide slot; time until they are all free."""
    key = f"bench-{uuid.uuid4().hex}"
    holder = (
        "import anyio, sys, thulium_async as th\n"
        "async def main():\n"
        "    store = th.RedisLimitStore(sys.argv[1])\n"
        "    limit = th.RateLimit(\n"
        "        max_concurrency=8, lease_seconds=5, store=store, key=sys.argv[2])\n"
        "    for n in range(8):\n"
        "        await store.acquire(sys.argv[2], f'held{n}', limit)\n"
        "    print('holding', flush=True)\n"
        "    await anyio.sleep(60)\n"
        "anyio.run(main)\n"
    )
    async with await anyio.open_process(
        [sys.executable, "-c", holder, redis_url, key]
    ) as holder_process:
        assert holder_process.stdout is not None
        with anyio.fail_after(30):
            assert (await holder_process.stdout.receive()).startswith(b"holding")
        os.kill(holder_process.pid, signal.SIGKILL)
        await holder_process.wait()
    killed = time.monotonic()
    store = th.RedisLimitStore(redis_url)
    limit = th.RateLimit(max_concurrency=8, lease_seconds=5, store=store, key=key)
    granted = 0
    with anyio.fail_after(30):
        while granted < 8:
            if (await store.acquire(key, f"new{granted}", limit)).granted:
                granted += 1
            else:
                await anyio.sleep(0.05)
    await store.aclose()
    return f"{time.monotonic() - killed:.1f} s (lease_seconds=5)"


async def main() -> None:
    rows = []
    server = ("--rate-limit", str(LIMIT), "--burst", str(BURST), "--latency", "0.02")
    with running_redis() as redis_url, fake_server("--campaigns", "1", *server) as base:
        cases = [(n, mode, redis_url) for n in (1, 4, 8) for mode in ("configured", "adaptive")]
        cases.append((4, "configured", "-"))
        for workers, mode, store in cases:
            await anyio.sleep(2.0)  # the server's bucket refills between cases
            answers = await anyio.to_thread.run_sync(run_workers, base, store, workers, mode)
            label = f"at {LIMIT:.0f}/s" if mode == "configured" else "told nothing"
            shared = "shared store" if store != "-" else "no store (each its own)"
            rows.append([workers, f"{label}, {shared}", *summarise(answers)])
        kill = await killed_worker_slots(redis_url)
    print_table(
        f"One account at {LIMIT:.0f} req/s (burst {BURST}), workers x {CALLS_IN_FLIGHT} "
        f"calls in flight, {MEASURE:.0f} s after {WARM_UP:.0f} s",
        ["workers", "clients", "of the limit used", "429 share", "most in 1 s / limit+burst"],
        rows,
    )
    print_table(
        "A worker killed with SIGKILL while holding all 8 account-wide slots",
        ["slots back after"],
        [[kill]],
    )


if __name__ == "__main__":
    asyncio.run(main())
