"""Pacing against a server that answers 429 above 40 requests/s.

The fake server (own process, CPU 1) runs a token bucket of 40 requests/s
(burst 5) with 20 ms latency. Three clients send 400 GETs each at concurrency
32: configured at 40/s (burst 1), configured at 80/s (too fast), and told
nothing (adaptive). Reported: share of 429 answers and the share of the limit
used. Run: ``uv run python benchmarks/bench_rate_limit.py``.
"""

from __future__ import annotations

import asyncio
import time

import anyio

import thulium_async as th
from benchmarks._harness import fake_server, pin, print_table

LIMIT = 40.0
REQUESTS = 400
CONCURRENCY = 32


async def run(base: str, rate_limit: th.RateLimit) -> tuple[float, int, int, float, float | None]:
    async with th.Client(base, auth=("api_user", "api_pass"), rate_limit=rate_limit) as client:
        queue = iter(range(REQUESTS))
        started = time.perf_counter()

        async def worker() -> None:
            for _ in queue:
                await client.outbounds.stats.get("00001")

        with anyio.fail_after(120):
            async with anyio.create_task_group() as group:
                for _ in range(CONCURRENCY):
                    group.start_soon(worker)
        elapsed = time.perf_counter() - started
        return (
            elapsed,
            client.stats.requests,
            client.stats.throttled,
            REQUESTS / elapsed,
            client.limiter.current_rate,
        )


async def main() -> None:
    pin(0)
    cases = [
        ("configured at 40/s", th.RateLimit(per_second=40, max_concurrency=CONCURRENCY)),
        (
            "configured at 80/s (twice the limit)",
            th.RateLimit(per_second=80, max_concurrency=CONCURRENCY),
        ),
        ("nothing configured (adaptive)", th.RateLimit(max_concurrency=CONCURRENCY)),
    ]
    rows = []
    with fake_server(
        "--campaigns", "1", "--latency", "0.02", "--rate-limit", str(LIMIT), "--burst", "5"
    ) as base:
        for name, rate_limit in cases:
            await anyio.sleep(1.0)  # let the server's bucket refill between cases
            elapsed, requests, throttled, rate, settled = await run(base, rate_limit)
            rows.append(
                [
                    name,
                    REQUESTS,
                    requests,
                    f"{throttled / requests:.1%}",
                    f"{rate:.1f}",
                    f"{rate / LIMIT:.0%}",
                    f"{elapsed:.1f}",
                    "-" if settled is None else f"{settled:.1f}",
                ]
            )
    print_table(
        f"Rate limit: server allows {LIMIT:.0f} req/s (burst 5), "
        f"{REQUESTS} calls at concurrency {CONCURRENCY}",
        [
            "client",
            "calls",
            "requests sent",
            "429 share",
            "calls/s",
            "of the limit",
            "seconds",
            "pace at end (/s)",
        ],
        rows,
    )


if __name__ == "__main__":
    asyncio.run(main())
