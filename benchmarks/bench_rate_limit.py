"""Finding a limit nobody documented: the adaptive pace against a token-bucket server.

The fake server (own process, CPU 1) runs a token bucket of L requests/s
(burst 5, Retry-After 1) with 20 ms latency. A client told nothing (adaptive)
sends GETs from 32 concurrent workers; after a 10 s warm-up, 60 s are
measured: the share of L the server accepted and the share of answers that
were 429. Rows:

- L = 10, 40 and 100 per second, told nothing;
- configured at twice the real limit (per_second = 2 L, adaptive);
- the limit halves 30 s in and comes back 20 s later: 429 share over the
  halved 20 s, and how long after the restore the client is back at 90 %;
- scattered 429s that are not a limit (3.5 % of answers, Retry-After 1): a
  single-request bulk create of 20,000 records, against the 429 s it took when
  every 429 paused the whole client.

Run: ``uv run python benchmarks/bench_rate_limit.py`` (about 7 minutes; every
loop is bounded by its deadline).
"""

from __future__ import annotations

import asyncio
import time

import anyio

import thulium_async as th
from benchmarks._harness import fake_server, pin, print_table

WARM_UP = 10.0
MEASURE = 60.0
WORKERS = 32
BURST = 5


class Tally:
    """Answers by second since the start: accepted and 429."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.answers: list[tuple[float, bool]] = []

    def on_response(self, event: th.ResponseEvent) -> None:
        """Hook: note when each answer came and whether it was a 429."""
        self.answers.append((time.monotonic() - self.start, event.status_code != 429))

    def between(self, start: float, end: float) -> tuple[int, int]:
        """(accepted, refused) answers in ``[start, end)`` seconds."""
        window = [ok for moment, ok in self.answers if start <= moment < end]
        return sum(window), len(window) - sum(window)


async def drive(base: str, rate_limit: th.RateLimit, seconds: float) -> Tally:
    """32 workers calling one cheap endpoint for ``seconds``; every answer tallied."""
    tally = Tally()
    hooks = th.Hooks(on_response=[tally.on_response])
    retry = th.RetryPolicy(max_attempts=10, deadline=None)
    async with th.Client(
        base, auth=("api_user", "api_pass"), rate_limit=rate_limit, hooks=hooks, retry=retry
    ) as client:

        async def worker() -> None:
            while True:
                await client.outbounds.stats.get("00001")

        with anyio.move_on_after(seconds):
            async with anyio.create_task_group() as group:
                for _ in range(WORKERS):
                    group.start_soon(worker)
    return tally


async def steady(limit: float, rate_limit: th.RateLimit) -> list[object]:
    """One measured row against a steady limit."""
    server = ("--rate-limit", str(limit), "--burst", str(BURST))
    with fake_server("--campaigns", "1", "--latency", "0.02", *server) as base:
        tally = await drive(base, rate_limit, WARM_UP + MEASURE)
    accepted, refused = tally.between(WARM_UP, WARM_UP + MEASURE)
    return [
        f"{accepted / (limit * MEASURE):.1%}",
        f"{refused / max(1, accepted + refused):.2%}",
    ]


async def halving(limit: float) -> list[object]:
    """The limit halves at 30 s and is restored at 50 s."""
    changes = ("--rate-limit-change", f"30:{limit / 2}", "--rate-limit-change", f"50:{limit}")
    server = ("--rate-limit", str(limit), "--burst", str(BURST), *changes)
    with fake_server("--campaigns", "1", "--latency", "0.02", *server) as base:
        tally = await drive(base, th.RateLimit(max_concurrency=WORKERS), 80.0)
    accepted, refused = tally.between(30.0, 50.0)
    back = "not within 30 s"
    for second in range(50, 79):
        if tally.between(second, second + 2)[0] / 2 >= 0.9 * limit:
            back = f"{second - 50} s"
            break
    return [f"{refused / max(1, accepted + refused):.2%}", back]


async def scattered_429s() -> list[object]:
    """20,000 single-request creates with 3.5 % of answers a 429 that is not a limit."""
    faults = ("--throttle-rate", "0.035", "--latency", "0.02")
    with fake_server("--campaigns", "1", *faults) as base:
        async with th.Client(base, auth=("api_user", "api_pass"), check_statuses=False) as client:
            rows = [("00001", {"phone_number": f"48500{n:06d}"}) for n in range(20_000)]
            started = time.perf_counter()
            with anyio.fail_after(300):
                report = await client.bulk.create_records(rows, batch=False, concurrency=32)
            elapsed = time.perf_counter() - started
            throttled = client.stats.throttled
    return [
        f"{elapsed:.1f}",
        f"{report.counts.get('created', 0):,}",
        throttled,
        f"{429 / elapsed:.1f}x",
    ]


async def main() -> None:
    pin(0)
    rows = []
    for limit in (10.0, 40.0, 100.0):
        told_nothing = th.RateLimit(max_concurrency=WORKERS)
        rows.append([f"L = {limit:.0f}/s, told nothing", *await steady(limit, told_nothing)])
    over = th.RateLimit(per_second=80.0, max_concurrency=WORKERS)
    rows.append(["L = 40/s, configured at 80/s", *await steady(40.0, over)])
    print_table(
        f"Adaptive pace against a token bucket (burst {BURST}, Retry-After 1, 20 ms latency), "
        f"{WORKERS} workers, measured {MEASURE:.0f} s after a {WARM_UP:.0f} s warm-up "
        "(goals: >= 90 % of L, <= 2 % 429s; configured 2L: >= 85 %, <= 2 %)",
        ["client", "of the limit used", "429 share"],
        rows,
    )
    print_table(
        "The limit halves 30 s in, is restored at 50 s (goals: <= 3 % 429s while halved, "
        "back to >= 90 % within 20 s)",
        ["limit", "429 share while halved", "back to 90 % after the restore"],
        [[f"{limit:.0f}/s", *await halving(limit)] for limit in (10.0, 40.0, 100.0)],
    )
    print_table(
        "Scattered 429s (3.5 %, Retry-After 1) that are no limit: single-request bulk create "
        "of 20,000 records at concurrency 32, 20 ms latency "
        "(goal: >= 10x faster than the 429 s it took when every 429 paused the client)",
        ["seconds", "created", "429 answers", "faster than 429 s"],
        [await scattered_429s()],
    )


if __name__ == "__main__":
    asyncio.run(main())
