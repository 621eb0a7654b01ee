"""Serving the app over real HTTP with uvicorn, in the running loop or on a thread.

uvicorn runs on asyncio only. Under asyncio the server runs in the caller's
loop (so the fake's handlers and webhook deliveries share the test's loop);
anywhere else (trio, or sync code such as a ``SyncClient`` test) it runs on a
daemon thread with its own asyncio loop, and the fake's handlers run there.

uvicorn is imported here, lazily, so ``thulium_async.testing`` works without it
for in-process use.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from collections.abc import Iterator
from types import TracebackType
from typing import Any

import anyio
import sniffio

from ._app import ConnectionDropped, FakeApp

__all__ = ["RunningServer", "Serving", "ServerThread", "start_server", "stop_server"]

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


class ServerThread:
    """uvicorn on a daemon thread with its own asyncio loop, for callers not on asyncio."""

    def __init__(self, app: FakeApp, *, host: str, port: int) -> None:
        self._app, self._host, self._port = app, host, port
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="thulium-fake-server", daemon=True)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._base_url: str | None = None
        self._error: BaseException | None = None

    def start(self) -> str:
        """Start the thread; return the base URL once uvicorn serves (or raise its error)."""
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise self._error
        assert self._base_url is not None
        return self._base_url

    def stop(self) -> None:
        """Ask the server to finish its requests and exit; wait for the thread."""
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join()

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported to start() instead of dying silently
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        running = await start_server(self._app, host=self._host, port=self._port)
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        self._base_url = running.base_url
        self._ready.set()
        await self._stop.wait()
        await stop_server(running)


class Serving:
    """``fake.serve()``: ``async with`` (any anyio backend) or ``with`` (sync code).

    Both yield the base URL, ``"http://127.0.0.1:PORT/api"``.
    """

    def __init__(self, app: FakeApp, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._app, self._host, self._port = app, host, port
        self._running: RunningServer | None = None
        self._thread: ServerThread | None = None

    def _new_thread(self) -> ServerThread:
        self._thread = ServerThread(self._app, host=self._host, port=self._port)
        return self._thread

    async def __aenter__(self) -> str:
        if sniffio.current_async_library() == "asyncio":
            self._running = await start_server(self._app, host=self._host, port=self._port)
            return self._running.base_url
        return await anyio.to_thread.run_sync(self._new_thread().start)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._running is not None:
            running, self._running = self._running, None
            await stop_server(running)
        elif self._thread is not None:
            await anyio.to_thread.run_sync(self._thread.stop)

    def __enter__(self) -> str:
        return self._new_thread().start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._thread is not None
        self._thread.stop()
