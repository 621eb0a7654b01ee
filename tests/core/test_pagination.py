"""The paginator over plain async fetch functions: no HTTP."""

from __future__ import annotations

import logging

import anyio
import anyio.lowlevel
import pytest

from thulium_async import Page, PaginationDriftError, Paginator, errors


class FakeList:
    """An offset-addressable list that records fetches and concurrency."""

    def __init__(self, size: int, *, with_count: bool = True, delay: float = 0.0) -> None:
        self.items = list(range(size))
        self.with_count = with_count
        self.delay = delay
        self.calls: list[tuple[int, int]] = []
        self.active = 0
        self.peak = 0

    async def fetch(self, offset: int, limit: int) -> Page[int]:
        self.calls.append((offset, limit))
        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            await anyio.sleep(self.delay)
            items = self.items[offset : offset + limit]
        finally:
            self.active -= 1
        return Page(items=items, offset=offset, count=len(self.items) if self.with_count else None)


async def test_items_come_in_order_once_each_with_concurrent_pages() -> None:
    """With a count, pages are fetched concurrently and items still come in order."""
    source = FakeList(1050, delay=0.01)
    pager = Paginator(source.fetch, page_size=100, max_page_size=100, concurrency=4)
    assert await pager.to_list() == list(range(1050))
    assert source.peak == 4
    assert sorted(offset for offset, _ in source.calls) == list(range(0, 1050, 100))


async def test_without_count_pages_run_sequentially_until_a_short_page() -> None:
    """Plain-array endpoints page one after another and stop on a short page."""
    source = FakeList(250, with_count=False)
    pager = Paginator(source.fetch, page_size=100, max_page_size=100)
    assert await pager.to_list() == list(range(250))
    assert source.calls == [(0, 100), (100, 100), (200, 100)]
    assert source.peak == 1


async def test_exact_multiple_without_count_ends_on_an_empty_page() -> None:
    """A list of exactly two pages needs one empty page to know it ended."""
    source = FakeList(200, with_count=False)
    assert await Paginator(source.fetch, page_size=100, max_page_size=100).to_list() == list(
        range(200)
    )
    assert source.calls[-1] == (200, 100)


async def test_max_items_caps_items_and_requests() -> None:
    """max_items trims the last page and asks no more than needed."""
    source = FakeList(1000)
    pager = Paginator(source.fetch, page_size=100, max_page_size=100, max_items=150)
    assert await pager.to_list() == list(range(150))
    assert source.calls == [(0, 100), (100, 50)]
    assert await pager.count() == 150


async def test_count_reuses_the_first_page() -> None:
    """count() fetches the first page once; the scan that follows starts from it."""
    source = FakeList(120)
    pager = Paginator(source.fetch, page_size=100, max_page_size=100)
    assert await pager.count() == 120
    assert await pager.to_list() == list(range(120))
    assert source.calls == [(0, 100), (100, 100)]


async def test_count_without_a_total_walks_the_pages() -> None:
    """Endpoints with no count are counted by reading them."""
    source = FakeList(230, with_count=False)
    assert await Paginator(source.fetch, page_size=100, max_page_size=100).count() == 230


async def test_pages_are_exposed_with_offsets() -> None:
    """.pages() yields Page objects with their offsets and the server count."""
    source = FakeList(250)
    pages = [
        page async for page in Paginator(source.fetch, page_size=100, max_page_size=100).pages()
    ]
    assert [(p.offset, len(p.items), p.count) for p in pages] == [
        (0, 100, 250),
        (100, 100, 250),
        (200, 50, 250),
    ]


