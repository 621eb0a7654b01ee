"""Fair turns across campaigns, bounded read-ahead, and trio."""

from __future__ import annotations

import anyio
import pytest

from tests.bulk.support import phone, populated, quick, records
from thulium_async.bulk import ItemResult
from thulium_async.models import NewRecord
from thulium_async.testing import FakeThulium, FaultPlan


def first_positions(results: list[ItemResult], campaigns: tuple[str, ...]) -> dict[str, int]:
    """The position in completion order of each campaign's first result."""
    first: dict[str, int] = {}
    for position, result in enumerate(results):
        if result.campaign_id is not None:
            first.setdefault(result.campaign_id, position)
    return {cid: first[cid] for cid in campaigns}


def big_and_small(big: int, small: int) -> dict[str, list[NewRecord]]:
    return {
        "00001": [NewRecord(phone_number=phone(i)) for i in range(big)],
        "00002": [NewRecord(phone_number=phone(i)) for i in range(small)],
        "00003": [NewRecord(phone_number=phone(i)) for i in range(small)],
    }


@pytest.mark.parametrize(("batch", "chunk_size"), [(False, 1), (True, 10)], ids=["single", "batch"])
async def test_a_big_campaign_does_not_delay_the_small_ones(
    fake: FakeThulium, batch: bool, chunk_size: int
) -> None:
    """Ten times more items in one campaign: the others' first results still come first."""
    fake.faults = FaultPlan(latency=0.002)
    async with quick(fake) as client:
        results = client.bulk.iter_create_records(
            big_and_small(1000, 100), batch=batch, chunk_size=chunk_size, concurrency=4
        )
        seen = [result async for result in results]
    assert len(seen) == 1200
    first = first_positions(seen, ("00001", "00002", "00003"))
    assert max(first.values()) < 3 * 4 * chunk_size  # within the first few rounds
    # ...and the small campaigns are done long before the big one.
    last_small = max(i for i, r in enumerate(seen) if r.campaign_id != "00001")
    assert last_small < 600


async def test_turns_also_apply_to_a_flat_stream_within_the_read_ahead(
    fake: FakeThulium,
) -> None:
    """A flat stream with the big campaign first: within the buffer, campaigns take turns."""
    flat = [(cid, item) for cid, items in big_and_small(1000, 100).items() for item in items]
    fake.faults = FaultPlan(latency=0.002)
    async with quick(fake) as client:
        results = client.bulk.iter_create_records(flat, batch=False, concurrency=4, buffer=2000)
        seen = [result async for result in results]
    first = first_positions(seen, ("00001", "00002", "00003"))
    assert max(first.values()) < 30


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
async def test_read_ahead_is_bounded(fake: FakeThulium, batch: bool) -> None:
    """The input is pulled lazily: never more than ``buffer`` items read and unsettled."""
    fake.faults = FaultPlan(latency=0.001)
    buffer = 120
    worst = 0
    holder = {}

    def items():
        nonlocal worst
        for n, pair in enumerate(records(3000)):
            report = holder["job"].report
            settled = sum(report.counts.values())
            worst = max(worst, n - settled)
            yield pair

    async with quick(fake) as client:
        job = client.bulk.create_records(items(), batch=batch, chunk_size=20, buffer=buffer)
        holder["job"] = job
        report = await job
    assert report.succeeded == 3000
    assert worst <= buffer


def test_runs_on_trio() -> None:
    """The engine is anyio: the same load runs on trio (in process)."""
    fake = populated()

    async def main() -> tuple[int, int]:
        async with quick(fake) as client:
            batched = await client.bulk.create_records(records(300), chunk_size=50)
            single = await client.bulk.delete_records(
                [(cid, r) for cid, r in records(100)], batch=False
            )
        return batched.succeeded, single.succeeded

    assert anyio.run(main, backend="trio") == (300, 100)
    assert sum(len(fake.records(c)) for c in ("00001", "00002", "00003", "00004", "00005")) == 200
