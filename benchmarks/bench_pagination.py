"""Concurrent pagination against sequential: 3,000 records at 50 ms per request.

The fake server (own process, CPU 1) answers every request after 50 ms; the
client (CPU 0) pulls ``outbounds/00001/records`` in pages of 100, once one
page at a time and once with the paginator's concurrent prefetch, and checks
that every record came once and in order. Run:
``uv run python benchmarks/bench_pagination.py``.
"""

from __future__ import annotations

import asyncio
import time

import thulium_async as th
from benchmarks._harness import fake_server, pin, print_table

RECORDS = 3000
LATENCY = 0.050
REPEATS = 3


async def pull(client: th.Client, concurrency: int) -> tuple[float, list[int]]:
    started = time.perf_counter()
    records = await client.outbounds.records.list("00001", concurrency=concurrency).to_list()
    return time.perf_counter() - started, [record.record_id for record in records]


async def main() -> None:
    pin(0)
    rows = []
    with fake_server(
        "--campaigns", "1", "--records", str(RECORDS), "--latency", str(LATENCY)
    ) as base:
        async with th.Client(base, auth=("api_user", "api_pass")) as client:
            reference = [
                r.record_id for r in await client.outbounds.records.list("00001").to_list()
            ]
            assert len(reference) == RECORDS == len(set(reference)), "fake must hold unique records"
            timings: dict[int, list[float]] = {1: [], 4: [], 8: [], 16: []}
            for _ in range(REPEATS):
                for concurrency in timings:
                    seconds, ids = await pull(client, concurrency)
                    assert ids == reference, "records missing, repeated or out of order"
                    timings[concurrency].append(seconds)
    sequential = sorted(timings[1])[REPEATS // 2]
    for concurrency, values in timings.items():
        median = sorted(values)[REPEATS // 2]
        rows.append(
            [
                "sequential" if concurrency == 1 else f"concurrent, {concurrency} pages at once",
                f"{median:.3f}",
                f"{median / sequential:.0%}",
                f"{RECORDS / median:,.0f}",
                "yes",
            ]
        )
    print_table(
        f"Pagination: {RECORDS:,} records, pages of 100, "
        f"{LATENCY * 1000:.0f} ms per request, median of {REPEATS}",
        ["mode", "seconds", "of sequential time", "records/s", "every record once, in order"],
        rows,
    )


if __name__ == "__main__":
    asyncio.run(main())
