"""Client CPU per request with tracing off, on without an SDK, and on with the SDK.

Each measurement runs in a fresh process (the OpenTelemetry global providers
can be set once per process), pinned to CPU 0, repeated and interleaved:

- ``off``: ``Client(tracing=False)``;
- ``on, no SDK``: the default with opentelemetry-api installed and no SDK (the
  API's no-op providers: what a library user who never configured OTel pays);
- ``on, SDK``: an SDK TracerProvider with a BatchSpanProcessor feeding an
  exporter that drops everything, and an SDK MeterProvider with an in-memory
  reader (the recording cost, without any export I/O).

Two settings: 32 concurrent GETs over loopback to a bare aiohttp server in
its own process (5 ms latency), and sequential calls in process through an
``httpx2.MockTransport`` (no network: the worst case for relative overhead).
Goal: "on, no SDK" <= 5 % over "off". About 70 s.
Run: ``uv run python benchmarks/bench_tracing.py``.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

import httpx2

import thulium_async as th
from benchmarks._harness import aiohttp_server, pin, print_table, run_workers
from benchmarks.bench_transport import stats_body

MODES = ("off", "on, no SDK", "on, SDK")
SETTINGS = ("loopback, 32 concurrent", "in process, sequential")
REPEATS = 5
LATENCY = 0.005
WINDOW = 2.0
IN_PROCESS_CALLS = 4_000
AUTH = ("api_user", "api_pass")


def install_sdk() -> None:
    """An SDK that records every span and metric and exports nothing."""
    from opentelemetry import metrics, trace
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import InMemoryMetricReader
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import (
        BatchSpanProcessor,
        SpanExporter,
        SpanExportResult,
    )

    class Drop(SpanExporter):
        def export(self, spans: Sequence[object]) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(Drop()))
    trace.set_tracer_provider(provider)
    metrics.set_meter_provider(MeterProvider(metric_readers=[InMemoryMetricReader()]))


async def measure(mode: str, setting: str, base: str, body: bytes) -> float:
    """Client CPU per call, in microseconds, in this process."""
    if mode == "on, SDK":
        install_sdk()
    tracing = mode != "off"
    if setting.startswith("loopback"):
        limits = th.RateLimit(max_concurrency=32)
        async with th.Client(base, auth=AUTH, rate_limit=limits, tracing=tracing) as client:
            run = await run_workers(
                lambda: client.outbounds.stats.get("00001"),
                concurrency=32,
                seconds=WINDOW,
                warmup=0.3,
            )
        return run.cpu_per_call_us

    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=body, headers={"Content-Type": "application/json"})

    transport = httpx2.MockTransport(answer)
    async with th.Client(base, auth=AUTH, transport=transport, tracing=tracing) as client:
        for _ in range(IN_PROCESS_CALLS // 10):  # warm-up
            await client.outbounds.stats.get("00001")
        started = time.process_time()
        for _ in range(IN_PROCESS_CALLS):
            await client.outbounds.stats.get("00001")
        return (time.process_time() - started) / IN_PROCESS_CALLS * 1e6


def child(mode: str, setting: str, base: str, body_path: str) -> None:
    pin(0)
    with open(body_path, "rb") as file:
        body = file.read()
    print(json.dumps(asyncio.run(measure(mode, setting, base, body))))


def main() -> None:
    import tempfile

    body = asyncio.run(stats_body())
    results: dict[tuple[str, str], list[float]] = {}
    with tempfile.NamedTemporaryFile(suffix=".json") as file, aiohttp_server(body, LATENCY) as base:
        file.write(body)
        file.flush()
        for _ in range(REPEATS):
            for setting in SETTINGS:
                for mode in MODES:
                    out = subprocess.run(
                        [sys.executable, __file__, "--child", mode, setting, base, file.name],
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                    results.setdefault((setting, mode), []).append(float(out.strip()))
    rows = []
    for setting in SETTINGS:
        off = statistics.median(results[(setting, "off")])
        for mode in MODES:
            values = results[(setting, mode)]
            median = statistics.median(values)
            rows.append(
                [
                    setting,
                    mode,
                    f"{median:,.1f} ({min(values):,.1f}-{max(values):,.1f})",
                    "" if mode == "off" else f"{(median - off) / off:+.1%}",
                ]
            )
    print_table(
        f"Tracing overhead: client CPU per request, median of {REPEATS} fresh processes",
        ["setting", "tracing", "CPU µs/request (min-max)", "vs off"],
        rows,
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6])
    else:
        main()
