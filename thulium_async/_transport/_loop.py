"""The httpx2 client for the event loop in use: one client survives successive loops.

Connections (and the limiter's semaphore) belong to the event loop that opened
them. A module-level client used from ``asyncio.run()`` in each Celery task or
script step meets a new loop every time; reusing the first loop's pool then
fails with a bare ``RuntimeError: Event loop is closed``. ``LoopBinding`` notices
the switch on every call (one ``get_running_loop`` and an identity check) and,
when the loop it was bound to is gone, opens a fresh pool and fresh limiter
slots, dropping the old ones without touching the dead loop. Two loops alive
at once (two threads each running one) cannot share a pool: that is refused
with a ThuliumError saying what to do. A fork (gunicorn ``--preload``, Celery
prefork) counts as a new loop too: the child never uses the parent's sockets.

Only construction and ownership live here: the limiter's pacing is untouched,
only its slots are replaced (slots held on a dead loop will never be released).
"""

from __future__ import annotations

import asyncio
import gc
import os
import warnings
import weakref
from collections.abc import Callable

import anyio
import httpx2

from ..errors import ThuliumError
from ._limiter import Limiter

__all__ = ["LoopBinding", "LoopConflictError"]


class LoopConflictError(ThuliumError):
    """One client was used from two event loops that are both still running."""


def _current_loop() -> object:
    """A token for the running event loop: the asyncio loop, or trio's run token."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    try:
        import trio  # outside asyncio, anyio's other backend is trio
    except ImportError:
        raise RuntimeError("no running event loop") from None
    return trio.lowlevel.current_trio_token()


def _alive(loop: object) -> bool:
    """Whether ``loop`` is still running somewhere (so its pool cannot be dropped)."""
    if isinstance(loop, asyncio.AbstractEventLoop):
        return loop.is_running() and not loop.is_closed()
    import trio

    try:
        loop.run_sync_soon(lambda: None)  # type: ignore[attr-defined]
    except trio.RunFinishedError:
        return False
    return True


def _drop(held: list[httpx2.AsyncClient]) -> None:
    """Let go of a dead loop's pool without touching that loop.

    Its sockets cannot be closed through their (closed) loop, so the last
    reference goes here and Python closes them as it frees them; the
    ResourceWarning each would raise says nothing the caller can act on. The
    pool and its dead loop form reference cycles, so a full collection runs:
    milliseconds, once per loop switch, never per call.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        held.clear()  # the caller keeps no other reference
        gc.collect()


class LoopBinding:
    """Owns "the httpx2 client for the current event loop" for a transport and its clones.

    ``factory`` builds a fresh client for a new loop; None (a client the user
    passed in) keeps the user's client, whose pool is theirs to manage.
    """

    def __init__(
        self, http: httpx2.AsyncClient, *, factory: Callable[[], httpx2.AsyncClient] | None
    ) -> None:
        self._http = http
        self._factory = factory
        self._loop: object | None = None
        self._pid = os.getpid()
        self._limiters: weakref.WeakSet[Limiter] = weakref.WeakSet()

    def attach(self, limiter: Limiter) -> None:
        """Give ``limiter`` fresh slots whenever the loop changes (clones add their own)."""
        self._limiters.add(limiter)

    @property
    def bound(self) -> httpx2.AsyncClient:
        """The client of the loop bound last, without checking the running loop."""
        return self._http

    def client(self) -> httpx2.AsyncClient:
        """The client for the running loop, rebinding first if the loop changed."""
        loop = _current_loop()
        if loop is self._loop:
            return self._http
        return self._rebind(loop)

    def _rebind(self, loop: object) -> httpx2.AsyncClient:
        old, forked = self._loop, os.getpid() != self._pid
        self._loop, self._pid = loop, os.getpid()
        if old is None:
            return self._http
        if not forked and _alive(old):
            self._loop = old
            raise LoopConflictError(
                "this thulium_async.Client is in use in another event loop that is still "
                "running; give each event loop (each thread running one) its own Client, "
                "or use thulium_async.SyncClient from threads"
            )
        if self._factory is not None:
            held = [self._http]
            self._http = self._factory()
            _drop(held)
        for limiter in list(self._limiters):
            limiter._slots = anyio.Semaphore(limiter.config.max_concurrency, fast_acquire=True)
            limiter.in_flight = 0
        return self._http

    async def aclose(self) -> None:
        """Close the client in its own loop; a dead loop's pool is let go instead."""
        loop = _current_loop()
        if self._loop is None or (loop is self._loop and self._pid == os.getpid()):
            await self._http.aclose()
            return
        if self._factory is not None:
            held = [self._http]
            self._http, self._loop = self._factory(), None
            _drop(held)
