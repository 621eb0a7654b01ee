"""How a bulk run is held: awaited for its report, or iterated for per-item results."""

from __future__ import annotations

import builtins
from collections.abc import AsyncGenerator, Generator
from types import TracebackType
from typing import Any

import anyio
from anyio.abc import ObjectSendStream

from ._engine import Engine
from ._models import ItemResult
from ._report import BulkReport

_Group = builtins.BaseExceptionGroup

__all__ = ["BulkJob", "BulkResults"]

_RESULTS_BUFFER = 1000  # results waiting for a slow consumer before the run pauses


def _single(group: Any) -> BaseException | None:
    """The one error inside nested one-error groups, so callers see the real error."""
    while len(group.exceptions) == 1:
        inner: BaseException = group.exceptions[0]
        if not isinstance(inner, _Group):
            return inner
        group = inner
    return None


async def _run(engine: Engine, stream: ObjectSendStream[ItemResult] | None = None) -> BulkReport:
    try:
        return await engine.run(stream)
    except _Group as group:
        error = _single(group)
        if error is None:
            raise
        raise error from None


class BulkJob:
    """A bulk run: ``await`` it for the BulkReport.

    ``report`` is live from the start and final once the run ends, also when
    the run is cancelled (Ctrl-C, a cancelled task or scope): the cancellation
    propagates, and ``job.report`` says which items were done, failed, unknown
    or not attempted::

        job = client.bulk.create_records(items)
        try:
            report = await job
        except (KeyboardInterrupt, asyncio.CancelledError):
            print(job.report.summary())
            raise

    A job runs once.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._started = False
        self.report: BulkReport = engine.report
        """The run's account, filled as it goes."""

    def __await__(self) -> Generator[Any, None, BulkReport]:
        if self._started:
            raise RuntimeError("this bulk job was already awaited; start a new one")
        self._started = True
        return _run(self._engine).__await__()


class BulkResults:
    """Per-item results in completion order: ``async for result in results``.

    Leaving the loop early stops the run like a cancellation (in-flight
    requests finish or are abandoned per ``on_cancel``), and ``report`` then
    has the exact account. When you may leave early, hold the results in
    ``async with`` (or call ``aclose()``), so the run stops at once and in
    your task; an iterator left half-read would be closed by the garbage
    collector from another task, which anyio refuses::

        async with client.bulk.iter_create_records(items) as results:
            async for result in results:
                ...

    A consumer slower than the run holds it back (at most 1,000 results wait).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._iterator: AsyncGenerator[ItemResult, None] | None = None
        self.report: BulkReport = engine.report
        """The run's account, filled as it goes."""

    def __aiter__(self) -> BulkResults:
        return self

    async def __anext__(self) -> ItemResult:
        if self._iterator is None:
            self._iterator = self._iterate()
        return await self._iterator.__anext__()

    async def aclose(self) -> None:
        """Stop the run (if still going) and wait for it to wind down."""
        if self._iterator is not None:
            await self._iterator.aclose()

    async def __aenter__(self) -> BulkResults:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _iterate(self) -> AsyncGenerator[ItemResult, None]:
        send, receive = anyio.create_memory_object_stream[ItemResult](_RESULTS_BUFFER)

        async def produce() -> None:
            async with send:
                await _run(self._engine, send)

        try:
            async with anyio.create_task_group() as group:
                group.start_soon(produce)
                try:
                    async with receive:
                        async for result in receive:
                            yield result
                finally:
                    # Normal end: the run is over already. Early exit: stop it.
                    group.cancel_scope.cancel()
        except _Group as errors:
            error = _single(errors)
            if error is None:
                raise
            raise error from None
