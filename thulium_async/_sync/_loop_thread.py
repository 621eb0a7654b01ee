"""The one event-loop thread a SyncClient owns: a daemon thread running a BlockingPortal.

Every sync call becomes a task on this thread's loop, so many threads can share
one client (the loop serialises nothing but scheduling; calls run concurrently).
The thread is a daemon: a client never closed does not hold up interpreter exit.
After ``os.fork()`` the child has no such thread (threads do not survive a fork),
so the child starts its own on first use; the async client underneath then
sees a new loop and opens fresh connections.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
import os
import threading
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, overload

import anyio
from anyio.from_thread import BlockingPortal

from .._pagination import Paginator

__all__ = ["LoopThread"]

T = TypeVar("T")

_LIVE: weakref.WeakSet[LoopThread] = weakref.WeakSet()


class LoopThread:
    """Starts the loop thread on first use; ``call`` runs a coroutine function on it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._portal: BlockingPortal | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        _LIVE.add(self)

    @property
    def running(self) -> bool:
        """Whether the loop thread has been started (and not stopped)."""
        return self._portal is not None

    @property
    def thread(self) -> threading.Thread | None:
        """The loop thread, once started."""
        return self._thread

    def portal(self) -> BlockingPortal:
        """The portal into the loop thread, starting it on first use."""
        portal = self._portal
        if portal is not None:
            return portal
        with self._lock:
            if self._portal is None:
                self._start()
            assert self._portal is not None
            return self._portal

    @overload
    def call(self, func: Callable[..., Awaitable[T]], /, *args: Any, **kwargs: Any) -> T: ...
    @overload
    def call(self, func: Callable[..., T], /, *args: Any, **kwargs: Any) -> T: ...
    def call(self, func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """Run ``func`` on the loop thread and wait for its result (or its exception).

        An interrupt while waiting (Ctrl-C) cancels the task on the loop, so the
        request stops and its limiter slot is given back, then propagates.
        """
        self.portal()
        assert self._loop is not None

        async def run() -> Any:
            result = func(*args, **kwargs)
            # A Paginator is awaitable too (for a list), but sync code iterates
            # it: the bridge turns it into a SyncPaginator, so it is not awaited.
            if inspect.isawaitable(result) and not isinstance(result, Paginator):
                return await result
            return result

        # Straight onto the asyncio loop: half the hop cost of the portal's own
        # task spawning (see benchmarks/bench_sync.py); cancelling the future
        # cancels the task just the same.
        future = asyncio.run_coroutine_threadsafe(run(), self._loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # no-op once the task has finished
            raise

    def call_soon(self, func: Callable[[], object]) -> None:
        """Run ``func`` on the loop thread soon, without waiting (from any thread)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(func)

    def _start(self) -> None:
        ready: concurrent.futures.Future[BlockingPortal] = concurrent.futures.Future()

        async def serve() -> None:
            async with BlockingPortal() as portal:
                self._loop = asyncio.get_running_loop()
                ready.set_result(portal)
                await portal.sleep_until_stopped()

        def run() -> None:
            try:
                anyio.run(serve, backend="asyncio")
            except BaseException as exc:  # reported to the thread waiting in _start
                if not ready.done():
                    ready.set_exception(exc)

        thread = threading.Thread(target=run, name="thulium-sync-loop", daemon=True)
        thread.start()
        self._portal = ready.result()
        self._thread = thread

    def stop(self) -> None:
        """Stop the loop thread (a later call starts a new one)."""
        with self._lock:
            portal, thread = self._portal, self._thread
            self._portal = self._thread = None
            self._loop = None
        if portal is not None and thread is not None:
            portal.call(portal.stop)
            thread.join()

    def _forget_after_fork(self) -> None:
        self._lock = threading.Lock()
        self._portal = self._thread = None
        self._loop = None


def _after_fork_in_child() -> None:
    for loop_thread in list(_LIVE):
        loop_thread._forget_after_fork()


os.register_at_fork(after_in_child=_after_fork_in_child)
