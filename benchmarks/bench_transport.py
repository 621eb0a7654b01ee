"""Requests/s and client CPU per request: our transports against raw aiohttp and raw httpx2.

A bare aiohttp server in its own process (CPU 1) answers every GET after 20 ms
with the fake's ``outbounds/00001/stats`` body; the client is pinned to CPU 0.
32 and 128 concurrent GETs; bound = concurrency / 20 ms. Each run is bounded:
a 0.2 s warm-up, a 1 s window and at most 8,000 calls; the whole script takes
about 50 s. Run: ``uv run python benchmarks/bench_transport.py``.
"""

from __future__ import annotations

import asyncio
import base64
import ssl
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack

import aiohttp
import httpx2

import thulium_async as th
from benchmarks._harness import (
    Measurement,
    aiohttp_server,
    median_of,
    pin,
    print_table,
    run_workers,
)
from thulium_async.testing import FakeThulium

LATENCY = 0.020
REPEATS = 3
WINDOW = 1.0
WARMUP = 0.2
MAX_CALLS = 8_000
AUTH = ("api_user", "api_pass")
HEADER = {"Authorization": "Basic " + base64.b64encode(b"api_user:api_pass").decode()}
TLS = ssl.create_default_context()

Call = Callable[[], Awaitable[object]]


def one_pool(size: int) -> httpx2.AsyncHTTPTransport:
    """One httpx2 pool of ``size`` connections, all kept alive (no connection churn)."""
    limits = httpx2.Limits(max_connections=size, max_keepalive_connections=size)
    return httpx2.AsyncHTTPTransport(limits=limits, verify=TLS)


def sharded(size: int) -> httpx2.AsyncBaseTransport:
    """The sharding workaround: pools of <= 8 connections behind one facade."""
    return th.ShardedTransport(max_connections=size, verify=TLS)


TRANSPORTS: dict[str, Callable[[int], httpx2.AsyncBaseTransport]] = {
    "httpx2 one pool": one_pool,
    "httpx2 sharded": sharded,
    "AiohttpTransport": lambda size: th.AiohttpTransport(max_connections=size),
}


async def raw_aiohttp(url: str, size: int, stack: AsyncExitStack) -> Call:
    connector = aiohttp.TCPConnector(limit=size)
    session = await stack.enter_async_context(
        aiohttp.ClientSession(connector=connector, headers=HEADER)
    )

    async def call() -> object:
        async with session.get(url) as response:
            response.raise_for_status()
            return await response.json()

    return call


async def raw_httpx2(transport: httpx2.AsyncBaseTransport, url: str, stack: AsyncExitStack) -> Call:
    client = await stack.enter_async_context(
        httpx2.AsyncClient(headers=HEADER, transport=transport)
    )

    async def call() -> object:
        response = await client.get(url)
        response.raise_for_status()
        return response.json()

    return call


async def thulium(
    base: str, size: int, transport: httpx2.AsyncBaseTransport | None, stack: AsyncExitStack
) -> Call:
    options: dict[str, object] = {"rate_limit": th.RateLimit(max_concurrency=size)}
    if transport is not None:
        options["transport"] = transport
    client = await stack.enter_async_context(th.Client(base, auth=AUTH, **options))  # type: ignore[arg-type]
    return lambda: client.outbounds.stats.get("00001")


# (row label, concurrency, how the call is built, raw row whose CPU it is compared with)
Case = tuple[str, int, str, str | None]
CASES: list[Case] = []
for size in (32, 128):
    CASES += [
        (f"raw aiohttp, {size}", size, "raw aiohttp", None),
        (f"raw httpx2, one pool of {size}", size, "raw httpx2 one pool", None),
        (f"raw httpx2, sharded ({size // 8} pools x 8)", size, "raw httpx2 sharded", None),
        (
            f"thulium_async, default transport (sharded, {size // 8} pools x 8)",
            size,
            "thulium default",
            f"raw httpx2, sharded ({size // 8} pools x 8)",
        ),
        (
            f"thulium_async on one httpx2 pool of {size}",
            size,
            "thulium httpx2 one pool",
            f"raw httpx2, one pool of {size}",
        ),
        (f"raw AiohttpTransport (httpx2 API), {size}", size, "raw AiohttpTransport", None),
        (
            f"thulium_async, aiohttp extra ({size})",
            size,
            "thulium AiohttpTransport",
            f"raw AiohttpTransport (httpx2 API), {size}",
        ),
    ]


async def build(kind: str, base: str, size: int, stack: AsyncExitStack) -> Call:
    url = f"{base}/outbounds/00001/stats"
    if kind == "raw aiohttp":
        return await raw_aiohttp(url, size, stack)
    if kind == "thulium default":
        return await thulium(base, size, None, stack)
    scope, name = kind.split(" ", 1)
    transport = TRANSPORTS[name](size)
    if scope == "raw":
        return await raw_httpx2(transport, url, stack)
    return await thulium(base, size, transport, stack)


async def stats_body() -> bytes:
    """The fake's answer to ``GET outbounds/00001/stats``: what the server sends back."""
    fake = FakeThulium()
    fake.add_campaign("00001")
    async with httpx2.AsyncClient(transport=fake.transport()) as client:
        response = await client.get(
            "http://fake/api/outbounds/00001/stats", auth=(fake.username, fake.password)
        )
    response.raise_for_status()
    return response.content


async def main() -> None:
    pin(0)
    started = time.monotonic()
    results: dict[str, list[Measurement]] = {case[0]: [] for case in CASES}
    with aiohttp_server(await stats_body(), LATENCY) as base:
        for _ in range(REPEATS):
            for label, size, kind, _raw in CASES:
                async with AsyncExitStack() as stack:
                    call = await build(kind, base, size, stack)
                    results[label].append(
                        await run_workers(
                            call,
                            concurrency=size,
                            seconds=WINDOW,
                            warmup=WARMUP,
                            max_calls=MAX_CALLS,
                        )
                    )
    for size in (32, 128):
        bound = size / LATENCY
        ceiling = median_of(results[f"raw aiohttp, {size}"]).rate
        rows = []
        for label, case_size, _kind, raw in CASES:
            if case_size != size:
                continue
            run = median_of(results[label])
            rates = sorted(m.rate for m in results[label])
            cpu_ratio = (
                f"{run.cpu_per_call_us / median_of(results[raw]).cpu_per_call_us:.2f}x"
                if raw
                else ""
            )
            rows.append(
                [
                    label,
                    f"{run.rate:,.0f} ({rates[0]:,.0f}-{rates[-1]:,.0f})",
                    f"{run.rate / bound:.0%}",
                    f"{run.rate / ceiling:.2f}x",
                    f"{run.cpu_per_call_us:,.0f}",
                    cpu_ratio,
                    sum(m.errors for m in results[label]),
                ]
            )
        print_table(
            f"Transport: {size} concurrent GETs, {LATENCY * 1000:.0f} ms server latency "
            f"(bound {bound:,.0f}/s), median of {REPEATS}",
            [
                "client",
                "req/s (min-max)",
                "of bound",
                "vs raw aiohttp",
                "CPU us/req",
                "CPU vs same transport raw",
                "errors",
            ],
            rows,
        )
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    asyncio.run(main())
