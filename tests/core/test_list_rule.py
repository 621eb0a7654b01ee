"""One rule for every ``list()``: ``await`` gives a list, paginated or not."""

from __future__ import annotations

import thulium_async as th
from tests.core.test_pagination import FakeList
from thulium_async.testing import FakeThulium


async def test_awaiting_a_paginator_gives_the_whole_list() -> None:
    """``await paginator`` reads every page, as ``to_list()`` does."""
    source = FakeList(250)
    pager = th.Paginator(source.fetch, page_size=100, max_page_size=100)
    assert await pager == list(range(250))


async def test_paginated_and_plain_list_calls_are_awaited_alike() -> None:
    """``outbounds.list()`` (one answer) and ``outbounds.records.list()`` (pages) await alike."""
    fake = FakeThulium()
    fake.add_campaign("00001")
    fake.seed_records("00001", 3)
    async with fake.client() as client:
        campaigns = await client.outbounds.list()
        records = await client.outbounds.records.list("00001")
        pager = client.outbounds.records.list("00001")
        assert isinstance(pager, th.Paginator)
        assert [r.phone_number async for r in pager] == [r.phone_number for r in records]
    assert [c.id for c in campaigns] == ["00001"]
    assert len(records) == 3
