"""Requests/s and client CPU per request: our transports against raw aiohttp and naive httpx.

Same run, fake server in its own process (CPU 1) answering after 20 ms, client
pinned to CPU 0, 32 concurrent GETs of ``outbounds/00001/stats``. Bound = 32 /
20 ms = 1,600 requests/s. Run: ``uv run python benchmarks/bench_transport.py``.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack

import aiohttp
import httpx2

import thulium_async as th
from benchmarks._harness import Measurement, fake_server, median_of, pin, print_table, run_workers

CONCURRENCY = 32
LATENCY = 0.020
REPEATS = 3
AUTH = ("api_user", "api_pass")
HEADER = {"Authorization": "Basic " + base64.b64encode(b"api_user:api_pass").decode()}


async def case(name: str, base: str, stack: AsyncExitStack) -> Callable[[], Awaitable[object]]:
    url = f"{base}/outbounds/00001/stats"
    if name == "raw aiohttp":
        session = await stack.enter_async_context(
            aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), headers=HEADER)
        )

        async def call() -> object:
            async with session.get(url) as response:
                response.raise_for_status()
                return await response.json()

        return call
    if name.startswith("naive httpx"):
        client = await stack.enter_async_context(httpx2.AsyncClient(headers=HEADER))
    elif name.startswith("raw ShardedTransport"):
        transport = th.ShardedTransport(max_connections=CONCURRENCY)
        client = await stack.enter_async_context(
            httpx2.AsyncClient(headers=HEADER, transport=transport)
        )
    elif name.startswith("raw AiohttpTransport"):
        transport = th.AiohttpTransport(max_connections=CONCURRENCY)
        client = await stack.enter_async_context(
            httpx2.AsyncClient(headers=HEADER, transport=transport)
        )
    else:
        kwargs: dict[str, object] = {"rate_limit": th.RateLimit(max_concurrency=CONCURRENCY)}
        if "aiohttp" in name:
            kwargs["transport"] = th.AiohttpTransport(max_connections=CONCURRENCY)
        th_client = await stack.enter_async_context(th.Client(base, auth=AUTH, **kwargs))  # type: ignore[arg-type]
        return lambda: th_client.outbounds.stats.get("00001")

    async def call_httpx() -> object:
        response = await client.get(url)
        response.raise_for_status()
        return response.json()

    return call_httpx


CASES = [
    "raw aiohttp",
    "naive httpx (one AsyncClient, default limits)",
    "raw ShardedTransport (httpx, 4 pools x 8)",
    "thulium_async, default transport",
    "raw AiohttpTransport (httpx API)",
    "thulium_async, aiohttp extra",
]


async def main() -> None:
    pin(0)
    results: dict[str, list[Measurement]] = {name: [] for name in CASES}
    with fake_server("--campaigns", "1", "--latency", str(LATENCY)) as base:
        for _ in range(REPEATS):
            for name in CASES:
                async with AsyncExitStack() as stack:
                    call = await case(name, base, stack)
                    results[name].append(await run_workers(call, concurrency=CONCURRENCY))
    bound = CONCURRENCY / LATENCY
    ceiling = median_of(results["raw aiohttp"]).rate
    raw_cpu = {
        "thulium_async, default transport": median_of(
            results["raw ShardedTransport (httpx, 4 pools x 8)"]
        ),
        "thulium_async, aiohttp extra": median_of(results["raw AiohttpTransport (httpx API)"]),
    }
    rows = []
    for name in CASES:
        run = median_of(results[name])
        rates = sorted(m.rate for m in results[name])
        cpu_ratio = (
            f"{run.cpu_per_call_us / raw_cpu[name].cpu_per_call_us:.2f}x" if name in raw_cpu else ""
        )
        rows.append(
            [
                name,
                f"{run.rate:,.0f} ({rates[0]:,.0f}-{rates[-1]:,.0f})",
                f"{run.rate / bound:.0%}",
                f"{run.rate / ceiling:.2f}x",
                f"{run.cpu_per_call_us:,.0f}",
                cpu_ratio,
                sum(m.errors for m in results[name]),
            ]
        )
    print_table(
        f"Transport: {CONCURRENCY} concurrent GETs, {LATENCY * 1000:.0f} ms server latency "
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


if __name__ == "__main__":
    asyncio.run(main())
