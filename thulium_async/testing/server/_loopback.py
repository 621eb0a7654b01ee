"""Serving the app over real HTTP with uvicorn, inside the running event loop.

uvicorn is imported here, lazily, so ``thulium_async.testing`` works without it
for in-process use.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

from ._app import ConnectionDropped, FakeApp

__all__ = ["RunningServer", "serve_app", "start_server", "stop_server"]

_START_POLLS = 500  # x 10 ms: give up after ~5 s
_STOP_TIMEOUT = 5


class _HideDrops(logging.Filter):
    """Keeps uvicorn from logging the fake's deliberate connection drops as app errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], ConnectionDropped))


_HIDE_DROPS = _HideDrops()


def _server_class(uvicorn: Any) -> Any:
    class Server(uvicorn.Server):  # type: ignore[misc]
        """uvicorn without its signal handlers: the caller owns SIGINT/SIGTERM.

        Inside a test run uvicorn would take over Ctrl-C and re-raise it afterwards;
        the command line installs its own handlers that ask the server to exit.
        """

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield

    return Server


class RunningServer:
    """A uvicorn server task bound to a socket; ``base_url`` ends with ``/api``."""

    def __init__(self, server: Any, task: asyncio.Task[None], base_url: str) -> None:
        self.server = server
        self.task = task
        self.base_url = base_url

    def stop_soon(self) -> None:
        """Ask the server to finish its requests and exit (safe from a signal handler)."""
        self.server.should_exit = True


async def start_server(app: FakeApp, *, host: str = "127.0.0.1", port: int = 0) -> RunningServer:
    """Bind ``host:port`` (0 = a free port), start uvicorn as a task, wait until it serves."""
    import uvicorn

    logging.getLogger("uvicorn.error").addFilter(_HIDE_DROPS)
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets whose proto says
    # TCP, and without it a header write followed by a body write meets delayed ACKs
    # (about 40 ms per request on loopback).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    bound_port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_config=None,
        access_log=False,
        ws="none",
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=_STOP_TIMEOUT,
        backlog=1024,
    )
    server = _server_class(uvicorn)(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(_START_POLLS):
        if server.started:
            return RunningServer(server, task, f"http://{host}:{bound_port}/api")
        if task.done():
            break
        await asyncio.sleep(0.01)
    server.should_exit = True
    with contextlib.suppress(BaseException):
        await asyncio.wait_for(task, _STOP_TIMEOUT)
    sock.close()
    raise RuntimeError(f"uvicorn did not start on {host}:{bound_port}")


async def stop_server(running: RunningServer) -> None:
    """Ask uvicorn to exit and wait for it; force it after a few seconds."""
    running.stop_soon()
    try:
        await asyncio.wait_for(asyncio.shield(running.task), _STOP_TIMEOUT)
    except TimeoutError:
        running.server.force_exit = True
        await running.task


@contextlib.asynccontextmanager
async def serve_app(app: FakeApp, *, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
    """Serve ``app`` for the duration of the block; yields the base URL."""
    running = await start_server(app, host=host, port=port)
    try:
        yield running.base_url
    finally:
        await stop_server(running)
