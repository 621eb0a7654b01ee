"""A private redis-server on a free loopback port, for the tests that share a rate budget.

The Debian package ``redis-server`` provides the binary (``.ci/run`` installs
it). Under ``CI=true`` a missing binary fails the tests that need it; on a
machine without it they skip with a one-line reason. Never a mock: the Lua
scripts must run on a real server.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest

__all__ = ["free_port", "redis_binary", "running_redis"]


def redis_binary() -> str:
    """The redis-server path; fails under CI, skips elsewhere, when it is missing."""
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )
    if found:
        return found
    reason = "redis-server is not installed (apt-get install redis-server)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_redis(port: int | None = None, *, password: str | None = None) -> Iterator[str]:
    """Start redis-server on 127.0.0.1 (no persistence); yield its URL; stop it."""
    binary = redis_binary()
    port = port or free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    if password:
        args += ["--requirepass", password]
    with tempfile.TemporaryDirectory() as workdir:
        process = subprocess.Popen(
            [*args, "--dir", workdir], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 10
            while True:
                with (
                    contextlib.suppress(OSError),
                    socket.create_connection(("127.0.0.1", port), timeout=0.2),
                ):
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {port}")
                time.sleep(0.02)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
