"""The generic bridge: any object of the async client, used from sync code.

Why one generic bridge and not generated twins (unasync, as httpcore does):
the async resource tree is large (30 areas, ~200 methods) and grows with every
endpoint. Generated twins are a second copy of every signature and docstring
that must be regenerated and can go stale; this bridge wraps whatever the
async object has, so a new endpoint is in the sync client the moment it is in
the async one, with the same arguments, checks and errors. The conversion is
by what a call returns, not by a list of names:

=============================== ====================================
async side returns              sync side returns
=============================== ====================================
a coroutine / awaitable         its result (``BulkJob`` -> ``BulkReport``)
a ``Paginator``                 a ``SyncPaginator``
an async iterator               a ``SyncIterator`` (``BulkResults``)
an async context manager        a context manager (recording streams)
a resource (sub-area)           a ``SyncArea`` over it
anything else                   itself
=============================== ====================================

The price is static typing: Python's type system cannot map "the same methods
without ``async``", so calls on an area are ``Any`` to a type checker. The
client itself is typed (each area is a ``SyncArea[<async class>]``, so a typo
in an area name fails ``mypy --strict``; ``request``, ``stats``,
``with_options`` and ``from_env`` are fully typed), and the completeness test
checks every public async method resolves to a sync twin of a known kind.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Generic, TypeVar

from .._pagination import Paginator
from ..resources import Resource
from ._iterate import SyncIterator
from ._loop_thread import LoopThread
from ._paginator import SyncPaginator

__all__ = ["SyncArea", "SyncContext", "to_sync"]

R = TypeVar("R")


def to_sync(loop: LoopThread, value: Any) -> Any:
    """What sync code gets in place of ``value`` (see the table in the module docstring)."""
    if isinstance(value, Paginator):
        return SyncPaginator(loop, value)
    if isinstance(value, Resource):
        return SyncArea(loop, value)
    if hasattr(value, "__aiter__"):
        return SyncIterator(loop, value)
    if hasattr(value, "__aenter__"):
        return SyncContext(loop, value)
    return value


def blocking(loop: LoopThread, method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` as a blocking call: run on the loop thread, its result made sync."""

    def call(*args: Any, **kwargs: Any) -> Any:
        # Always on the loop thread, plain methods too: they may build anyio
        # primitives (bulk engines), which need a running loop.
        return to_sync(loop, loop.call(method, *args, **kwargs))

    call.__name__ = getattr(method, "__name__", "call")
    call.__qualname__ = getattr(method, "__qualname__", "call")
    call.__doc__ = method.__doc__
    return call


class SyncArea(Generic[R]):
    """An area of the API (or ``bulk``) with the async one's methods, without ``await``."""

    def __init__(self, loop: LoopThread, target: R) -> None:
        self._loop = loop
        self._target = target

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._target, name)
        if callable(value) and not isinstance(value, Resource):
            return blocking(self._loop, value)
        return to_sync(self._loop, value)

    def __dir__(self) -> list[str]:
        return [name for name in dir(self._target) if not name.startswith("_")]

    def __iter__(self) -> Iterator[Any]:
        # An async-iterable target (a recording stream): its chunks.
        return SyncIterator(self._loop, self._target)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"<sync {self._target!r}>"


class SyncContext:
    """An async context manager used with ``with``; what it yields is bridged too."""

    def __init__(self, loop: LoopThread, target: contextlib.AbstractAsyncContextManager[Any]):
        self._loop = loop
        self._target = target
        self._inner: contextlib.AbstractContextManager[Any] | None = None

    def __enter__(self) -> Any:
        self._inner = self._loop.portal().wrap_async_context_manager(self._target)
        return SyncArea(self._loop, self._inner.__enter__())

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        assert self._inner is not None
        return self._inner.__exit__(exc_type, exc, tb)
