"""Helpers for the command-line tests: a fake served from a thread, a runner, subprocesses."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from thulium_async.cli import app
from thulium_async.testing import FakeThulium

USER, PASSWORD = "cli_user", "s3cret-Pa55"
ENV_NAMES = ("THULIUM_BASE_URL", "THULIUM_USER", "THULIUM_PASSWORD", "THULIUM_LOG")


class ServedFake:
    """A FakeThulium served over loopback HTTP by a background thread's event loop.

    The command under test runs its own ``asyncio.run`` in the test's thread,
    so the server needs a loop of its own.
    """

    def __init__(self, fake: FakeThulium) -> None:
        self.fake = fake
        self.base_url = ""
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),), daemon=True)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with self.fake.serve() as base_url:
            self.base_url = base_url
            self._ready.set()
            await self._stop.wait()

    def start(self) -> ServedFake:
        self._thread.start()
        assert self._ready.wait(10), "the fake did not start"
        return self

    def stop(self) -> None:
        assert self._loop is not None
        assert self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def env(self) -> dict[str, str]:
        """The environment variables that point the command at this fake."""
        return {
            "THULIUM_BASE_URL": self.base_url,
            "THULIUM_USER": self.fake.username,
            "THULIUM_PASSWORD": self.fake.password,
        }


def populated() -> FakeThulium:
    """Regular campaigns 00001 (fields first_name, city; 30 records) and 00002 (empty),
    CRM campaign 00003 (5 customers in it) and 10 spare customers (ids 6-15)."""
    fake = FakeThulium(USER, PASSWORD)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    fake.add_campaign("00001", fields=("first_name", "city"))
    fake.seed_records("00001", 30)
    fake.add_campaign("00002", fields=("first_name", "city"))
    fake.add_campaign("00003", crm=True)
    fake.seed_records("00003", 5)
    for _ in range(10):
        fake.add_customer()
    return fake


def invoke(args: Sequence[str], env: dict[str, str] | None = None) -> Result:
    """Run the command in process (no THULIUM_* variables unless given)."""
    clean: dict[str, str | None] = dict.fromkeys(ENV_NAMES)
    clean.update(env or {})
    options: dict[str, Any] = {"env": clean}
    if "mix_stderr" in inspect.signature(CliRunner).parameters:  # click < 8.2 mixes by default
        options["mix_stderr"] = False
    return CliRunner(**options).invoke(app, list(args))


def one_error_line(result: Result) -> str:
    """The error line on stderr (asserting there is exactly one and no traceback)."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return errors[0]


def run_cli(args: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 60) -> Any:
    """``python -m thulium_async.cli ARGS`` as a real process."""
    full_env = {k: v for k, v in os.environ.items() if k not in ENV_NAMES}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "thulium_async.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        check=False,
    )


def write(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) and return the path."""
    path.write_text(text, encoding="utf-8")
    return path


@contextlib.contextmanager
def served_process(command: Sequence[str]) -> Iterator[str]:
    """Start a fake server process (``--port 0``); yields its base URL, then stops it."""
    process = subprocess.Popen(
        [sys.executable, "-m", *command, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/api)", line)
        assert found, line + (process.stderr.read() if process.stderr else "")
        yield found.group(1)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
        finally:
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
        assert code == 0, code
