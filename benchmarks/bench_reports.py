"""A report job: pull a month of call records (``GET connections``) at 50 ms per request.

The fake server (own process, CPU 1) holds 10,000 finished calls over the last
30 days and answers every request after 50 ms; the client (CPU 0) pulls them
all through ``client.connections.list`` in pages of 100: one page at a time,
with the paginator's concurrent prefetch, and as four report jobs at once, one
per week of the month, as a scheduler running several exports would. Every
run checks that each call came exactly once. Run:
``uv run python benchmarks/bench_reports.py``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import time

import thulium_async as th
from benchmarks._harness import fake_server, pin, print_table

CALLS = 10_000
LATENCY = 0.050
REPEATS = 3
WEEKS = 4


async def pull(client: th.Client, concurrency: int) -> tuple[float, list[str]]:
    started = time.perf_counter()
    calls = await client.connections.list(concurrency=concurrency).to_list()
    return time.perf_counter() - started, [call.connection_id or "" for call in calls]


async def pull_weeks(client: th.Client, first: dt.date, last: dt.date) -> tuple[float, list[str]]:
    """Four jobs at once, each its own slice of the range (the last one takes the rest)."""
    step = (last - first) // WEEKS
    bounds = [first + step * index for index in range(WEEKS)] + [last + dt.timedelta(days=1)]

    async def job(low: dt.date, high: dt.date) -> list[str]:
        pages = client.connections.list(date_from=low, date_to=high - dt.timedelta(days=1))
        return [call.connection_id or "" async for call in pages]

    started = time.perf_counter()
    slices = await asyncio.gather(*(job(a, b) for a, b in itertools.pairwise(bounds)))
    return time.perf_counter() - started, [cid for ids in slices for cid in ids]


async def main() -> None:
    pin(0)
    with fake_server("--calls", str(CALLS), "--latency", str(LATENCY)) as base:
        async with th.Client(base, auth=("api_user", "api_pass")) as client:
            reference = [c.connection_id for c in await client.connections.list().to_list()]
            assert len(reference) == CALLS == len(set(reference)), "fake must hold unique calls"
            dates = sorted({c.date.date() for c in await client.connections.list().to_list()})
            timings: dict[str, list[float]] = {}
            modes = {
                "sequential (one page at a time)": lambda: pull(client, 1),
                "paginator, 8 pages at once (default)": lambda: pull(client, 8),
                "paginator, 16 pages at once": lambda: pull(client, 16),
                f"{WEEKS} report jobs at once, a week each": lambda: pull_weeks(
                    client, dates[0], dates[-1]
                ),
            }
            for _ in range(REPEATS):
                for name, run in modes.items():
                    seconds, ids = await run()
                    assert sorted(ids) == sorted(reference), f"{name}: calls missing or repeated"
                    timings.setdefault(name, []).append(seconds)
    sequential = sorted(timings["sequential (one page at a time)"])[REPEATS // 2]
    rows = []
    for name, values in timings.items():
        median = sorted(values)[REPEATS // 2]
        rows.append(
            [
                name,
                f"{median:.2f}",
                f"{median / sequential:.0%}",
                f"{CALLS / median:,.0f}",
                "yes",
            ]
        )
    print_table(
        f"Report job: {CALLS:,} calls (GET connections), pages of 100, "
        f"{LATENCY * 1000:.0f} ms per request, median of {REPEATS}",
        ["mode", "seconds", "of sequential time", "calls/s", "every call once"],
        rows,
    )


if __name__ == "__main__":
    asyncio.run(main())
