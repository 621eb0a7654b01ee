"""``python -m thulium_async.testing``: the fake as a standalone HTTP server.

``add_server_arguments`` and ``run_server`` are public so that another command
line (a future ``thulium fake-server``) can reuse the options and the runner.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import json
import signal
import sys
from collections.abc import Coroutine, Sequence
from typing import Any

from ._fake import FakeThulium
from .server._faults import FaultPlan
from .server._loopback import start_server

__all__ = ["add_server_arguments", "build_fake", "main", "run_server"]

_RATES = (
    "error_500_rate",
    "error_502_rate",
    "error_503_rate",
    "throttle_rate",
    "drop_before_commit_rate",
    "drop_after_commit_rate",
)


_RATE_HELP = {
    "error_500_rate": "Share of requests answered 500 (0 to 1).",
    "error_502_rate": "Share of requests answered 502 (0 to 1).",
    "error_503_rate": "Share of requests answered 503 (0 to 1).",
    "throttle_rate": "Share of requests answered 429 with Retry-After (0 to 1).",
    "drop_before_commit_rate": "Share of connections dropped before the change is applied.",
    "drop_after_commit_rate": "Share of connections dropped after the change is applied.",
}


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the fake server's options to ``parser``, each with its description."""
    net = parser.add_argument_group("server")
    net.add_argument("--host", default="127.0.0.1", help="Address to bind.")
    net.add_argument("--port", type=int, default=8080, help="Port (0: any free port).")
    net.add_argument("--username", default="api_user", help="API user the fake accepts.")
    net.add_argument("--password", default="api_pass", help="API password the fake accepts.")
    net.add_argument(
        "--strict",
        action="store_true",
        help="Answer 400 to undocumented parameters and fields (default: ignore them, as "
        "Thulium does).",
    )
    # Kept so existing scripts keep working: lenient is now the default.
    net.add_argument("--lenient", action="store_true", help=argparse.SUPPRESS)
    net.add_argument("--seed", type=int, default=0, help="Seed for faults and sample data.")
    net.add_argument(
        "--print-counters", action="store_true", help="Print the request counters on exit."
    )
    data = parser.add_argument_group("sample data")
    data.add_argument("--campaigns", type=int, default=0, help="Regular campaigns to create.")
    data.add_argument("--crm-campaigns", type=int, default=0, help="CRM campaigns to create.")
    data.add_argument("--records", type=int, default=0, help="Records per campaign.")
    data.add_argument("--calls", type=int, default=0, help="Finished calls over the last 30 days.")
    faults = parser.add_argument_group("faults (see FaultPlan)")
    faults.add_argument("--latency", type=float, default=0.0, help="Seconds before each answer.")
    faults.add_argument(
        "--jitter", type=float, default=0.0, help="Extra latency, uniform from 0 to this."
    )
    for rate in _RATES:
        faults.add_argument(
            f"--{rate.replace('_', '-')}", type=float, default=0.0, help=_RATE_HELP[rate]
        )
    faults.add_argument(
        "--retry-after", type=int, default=1, help="Retry-After (seconds) of the random 429s."
    )
    faults.add_argument(
        "--rate-limit", type=float, default=None, help="Requests per second; 429 above."
    )
    faults.add_argument("--burst", type=int, default=None, help="Token bucket size.")
    faults.add_argument(
        "--rate-limit-change",
        action="append",
        default=[],
        type=_limit_change,
        metavar="SECONDS:RATE",
        help="Set the rate limit to RATE requests/s SECONDS after start (repeatable).",
    )
    faults.add_argument(
        "--max-concurrency", type=int, default=None, help="Requests in flight at most."
    )
    faults.add_argument(
        "--concurrency-status",
        type=int,
        choices=(429, 503),
        default=503,
        help="Status answered over --max-concurrency.",
    )


def _limit_change(value: str) -> tuple[float, float]:
    after, _, rate = value.partition(":")
    try:
        return float(after), float(rate)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected SECONDS:RATE, got {value!r}") from None


def _plan(options: argparse.Namespace) -> FaultPlan | None:
    values: dict[str, Any] = {name: getattr(options, name) for name in _RATES}
    values.update(
        latency=options.latency,
        jitter=options.jitter,
        retry_after=options.retry_after,
        rate_limit=options.rate_limit,
        burst=options.burst,
        rate_limit_changes=options.rate_limit_change,
        max_concurrency=options.max_concurrency,
        concurrency_status=options.concurrency_status,
    )
    plan = FaultPlan(**values)
    return None if plan == FaultPlan() else plan


def build_fake(options: argparse.Namespace) -> FakeThulium:
    """A fake configured and seeded from parsed options (request log off)."""
    fake = FakeThulium(
        options.username,
        options.password,
        strict=options.strict and not options.lenient,
        faults=_plan(options),
        seed=options.seed,
        keep_requests=0,
    )
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski", number=3113)
    fake.add_agent("anowak", name="Anna", surname="Nowak", number=3422)
    total = options.campaigns + options.crm_campaigns
    for index in range(1, total + 1):
        campaign_id = fake.add_campaign(f"{index:05d}", crm=index > options.campaigns)
        fake.seed_records(campaign_id, options.records)
    fake.seed_calls(options.calls)
    return fake


async def _serve(options: argparse.Namespace) -> FakeThulium:
    fake = build_fake(options)
    running = await start_server(fake.app, host=options.host, port=options.port)
    print(
        f"FakeThulium listening on {running.base_url} "
        f"(user {options.username!r}, password {options.password!r}); Ctrl-C stops it",
        flush=True,
    )
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows: Ctrl-C still ends it
            loop.add_signal_handler(signum, running.stop_soon)
    await running.task
    return fake


def _run(coro: Coroutine[Any, Any, FakeThulium]) -> FakeThulium:
    # uvloop (uvicorn[standard]) makes the server faster when it is installed.
    try:
        run = importlib.import_module("uvloop").run
    except (ImportError, AttributeError):
        run = asyncio.run
    result: FakeThulium = run(coro)
    return result


def run_server(options: argparse.Namespace) -> int:
    """Serve until interrupted; returns the process exit code."""
    fake = _run(_serve(options))
    if options.print_counters:
        print(json.dumps(fake.counters.summary(), indent=2), file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m thulium_async.testing``."""
    parser = argparse.ArgumentParser(
        prog="python -m thulium_async.testing",
        description="A stateful fake Thulium REST API for tests, demos and benchmarks.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    add_server_arguments(parser)
    return run_server(parser.parse_args(argv))
