"""How many webhook events per second WebhookApp acknowledges over real HTTP.

uvicorn serves the app in a child process (pinned to CPU 1 where possible); an
aiohttp client in this process (pinned to CPU 0) posts a fixed number of
form-encoded OUTBOUND_COMPLETED events over ~32 concurrent connections to
127.0.0.1. Three servers are measured:

- ``bare``: an ASGI app that drains the body and answers 204, parsing nothing;
- ``webhook``: WebhookApp with Basic auth and one async handler, run inline;
- ``webhook-bg``: the same with ``background=True``.

The child prints how many events its handlers saw after a graceful shutdown,
which checks that every acknowledged event was handled. Each server gets at
most ``--budget`` seconds of posting; the whole run stays under ~20 s.

    uv run python benchmarks/bench_webhooks.py [--requests 10000] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import datetime as dt
import os
import signal
import socket
import sys
import time
from asyncio.subprocess import Process
from typing import Any

KINDS = ("bare", "webhook", "webhook-bg")
USER, PASSWORD = "thulium", "bench-secret"
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
TOTAL_BUDGET = 19.0


def pin(cpu: int) -> str:
    """Pin this process to ``cpu`` when the platform allows; say what happened."""
    if not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2:
        return "unpinned"
    try:
        # Not checked against the current affinity: the child inherits the
        # parent's pin to CPU 0 and must be able to move to CPU 1.
        os.sched_setaffinity(0, {cpu})
    except OSError:
        return "unpinned"
    return f"CPU {cpu}"


def sample_body() -> tuple[bytes, str]:
    from thulium_async._converter import DEFAULT_TIMEZONE
    from thulium_async.webhooks import OutboundCompleted, encode_event

    event = OutboundCompleted(
        id="00001",
        name="Outbound",
        record_id=162,
        phone_number="523993855",
        connection_id="1416225570.341",
        customer_id=154,
        agent_login="jkowalski",
        date=dt.datetime(2016, 4, 20, 9, 46, 24, tzinfo=DEFAULT_TIMEZONE),
        duration=69,
        billsec=67,
        filename="00001/2017-07-26/2017-07-26_15.32.19-975789022-1501075938.16.wav",
        caller_id="123975300",
    )
    return encode_event(event)


# -- server side (child process) ------------------------------------------------


def build_app(kind: str, counter: list[int]) -> Any:
    if kind == "bare":

        async def bare(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "lifespan":
                while (await receive())["type"] != "lifespan.shutdown":
                    await send({"type": "lifespan.startup.complete"})
                await send({"type": "lifespan.shutdown.complete"})
                return
            more = True
            while more:
                more = (await receive()).get("more_body", False)
            counter[0] += 1
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        return bare

    from thulium_async.webhooks import OutboundCompleted, WebhookApp

    app = WebhookApp(USER, PASSWORD, background=kind == "webhook-bg")

    @app.on(OutboundCompleted)
    async def count(event: OutboundCompleted) -> None:
        counter[0] += 1

    return app


def serve(kind: str, port: int) -> None:
    import uvicorn

    where = pin(1)
    counter = [0]
    uvicorn.run(
        build_app(kind, counter),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        ws="none",
    )
    print(f"handled={counter[0]} server={where}", flush=True)


# -- client side -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_listening(port: int, child: Process, timeout: float = 10) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.returncode is not None:
            raise RuntimeError("server process exited early")
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            await writer.wait_closed()
            return
        await asyncio.sleep(0.05)
    raise RuntimeError("server did not start")


async def post_many(
    port: int, total: int, concurrency: int, budget: float, body: bytes, content_type: str
) -> tuple[int, int, float]:
    """(acknowledged, failed, seconds) for up to ``total`` posts within ``budget``."""
    import aiohttp

    url = f"http://127.0.0.1:{port}/"
    headers = {"content-type": content_type, "authorization": AUTH}
    sent = ok = failed = 0
    deadline = time.monotonic() + budget

    async def worker(session: aiohttp.ClientSession, limit: int) -> None:
        nonlocal sent, ok, failed
        while sent < limit and time.monotonic() < deadline:
            sent += 1
            async with session.post(url, data=body, headers=headers) as response:
                await response.read()
                if response.status in (200, 204):
                    ok += 1
                else:
                    failed += 1

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        warm = min(200, total)
        await asyncio.gather(*(worker(session, warm) for _ in range(concurrency)))
        sent = ok = failed = 0
        started = time.perf_counter()
        await asyncio.gather(*(worker(session, total) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return ok, failed, elapsed


async def run_one(kind: str, args: argparse.Namespace, budget: float) -> str:
    body, content_type = sample_body()
    port = free_port()
    command = [sys.executable, __file__, "--serve", kind, "--port", str(port)]
    child = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE)
    try:
        await wait_listening(port, child)
        ok, failed, elapsed = await post_many(
            port, args.requests, args.concurrency, budget, body, content_type
        )
    finally:
        # SIGINT makes uvicorn shut down gracefully: lifespan shutdown drains handlers.
        child.send_signal(signal.SIGINT)
        raw, _ = await asyncio.wait_for(child.communicate(), timeout=15)
    out = raw.decode()
    warm = min(200, args.requests)
    return (
        f"{kind:<11} {ok / elapsed:>9,.0f} events/s  ({ok} acknowledged, {failed} failed, "
        f"{elapsed:.2f} s; child: {out.strip()} incl. {warm} warm-up)"
    )


def parse_rate() -> str:
    from thulium_async.webhooks import parse_event

    body, content_type = sample_body()
    rounds = 20_000
    started = time.perf_counter()
    for _ in range(rounds):
        parse_event(body, content_type)
    elapsed = time.perf_counter() - started
    each = elapsed / rounds * 1e6
    return f"parse_event alone: {rounds / elapsed:,.0f} events/s ({each:.1f} µs each)"


async def main(args: argparse.Namespace) -> None:
    run_started = time.monotonic()
    print(f"client {pin(0)}; {args.requests} requests, {args.concurrency} connections")
    print(parse_rate())
    for kind in args.kinds:
        remaining = TOTAL_BUDGET - (time.monotonic() - run_started) - 1.5
        if remaining <= 0.5:
            print(f"{kind:<11} skipped: out of time budget")
            continue
        print(await run_one(kind, args, min(args.budget, remaining)), flush=True)


def cli() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--budget", type=float, default=4.0, help="max seconds of posting per app")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--serve", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = cli()
    if arguments.serve:
        serve(arguments.serve, arguments.port)
    else:
        asyncio.run(main(arguments))
