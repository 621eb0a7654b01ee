"""An async iterable consumed from sync code: one producer task, items handed over one by one.

The whole ``async for`` runs in a single task on the loop thread, because some
async iterators (bulk results) hold a task group open across their yields,
and a task group must be left by the task that entered it. A zero-size
stream gives back-pressure: the producer fetches the next item while the
caller handles the current one, never more.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
from collections.abc import AsyncIterable, Iterator
from types import TracebackType
from typing import Any, Generic, TypeVar

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from ._loop_thread import LoopThread

__all__ = ["SyncIterator"]

T = TypeVar("T")


class SyncIterator(Generic[T], Iterator[T]):
    """``for item in ...`` over an async iterable; ``close()`` (or ``with``) stops it early."""

    def __init__(self, loop: LoopThread, source: AsyncIterable[T]) -> None:
        self._loop = loop
        self._source = source
        self._receive: MemoryObjectReceiveStream[T] | None = None
        self._producer: concurrent.futures.Future[None] | None = None
        self._closed = False

    def __iter__(self) -> SyncIterator[T]:
        return self

    def __next__(self) -> T:
        if self._closed:
            raise StopIteration
        if self._receive is None:
            send, self._receive = anyio.create_memory_object_stream[T](0)
            self._producer = self._loop.portal().start_task_soon(self._produce, send)
        try:
            return self._loop.call(self._receive.receive)
        except (anyio.EndOfStream, anyio.ClosedResourceError):
            assert self._producer is not None
            self._receive.close()  # the producer is done: no waiter left to wake
            self._producer.result()  # the producer's error, if it ended with one
            raise StopIteration from None

    async def _produce(self, send: MemoryObjectSendStream[T]) -> None:
        async with send:
            try:
                async for item in self._source:
                    await send.send(item)
            finally:
                close: Any = getattr(self._source, "aclose", None)
                if close is not None:
                    await close()

    def close(self) -> None:
        """Stop the iteration: the producer is cancelled and the source closed."""
        self._closed = True
        if self._producer is not None and not self._producer.done():
            self._producer.cancel()
        if self._receive is not None:
            # On the loop thread (closing wakes a producer waiting to send), and
            # without waiting: __del__ may run on the loop thread itself.
            self._loop.call_soon(self._receive.close)

    def __del__(self) -> None:
        # An iteration abandoned half-way still stops its producer.
        with contextlib.suppress(Exception):
            self.close()

    def __enter__(self) -> SyncIterator[T]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
