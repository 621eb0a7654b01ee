"""Limit/offset pagination over any "fetch the page at this offset" function.

This module knows nothing of resources or HTTP: a resource hands it a
``fetch(offset, limit)`` coroutine function and the endpoint's page size.

When the first page carries ``count`` (the number of matches), the remaining
offsets are known, so pages are fetched ``concurrency`` at a time and still
yielded in the server's order; memory holds at most one window of pages.
Without ``count``, pages are fetched one after another until a short page.

Offset pagination drifts when records are added or removed during a scan
(later offsets shift). Every page reports ``count``; a change is logged (or
raised, with ``on_drift="raise"``) and ``Paginator.drift`` records it. Record
lists are in insertion order, so additions land at the end and are still read
(the scan runs on until a short page); removals can shift unread records onto
offsets already read, which no offset scheme can see.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import Any, Generic, Literal, TypeVar

import attrs

from . import _tracing
from ._concurrency import MAX_CONCURRENCY, map_ordered
from ._logging import logger
from .errors import InputError, ThuliumError

__all__ = ["OffsetIgnoredError", "Page", "PaginationDriftError", "Paginator"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Page(Generic[T]):
    """One page: its items, the offset it starts at and the total, when the API sends one."""

    items: list[T]
    offset: int
    count: int | None = None


class PaginationDriftError(ThuliumError):
    """The list changed under a paginated scan and ``on_drift="raise"`` was asked for."""


class OffsetIgnoredError(ThuliumError):
    """A later offset was answered with the page already read: the server ignores ``offset``.

    Without this check such a server keeps a scan without ``count`` going forever.
    """


FetchPage = Callable[[int, int], Awaitable[Page[T]]]
DriftPolicy = Literal["warn", "raise", "ignore"]


class Paginator(Generic[T]):
    """Items of a paginated list: ``async for``, ``.pages()``, ``.count()``, ``.to_list()``.

    ``await paginator`` is ``await paginator.to_list()``, so ``await
    client.<area>.list(...)`` gives a list for every ``list()`` of the client,
    paginated or not; only paginated ones can also be iterated page by page.

    Nothing is fetched until it is used. Each use scans afresh, except that the
    first page fetched by ``count()`` is reused by the scan that follows it.
    """

    def __init__(
        self,
        fetch: FetchPage[T],
        *,
        page_size: int,
        max_page_size: int,
        max_items: int | None = None,
        concurrency: int = 8,
        on_drift: DriftPolicy = "warn",
    ) -> None:
        if (
            isinstance(page_size, bool)
            or not isinstance(page_size, int)
            or not 1 <= page_size <= max_page_size
        ):
            raise InputError("page_size", f"a whole number from 1 to {max_page_size}", page_size)
        if max_items is not None and (
            isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 0
        ):
            raise InputError("max_items", "a whole number >= 0 or None", max_items)
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
            raise InputError("concurrency", "a whole number >= 1", concurrency)
        self._fetch = fetch
        self.page_size = page_size
        self.max_items = max_items
        self.concurrency = concurrency
        self.on_drift = on_drift
        self.drift: tuple[int, int] | None = None
        self._first: Page[T] | None = None

    async def count(self) -> int:
        """The number of matching items (capped by ``max_items``).

        Uses the first page's ``count``; for endpoints without one, walks the pages.
        """
        first = await self._first_page()
        if first.count is not None:
            return first.count if self.max_items is None else min(first.count, self.max_items)
        total = 0
        async for page in self.pages():
            total += len(page.items)
        return total

    async def to_list(self) -> list[T]:
        """Every item in a list. Mind memory on big lists: prefer ``async for``."""
        return [item async for item in self]

    def __await__(self) -> Generator[Any, None, list[T]]:
        # One rule for every list(): awaiting gives the list, as the unpaginated
        # list() coroutines do.
        return self.to_list().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Pages in order, each trimmed so that at most ``max_items`` items come out."""
        budget = self.max_items
        if budget == 0:
            return
        first = await self._first_page()
        self._first = None  # a new scan fetches anew
        yield _trim(first, budget)
        if budget is not None:
            budget -= len(first.items)
        if first.count is None or len(first.items) < self._limit_for(0):
            async for page in self._sequential(first, budget):
                yield page
            return
        async for page in self._concurrent(first, budget):
            yield page

    async def _first_page(self) -> Page[T]:
        if self._first is None:
            self._first = await self._fetch_page(0)
        return self._first

    async def _fetch_page(self, offset: int) -> Page[T]:
        limit = self._limit_for(offset)
        with _tracing.page(offset, limit):  # the call's span carries the page's offset and limit
            return await self._fetch(offset, limit)

    def _limit_for(self, offset: int) -> int:
        if self.max_items is None:
            return self.page_size
        return max(1, min(self.page_size, self.max_items - offset))

    async def _sequential(self, last: Page[T], budget: int | None) -> AsyncIterator[Page[T]]:
        offset = last.offset + len(last.items)
        while len(last.items) >= self._limit_for(last.offset) and (budget is None or budget > 0):
            previous, last = last, await self._fetch_page(offset)
            if not last.items:
                return
            _require_progress(previous, last)
            yield _trim(last, budget)
            if budget is not None:
                budget -= len(last.items)
            offset += len(last.items)

    async def _concurrent(self, first: Page[T], budget: int | None) -> AsyncIterator[Page[T]]:
        assert first.count is not None
        expected = first.count
        end = expected if budget is None else min(expected, len(first.items) + budget)
        offset = len(first.items)
        while offset < end:
            offsets = list(range(offset, end, self.page_size))[: self.concurrency]
            window = await self._fetch_window(offsets)
            previous = first
            for page in window:
                _require_progress(previous, page)
                previous = page
                self._check_drift(expected, page)
                yield _trim(page, budget)
                if budget is not None:
                    budget -= len(page.items)
                if len(page.items) < self._limit_for(page.offset):
                    reached = page.offset + len(page.items)
                    if reached >= (expected if page.count is None else page.count):
                        return  # the list shrank: nothing lies beyond a short page
                    # The count says more lies beyond: never end the list quietly.
                    self._report_drift(
                        expected,
                        reached,
                        f"a short page: {len(page.items)} items at offset {page.offset}"
                        f" while count is {expected}",
                    )
            offset = offsets[-1] + len(window[-1].items)
            grown = window[-1].count
            if grown is not None and grown > end and (budget is None or budget > 0):
                end = grown if budget is None else min(grown, offset + budget)

    async def _fetch_window(self, offsets: list[int]) -> list[Page[T]]:
        # map_ordered's task group closes before it returns, so before any page
        # is yielded: no cancel scope ever spans a yield of this async generator.
        # A window is at most ``concurrency`` pages; the limiter caps requests in flight.
        workers = min(len(offsets), MAX_CONCURRENCY)
        return await map_ordered(self._fetch_page, offsets, concurrency=workers)

    def _check_drift(self, expected: int, page: Page[T]) -> None:
        if page.count is None or page.count == expected or self.on_drift == "ignore":
            return
        message = (
            f"the list changed during pagination: count {expected} at the start, "
            f"{page.count} at offset {page.offset}"
        )
        self._report_drift(expected, page.count, message)

    def _report_drift(self, expected: int, seen: int, message: str) -> None:
        if self.on_drift == "ignore":
            return
        self.drift = (expected, seen)
        if self.on_drift == "raise":
            raise PaginationDriftError(message)
        logger.warning("%s; records may be missed or read twice", message)


def _require_progress(previous: Page[T], page: Page[T]) -> None:
    """Refuse a page that repeats the one before it (the server ignored ``offset``)."""
    if page.offset != previous.offset and page.items and page.items == previous.items:
        raise OffsetIgnoredError(
            f"the page at offset {page.offset} repeats the one at offset {previous.offset}:"
            " the server ignores offset, so the scan stopped"
        )


def _trim(page: Page[T], budget: int | None) -> Page[T]:
    if budget is None or len(page.items) <= budget:
        return page
    return Page(items=page.items[:budget], offset=page.offset, count=page.count)
