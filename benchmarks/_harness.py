"""Shared benchmark plumbing: a fake server in its own process, CPU pinning, timed worker loops.

All traffic goes to 127.0.0.1. Every server is started here and stopped by its
process group; every load loop is bounded by a deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence

__all__ = [
    "Measurement",
    "aiohttp_server",
    "fake_server",
    "median_of",
    "pin",
    "print_table",
    "run_workers",
]

_LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:\d+/api)")


def pin(cpu: int, pid: int = 0) -> None:
    """Pin a process to one CPU where the OS allows (client on 0, server on 1)."""
    if hasattr(os, "sched_setaffinity") and cpu < (os.cpu_count() or 1):
        os.sched_setaffinity(pid, {cpu})


@contextlib.contextmanager
def fake_server(*args: str) -> Iterator[str]:
    """``python -m thulium_async.testing`` on a free port, pinned to CPU 1; yields its base URL."""
    command = [
        sys.executable,
        "-m",
        "thulium_async.testing",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        *args,
    ]
    with _server_process(command) as base:
        yield base


_AIOHTTP_SERVER = """
import asyncio, sys
from aiohttp import web

body = open(sys.argv[1], "rb").read()
latency = float(sys.argv[2])

async def answer(request):
    await asyncio.sleep(latency)
    return web.Response(body=body, content_type="application/json")

async def main():
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    port = runner.addresses[0][1]
    print(f"listening on http://127.0.0.1:{port}/api", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""


@contextlib.contextmanager
def aiohttp_server(body: bytes, latency: float) -> Iterator[str]:
    """A bare aiohttp server on 127.0.0.1 in its own process, pinned to CPU 1; yields its base URL.

    Every request gets ``body`` (JSON) after ``latency`` seconds. It costs far less CPU
    per request than the fake, so the client, not the server, is what a run measures.
    """
    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        file.write(body)
        file.flush()
        with _server_process(
            [sys.executable, "-c", _AIOHTTP_SERVER, file.name, str(latency)]
        ) as base:
            yield base


@contextlib.contextmanager
def _server_process(command: list[str]) -> Iterator[str]:
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        while True:
            line = process.stdout.readline()
            match = _LISTENING.search(line)
            if match:
                break
            if (not line and process.poll() is not None) or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {line!r}")
        pin(1, process.pid)
        yield match.group(1)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


class Measurement:
    """Completed calls, errors and client CPU over a measured window."""

    def __init__(self, done: int, errors: int, seconds: float, cpu: float) -> None:
        self.done = done
        self.errors = errors
        self.seconds = seconds
        self.cpu = cpu

    @property
    def rate(self) -> float:
        """Completed calls per second."""
        return self.done / self.seconds

    @property
    def cpu_per_call_us(self) -> float:
        """Client CPU per completed call, in microseconds."""
        return self.cpu / max(1, self.done) * 1e6


async def run_workers(
    call: Callable[[], Awaitable[object]],
    *,
    concurrency: int,
    seconds: float = 3.0,
    warmup: float = 0.5,
    max_calls: int | None = None,
) -> Measurement:
    """``concurrency`` workers call in a loop; only calls finished inside the window count.

    ``max_calls`` also bounds the run by count: workers stop starting calls once that
    many have been started (the window then ends early and the rate uses its length).
    """
    loop = asyncio.get_running_loop()
    start = loop.time() + warmup
    end = start + seconds
    done = errors = 0
    cpu_start = 0.0

    started = 0
    limit = max_calls if max_calls is not None else float("inf")

    async def worker() -> None:
        nonlocal done, errors, started
        while loop.time() < end and started < limit:
            started += 1
            try:
                await call()
            except Exception:
                if start <= loop.time() <= end:
                    errors += 1
                continue
            if start <= loop.time() <= end:
                done += 1

    async def mark_start() -> None:
        nonlocal cpu_start
        await asyncio.sleep(warmup)
        cpu_start = time.process_time()

    marker = asyncio.ensure_future(mark_start())
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    window = min(end, loop.time()) - start
    marker.cancel()
    if window <= 0:
        raise RuntimeError("max_calls ran out during the warm-up: raise it or shorten warmup")
    await asyncio.gather(marker, return_exceptions=True)
    return Measurement(done, errors, window, time.process_time() - cpu_start)


def median_of(runs: Sequence[Measurement]) -> Measurement:
    """The run with the median rate."""
    ordered = sorted(runs, key=lambda run: run.rate)
    return ordered[len(ordered) // 2]


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A Markdown table (pasted into README as is)."""
    print(f"\n### {title}\n")
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    print(flush=True)


def spread(values: Sequence[float]) -> str:
    """median (min-max) of a few repetitions."""
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}-{max(values):,.0f})"
