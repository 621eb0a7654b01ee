"""Bulk record creation: client.bulk against raw aiohttp, naive httpx and a sequential loop.

One run, one fake server process (``python -m thulium_async.testing``, CPU 1)
answering every request after 20 ms; the client runs on CPU 0. 20,000 records
over 5 campaigns at concurrency 32, so the bound for one request per record
is 32 / 20 ms = 1,600 records/s. Then the peak RSS of streaming 250,000 and
1,000,000 items through ``create_records`` (batch mode) against the
in-process fake, each in a fresh process.

Run: ``uv run python benchmarks/bench_bulk.py`` (about 2-3 minutes).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import resource
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import aiohttp
import httpx2

import thulium_async as th
from benchmarks._harness import fake_server, pin, print_table
from thulium_async.models import NewRecord

RECORDS = 20_000
NAIVE_RECORDS = 5_000  # naive httpx manages ~500/s at C=32: a subset keeps the run short
SEQUENTIAL_RECORDS = 300
CONCURRENCY = 32
LATENCY = 0.020
BOUND = CONCURRENCY / LATENCY
CAMPAIGNS = ("00001", "00002", "00003", "00004", "00005")
AUTH = ("api_user", "api_pass")
HEADER = {"Authorization": "Basic " + base64.b64encode(b"api_user:api_pass").decode()}
_serial = itertools.count(1)


def items(n: int) -> Iterator[tuple[str, NewRecord]]:
    """``n`` fresh records over the five campaigns (a new number range per case)."""
    base = next(_serial) * 10_000_000
    for i in range(n):
        yield CAMPAIGNS[i % 5], NewRecord(phone_number=str(500_000_000 + base + i))


class Result:
    """Records done, seconds, client CPU seconds and requests of one case."""

    def __init__(self, done: int, seconds: float, cpu: float, requests: int) -> None:
        self.done, self.seconds, self.cpu, self.requests = done, seconds, cpu, requests

    @property
    def rate(self) -> float:
        return self.done / self.seconds


async def measure(run: Callable[[], Awaitable[tuple[int, int]]]) -> Result:
    started, cpu = time.perf_counter(), time.process_time()
    done, requests = await run()
    return Result(done, time.perf_counter() - started, time.process_time() - cpu, requests)


async def raw_aiohttp(base: str, n: int) -> tuple[int, int]:
    """The ceiling: 32 workers POSTing over one aiohttp session, no retries, no checks."""
    source = items(n)
    done = 0
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector, headers=HEADER) as session:

        async def worker() -> None:
            nonlocal done
            for campaign_id, record in source:
                url = f"{base}/outbounds/{campaign_id}/records"
                async with session.post(url, json={"phone_number": record.phone_number}) as r:
                    await r.read()
                    done += r.status == 201

        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return done, n


async def naive_httpx(base: str, n: int) -> tuple[int, int]:
    """What users write: one httpx2.AsyncClient, an asyncio.Semaphore, gather."""
    done = 0
    semaphore = asyncio.Semaphore(CONCURRENCY)
    async with httpx2.AsyncClient(base_url=base + "/", auth=AUTH, timeout=60) as http:

        async def one(campaign_id: str, record: NewRecord) -> None:
            nonlocal done
            async with semaphore:
                response = await http.post(
                    f"outbounds/{campaign_id}/records", json={"phone_number": record.phone_number}
                )
                done += response.status_code == 201

        await asyncio.gather(*(one(cid, record) for cid, record in items(n)))
    return done, n


def bulk(base: str, n: int, *, aiohttp_extra: bool, batch: bool) -> Callable[[], Awaitable[Any]]:
    async def run() -> tuple[int, int]:
        options: dict[str, Any] = {"rate_limit": th.RateLimit(max_concurrency=CONCURRENCY)}
        if aiohttp_extra:
            options["transport"] = th.AiohttpTransport(max_connections=CONCURRENCY)
        async with th.Client(base, auth=AUTH, **options) as client:
            report = await client.bulk.create_records(
                items(n), concurrency=CONCURRENCY, batch=batch
            )
        assert report.succeeded == n, report.summary()
        return report.succeeded, report.requests

    return run


async def resource_loop(base: str, n: int) -> tuple[int, int]:
    """The same client driven by hand: 32 workers calling records.create (no bulk layer)."""
    source = items(n)
    limits = th.RateLimit(max_concurrency=CONCURRENCY)
    async with th.Client(base, auth=AUTH, rate_limit=limits) as client:

        async def worker() -> None:
            for campaign_id, record in source:
                await client.outbounds.records.create(campaign_id, phone_number=record.phone_number)

        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return n, n


async def sequential(base: str, n: int) -> tuple[int, int]:
    """A plain loop of single creates, one at a time."""
    async with th.Client(base, auth=AUTH) as client:
        for campaign_id, record in items(n):
            await client.outbounds.records.create(campaign_id, phone_number=record.phone_number)
    return n, n


async def http_cases(base: str) -> list[list[object]]:
    cases: list[tuple[str, int, Callable[[], Awaitable[tuple[int, int]]]]] = [
        ("raw aiohttp, no retries (ceiling)", RECORDS, lambda: raw_aiohttp(base, RECORDS)),
        ("bulk, single requests, default transport", RECORDS,
         bulk(base, RECORDS, aiohttp_extra=False, batch=False)),
        ("bulk, single requests, aiohttp extra", RECORDS,
         bulk(base, RECORDS, aiohttp_extra=True, batch=False)),
        ("same client, hand-written worker loop (no bulk layer)", RECORDS,
         lambda: resource_loop(base, RECORDS)),
        ("naive httpx2.AsyncClient + Semaphore", NAIVE_RECORDS,
         lambda: naive_httpx(base, NAIVE_RECORDS)),
        ("bulk, batch mode (100/request), default transport", RECORDS,
         bulk(base, RECORDS, aiohttp_extra=False, batch=True)),
        ("bulk, batch mode (100/request), aiohttp extra", RECORDS,
         bulk(base, RECORDS, aiohttp_extra=True, batch=True)),
        ("sequential loop of creates (C=1)", SEQUENTIAL_RECORDS,
         lambda: sequential(base, SEQUENTIAL_RECORDS)),
    ]  # fmt: skip
    results = {name: await measure(run) for name, _, run in cases}
    ceiling = results[cases[0][0]].rate
    naive = results["naive httpx2.AsyncClient + Semaphore"].rate
    single = results["bulk, single requests, default transport"].rate
    rows: list[list[object]] = []
    for name, n, _ in cases:
        r = results[name]
        rows.append(
            [
                name,
                f"{n:,}",
                f"{r.rate:,.0f}",
                f"{r.rate / ceiling:.2f}x",
                f"{r.rate / BOUND:.0%}",
                f"{r.rate / naive:.1f}x",
                f"{r.rate / single:.1f}x",
                f"{r.requests:,}",
                f"{r.cpu / max(1, r.done) * 1e6:,.0f}",
            ]
        )
    return rows


def rss_case(n: int) -> None:
    """(In a fresh process) stream n items through create_records against the in-process fake."""
    from thulium_async.testing import FakeThulium

    fake = FakeThulium(keep_requests=0)
    for campaign_id in CAMPAIGNS:
        fake.add_campaign(campaign_id)
    state = fake.app.state
    inner = fake.transport()

    class Forgetful(httpx2.AsyncBaseTransport):
        # The fake keeps every record it stores; the measure is the client's memory,
        # so the records are dropped from the fake's state as soon as they are answered.
        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            response = await inner.handle_async_request(request)
            for campaign in state.campaigns.values():
                campaign.records.clear()
                campaign.by_phone.clear()
            return response

    def stream() -> Iterator[tuple[str, NewRecord]]:
        for i in range(n):
            yield (
                CAMPAIGNS[i % 5],
                NewRecord(phone_number=str(600_000_000 + i), record_fields={"first_name": f"n{i}"}),
            )

    async def main() -> tuple[int, float]:
        started = time.perf_counter()
        async with fake.client(transport=Forgetful()) as client:
            report = await client.bulk.create_records(stream(), concurrency=CONCURRENCY)
        assert report.succeeded == n, report.summary()
        return report.succeeded, time.perf_counter() - started

    before = _memory("VmRSS")
    done, seconds = asyncio.run(main())
    print(f"{done} {seconds:.2f} {before:.1f} {_memory('VmHWM'):.1f}")


def _memory(field: str) -> float:
    """MB from /proc/self/status (VmHWM = peak RSS of this process image).

    Not ru_maxrss: on Linux a child inherits its parent's high-water mark
    across fork and exec, which would hide the child's own peak.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_rows() -> list[list[object]]:
    rows: list[list[object]] = []
    for n in (250_000, 1_000_000):
        output = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_bulk", "--rss", str(n)],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout.split()
        done, seconds, before, peak = int(output[0]), *map(float, output[1:])
        rows.append(
            [
                f"{n:,}",
                f"{done / seconds:,.0f}",
                f"{before:.0f}",
                f"{peak:.0f}",
                f"{peak - before:.0f}",
            ]
        )
    return rows


async def main() -> None:
    pin(0)
    with fake_server("--campaigns", "5", "--latency", str(LATENCY)) as base:
        rows = await http_cases(base)
    print_table(
        f"Bulk create over loopback HTTP, {LATENCY * 1000:.0f} ms latency, concurrency "
        f"{CONCURRENCY} (bound {BOUND:,.0f} records/s for one request per record)",
        [
            "case",
            "records",
            "records/s",
            "vs raw aiohttp",
            "of bound",
            "vs naive httpx",
            "vs bulk single",
            "requests",
            "client CPU µs/record",
        ],
        rows,
    )
    print_table(
        "Peak RSS streaming items through create_records (batch mode, in-process fake, "
        "fresh process each)",
        ["items", "items/s", "RSS at start MB", "peak RSS MB", "growth MB"],
        rss_rows(),
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--rss":
        pin(0)
        rss_case(int(sys.argv[2]))
    else:
        asyncio.run(main())