async def test_growth_during_the_scan_is_read_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Records appended mid-scan are still read; the drift is logged and recorded."""
    source = FakeList(200)
    original = source.fetch

    async def growing(offset: int, limit: int) -> Page[int]:
        if offset == 100 and len(source.items) == 200:
            source.items.extend(range(200, 260))
        return await original(offset, limit)

    pager = Paginator(growing, page_size=100, max_page_size=100, concurrency=1)
    with caplog.at_level(logging.WARNING, logger="thulium_async"):
        items = await pager.to_list()
    assert items == list(range(260))
    assert pager.drift == (200, 260)
    assert "changed during pagination" in caplog.text


async def test_shrinking_during_the_scan_can_raise() -> None:
    """on_drift='raise' turns a changed count into PaginationDriftError."""
    source = FakeList(300)
    original = source.fetch

    async def shrinking(offset: int, limit: int) -> Page[int]:
        if offset == 100:
            del source.items[:50]
        return await original(offset, limit)

    pager = Paginator(shrinking, page_size=100, max_page_size=100, concurrency=1, on_drift="raise")
    with pytest.raises(PaginationDriftError, match="count 300 at the start, 250"):
        await pager.to_list()


async def test_breaking_out_early_stops_fetching() -> None:
    """Leaving the loop early fetches no further windows."""
    source = FakeList(5000)
    pager = Paginator(source.fetch, page_size=100, max_page_size=100, concurrency=2)
    async for item in pager:
        if item == 150:
            break
    assert len(source.calls) <= 3


def test_page_size_above_the_endpoint_maximum_is_refused() -> None:
    """A page size over the documented maximum fails before any request."""
    with pytest.raises(errors.InputError, match="page_size"):
        Paginator(FakeList(1).fetch, page_size=101, max_page_size=100)


async def test_a_failed_page_in_a_concurrent_window_is_raised_as_itself() -> None:
    """The window's first error cancels its other fetches and comes out unwrapped."""
    source = FakeList(1000, delay=0.01)

    async def fetch(offset: int, limit: int) -> Page[int]:
        if offset == 300:
            raise errors.ThuliumError("boom")
        return await source.fetch(offset, limit)

    pager = Paginator(fetch, page_size=100, max_page_size=100, concurrency=4)
    seen: list[int] = []

    async def scan() -> None:
        async for item in pager:
            seen.append(item)

    with pytest.raises(errors.ThuliumError, match="boom"):
        await scan()
    assert seen == list(range(100))


class ShortPage(FakeList):
    """1,000 items with a count, but the page at offset 200 holds only 60."""

    async def fetch(self, offset: int, limit: int) -> Page[int]:
        page = await super().fetch(offset, limit)
        if offset == 200:
            return Page(items=page.items[:60], offset=offset, count=page.count)
        return page


@pytest.mark.parametrize("concurrency", [1, 4])
async def test_a_short_page_before_count_is_reached_is_drift_not_the_end(
    concurrency: int, caplog: pytest.LogCaptureFixture
) -> None:
    """The scan goes on past it (not 260 items), records drift and warns."""
    source = ShortPage(1000)
    pager = Paginator(source.fetch, page_size=100, max_page_size=100, concurrency=concurrency)
    with caplog.at_level(logging.WARNING, logger="thulium_async"):
        items = await pager.to_list()
    # Never 260: the scan reads on (one page at a time it even rereads from 260).
    assert set(items) >= set(range(260)) | set(range(300, 1000))
    assert len(items) == len(set(items))
    assert pager.drift == (1000, 260)
    assert "short page: 60 items at offset 200" in caplog.text


async def test_a_short_page_raises_with_on_drift_raise() -> None:
    """on_drift="raise": PaginationDriftError naming the short page."""
    pager = Paginator(ShortPage(1000).fetch, page_size=100, max_page_size=100, on_drift="raise")
    with pytest.raises(PaginationDriftError, match="short page"):
        await pager.to_list()


class IgnoresOffset(FakeList):
    """A server that answers every offset with the first page."""

    async def fetch(self, offset: int, limit: int) -> Page[int]:
        self.calls.append((offset, limit))
        await (
            anyio.lowlevel.checkpoint()
        )  # lets fail_after end the endless scan this guards against
        count = len(self.items) if self.with_count else None
        return Page(items=self.items[:limit], offset=offset, count=count)


@pytest.mark.parametrize("with_count", [False, True], ids=["no count", "count"])
async def test_a_server_ignoring_offset_stops_the_scan_with_an_error(with_count: bool) -> None:
    """The same page again: OffsetIgnoredError after the second page, never an endless loop."""
    source = IgnoresOffset(10_000, with_count=with_count)
    pager = Paginator(source.fetch, page_size=100, max_page_size=100, concurrency=1)
    with anyio.fail_after(5), pytest.raises(errors.ThuliumError, match="ignores offset"):
        await pager.to_list()
    assert len(source.calls) == 2
