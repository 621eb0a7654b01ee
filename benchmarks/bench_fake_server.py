"""How many requests per second the standalone fake server sustains.

    uv run python benchmarks/bench_fake_server.py [--connections 64] [--window 2] [--reps 3]

Starts ``python -m thulium_async.testing`` as a separate process on 127.0.0.1
(pinned to CPU 1 where the platform allows), drives it from a raw aiohttp client
(pinned to CPU 0) with C concurrent connections, and prints requests/s for:

- POST outbounds/00002/records   (a new unique number per request: 201 each)
- GET  outbounds/00001/records?limit=100   (a full 100-record page)

Each case: a 0.5 s warm-up, then a measured window; only responses completed
inside the window count. Bounded in time (about 20 s with the defaults, always
under 30 s) and in requests (``--max-requests`` per window). The server is
stopped by its own process id.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import os
import selectors
import signal
import statistics
import subprocess
import sys
import time

import aiohttp

USER, PASSWORD = "api_user", "api_pass"
WARMUP = 0.5
# One sequence for the whole run: every POST adds a new number (the fake refuses duplicates).
PHONES = itertools.count(600_000_000)


def _pin(cpu: int) -> None:
    if hasattr(os, "sched_setaffinity") and cpu < (os.cpu_count() or 1):
        os.sched_setaffinity(0, {cpu})


def start_server(records: int) -> tuple[subprocess.Popen[str], str]:
    """Start the fake on a free port; returns the process and its base URL."""
    command = [
        sys.executable,
        "-m",
        "thulium_async.testing",
        "--port",
        "0",
        "--campaigns",
        "2",
        "--records",
        str(records),
    ]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: _pin(1),  # only sets the CPU affinity of the child
    )
    selector = selectors.DefaultSelector()
    assert proc.stdout is not None
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if selector.select(timeout=0.2):
            line = proc.stdout.readline()
            for word in line.split():
                if word.startswith("http://127.0.0.1:"):
                    return proc, word
            if not line:
                break
    stop_server(proc)
    raise RuntimeError("the fake server did not report its URL")


def stop_server(proc: subprocess.Popen[str]) -> None:
    """SIGINT (uvicorn's graceful stop), then SIGKILL after 5 s; only this pid."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (0 where /proc is missing)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run_case(
    base_url: str, case: str, connections: int, window: float, max_requests: int, pid: int
) -> dict[str, float]:
    """Drive one case for warm-up + window; returns req/s, errors and CPU shares."""
    connector = aiohttp.TCPConnector(limit=connections, limit_per_host=connections)
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    done = errors = 0
    start = time.monotonic()
    window_start, window_end = start + WARMUP, start + WARMUP + window
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:

        async def one() -> int:
            if case == "POST":
                url = f"{base_url}/outbounds/00002/records"
                body = {"phone_number": str(next(PHONES))}
                async with session.post(url, json=body) as response:
                    await response.read()
                    return response.status
            url = f"{base_url}/outbounds/00001/records?limit=100"
            async with session.get(url) as response:
                await response.read()
                return response.status

        async def worker() -> None:
            nonlocal done, errors
            while time.monotonic() < window_end and done < max_requests:
                status = await one()
                now = time.monotonic()
                if window_start <= now <= window_end:
                    done += 1
                    errors += status not in (200, 201)

        tasks = [asyncio.create_task(worker()) for _ in range(connections)]
        await asyncio.sleep(max(0.0, window_start - time.monotonic()))
        server_cpu0, client_cpu0 = _cpu_seconds(pid), time.process_time()
        measured_from = time.monotonic()
        await asyncio.gather(*tasks)
        finished = time.monotonic()
        server_cpu = _cpu_seconds(pid) - server_cpu0
        client_cpu = time.process_time() - client_cpu0
    busy = finished - measured_from  # CPU shares: over everything the workers did
    counted = min(finished, window_end) - measured_from  # rate: over the counted window
    return {
        "rps": done / counted,
        "errors": errors,
        "server_cpu": 100 * server_cpu / busy,
        "client_cpu": 100 * client_cpu / busy,
    }


async def main(options: argparse.Namespace) -> None:
    """Run every case ``reps`` times (interleaved) and print a table of medians."""
    _pin(0)
    proc, base_url = start_server(options.records)
    results: dict[str, list[dict[str, float]]] = {"POST": [], "GET": []}
    try:
        for _ in range(options.reps):
            for case in results:
                results[case].append(
                    await run_case(
                        base_url,
                        case,
                        options.connections,
                        options.window,
                        options.max_requests,
                        proc.pid,
                    )
                )
    finally:
        stop_server(proc)
    print(
        f"fake server: python -m thulium_async.testing (uvicorn), {options.connections} "
        f"connections, aiohttp client, {options.reps} x {options.window:g} s windows"
    )
    header = f"{'case':<40} {'req/s median':>12} {'min-max':>15} {'errors':>6}"
    print(f"{header} {'server CPU':>10} {'client CPU':>10}")
    names = {
        "POST": "POST outbounds/{id}/records",
        "GET": "GET outbounds/{id}/records?limit=100",
    }
    for case, runs in results.items():
        rates = [r["rps"] for r in runs]
        spread = f"{min(rates):,.0f}-{max(rates):,.0f}"
        server_cpu = statistics.median(r["server_cpu"] for r in runs)
        client_cpu = statistics.median(r["client_cpu"] for r in runs)
        print(
            f"{names[case]:<40} {statistics.median(rates):>12,.0f} {spread:>15} "
            f"{sum(int(r['errors']) for r in runs):>6} {server_cpu:>9.0f}% {client_cpu:>9.0f}%"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--window", type=float, default=2.0, help="measured seconds per case")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--records", type=int, default=1000, help="records seeded per campaign")
    parser.add_argument("--max-requests", type=int, default=200_000, help="cap per window")
    arguments = parser.parse_args()
    if (WARMUP + arguments.window) * 2 * arguments.reps > 25:
        parser.error("keep reps x (window + 0.5 s) x 2 cases under 25 s")
    asyncio.run(main(arguments))
