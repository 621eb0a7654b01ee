"""``SyncPaginator``: a Paginator for sync code (``for``, ``count``, ``to_list``, ``pages``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from .._pagination import Page, Paginator
from ._iterate import SyncIterator
from ._loop_thread import LoopThread

__all__ = ["SyncPaginator"]

T = TypeVar("T")


class SyncPaginator(Generic[T]):
    """Items of a paginated list: ``for``, ``.pages()``, ``.count()``, ``.to_list()``.

    The same paginator as the async client's (same concurrency, drift checks and
    ``max_items``); the loop thread fetches pages and items are handed over a page
    at a time, so iterating costs one hop between threads per page, not per item.
    """

    def __init__(self, loop: LoopThread, paginator: Paginator[T]) -> None:
        self._loop = loop
        self.paginator = paginator
        """The async paginator underneath (its settings, and ``drift`` after a scan)."""

    @property
    def drift(self) -> tuple[int, int] | None:
        """``(count at the start, count seen later)`` when the list changed during a scan."""
        return self.paginator.drift

    def count(self) -> int:
        """The number of matching items (capped by ``max_items``)."""
        return self._loop.call(self.paginator.count)

    def to_list(self) -> list[T]:
        """Every item in a list. Mind memory on big lists: prefer ``for``."""
        return self._loop.call(self.paginator.to_list)

    def pages(self) -> SyncIterator[Page[T]]:
        """Pages in order, each trimmed so that at most ``max_items`` items come out."""
        return SyncIterator(self._loop, self.paginator.pages())

    def __iter__(self) -> Iterator[T]:
        with self.pages() as pages:
            for page in pages:
                yield from page.items
