"""Running many calls at once: the one ordered fan-out behind every concurrent helper.

The paginator's windows, ``collect`` of the two reports and ``tickets.get_many``
all need the same thing: a bounded number of calls in flight, results in input
order whatever order they finish in, and the first failure stopping the rest.
The client's limiter still paces every request; this bounds what one helper
queues.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import anyio

from . import _validation as check

__all__ = ["MAX_CONCURRENCY", "map_ordered"]

#: The most calls one fan-out runs at once (the limiter still caps requests in flight).
MAX_CONCURRENCY = 10_000

J = TypeVar("J")
R = TypeVar("R")


async def map_ordered(
    call: Callable[[J], Awaitable[R]], jobs: Sequence[J], *, concurrency: int
) -> list[R]:
    """``[await call(job) for job in jobs]``, ``concurrency`` calls at a time.

    Workers share one iterator, so there is never a task per job however many
    jobs there are. The first exception cancels the calls in flight and is
    raised as itself, not wrapped in an exception group.
    """
    workers = check.number_in_range(concurrency, "concurrency", 1, MAX_CONCURRENCY)
    results: list[Any] = [None] * len(jobs)
    failures: list[BaseException] = []
    pending = iter(enumerate(jobs))

    async def worker(scope: anyio.CancelScope) -> None:
        for slot, job in pending:
            try:
                results[slot] = await call(job)
            except Exception as error:
                failures.append(error)
                scope.cancel()
                return

    async with anyio.create_task_group() as group:
        for _ in range(min(workers, len(jobs))):
            group.start_soon(worker, group.cancel_scope)
    if failures:
        raise failures[0]
    return results
