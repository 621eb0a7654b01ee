"""Per-call overhead of ``SyncClient`` over the async ``Client`` doing the same call.

The same GET (``agents``, 2 agents) is made one call at a time, ``CALLS`` times
per round, alternating async and sync rounds (``ROUNDS`` each) so drift hits
both alike; the p50 and p90 of each side's per-call latency are compared.
Two cases: the fake in process (no network: the bridge's cost is most visible)
and the fake server in its own process over 127.0.0.1 (CPU 1; client on CPU 0).
The sync side's extra cost is the hop to the client's loop thread and back.
Run: ``uv run python benchmarks/bench_sync.py`` (about 20 s).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from typing import Any

import thulium_async as th
from benchmarks._harness import fake_server, pin, print_table
from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium

AUTH = ("api_user", "api_pass")
CALLS = 500
ROUNDS = 5
WARMUP = 100


def quantiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p90) in milliseconds."""
    cuts = statistics.quantiles(samples, n=10)
    return statistics.median(samples) * 1000, cuts[8] * 1000


async def async_round(client: th.Client, calls: int) -> list[float]:
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        await client.agents.list()
        times.append(time.perf_counter() - started)
    return times


def sync_round(client: th.SyncClient, calls: int) -> list[float]:
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        client.agents.list()
        times.append(time.perf_counter() - started)
    return times


def measure(make_async: Callable[[], th.Client], make_sync: Callable[[], th.SyncClient]) -> Any:
    async_times: list[float] = []
    sync_times: list[float] = []
    async_client = make_async()
    with make_sync() as sync_client:
        asyncio.run(async_round(async_client, WARMUP))
        sync_round(sync_client, WARMUP)
        for _ in range(ROUNDS):
            async_times += asyncio.run(async_round(async_client, CALLS))
            sync_times += sync_round(sync_client, CALLS)
    asyncio.run(async_client.aclose())
    return quantiles(async_times), quantiles(sync_times)


def row(case: str, result: Any) -> list[str]:
    (a50, a90), (s50, s90) = result
    return [
        case,
        f"{a50:.3f}",
        f"{s50:.3f}",
        f"**{s50 - a50:+.3f}**",
        f"{a90:.3f}",
        f"{s90:.3f}",
    ]


def main() -> None:
    pin(0)
    fake = FakeThulium()
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski", number=3113)
    in_process = measure(
        lambda: th.Client(IN_PROCESS_BASE_URL, auth=AUTH, transport=fake.transport()),
        lambda: th.SyncClient(IN_PROCESS_BASE_URL, auth=AUTH, transport=fake.transport()),
    )
    with fake_server() as base_url:
        loopback = measure(
            lambda: th.Client(base_url, auth=AUTH), lambda: th.SyncClient(base_url, auth=AUTH)
        )
    print_table(
        f"SyncClient overhead per call (GET agents, {ROUNDS} x {CALLS} calls a side, ms)",
        ["case", "async p50", "sync p50", "overhead p50", "async p90", "sync p90"],
        [row("fake in process", in_process), row("fake over 127.0.0.1", loopback)],
    )


if __name__ == "__main__":
    main()
