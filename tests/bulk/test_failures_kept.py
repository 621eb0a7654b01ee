"""Failures bounded in memory: the report keeps the first N, counts all, and streams every one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bulk.support import assert_accounted, phone, quick
from thulium_async.bulk import ItemResult, Outcome
from thulium_async.errors import InputError
from thulium_async.testing import FakeThulium


def mixed(n: int) -> list[tuple[str, dict[str, Any]]]:
    """Every third item valid, then a bad number, then a repeat of the first valid one."""
    items: list[tuple[str, dict[str, Any]]] = []
    for i in range(n):
        kind = i % 3
        number = phone(i) if kind == 0 else "12-34" if kind == 1 else phone(0)
        items.append(("00001", {"phone_number": number}))
    return items


async def test_the_report_keeps_the_first_n_and_counts_every_one(fake: FakeThulium) -> None:
    """30 items: 10 valid, 10 refused, 10 repeats; 4 of each kind kept, the rest counted."""
    async with quick(fake) as client:
        report = await client.bulk.create_records(mixed(30), keep_failures=4)
    assert_accounted(report, 30)
    # phone(0) is valid (item 0) and repeated by items 2, 5, 8, ...: 10 repeats, 9 new numbers
    assert report.counts == {Outcome.CREATED: 10, Outcome.FAILED: 10, Outcome.REPEATED: 10}
    assert [f.index for f in report.failures] == [1, 4, 7, 10]
    assert [r.index for r in report.repeats] == [2, 5, 8, 11]
    assert report.not_kept == 12
    # The message counts cover every failure, not only the kept ones.
    ((message, count),) = report.error_counts()
    assert count == 10
    assert message.startswith("phone_number:")
    summary = report.summary()
    assert "12 items needing attention are counted but not kept" in summary
    assert f"10 x {message}" in summary


async def test_keep_failures_none_keeps_every_one(fake: FakeThulium) -> None:
    """None: every refused item is in ``failures``; nothing unkept."""
    async with quick(fake) as client:
        report = await client.bulk.create_records(mixed(30), keep_failures=None)
    assert len(report.failures) == 10
    assert len(report.repeats) == 10
    assert report.not_kept == 0
    assert "not kept" not in report.summary()


async def test_on_failure_sees_every_item_needing_attention_in_settling_order(
    fake: FakeThulium,
) -> None:
    """Kept or not: each FAILED and REPEATED item reaches the callback once; none succeeded."""
    seen: list[ItemResult] = []
    async with quick(fake) as client:
        report = await client.bulk.create_records(
            mixed(60), keep_failures=0, on_failure=seen.append
        )
    assert report.failures == []
    assert report.repeats == []
    assert report.not_kept == 40
    assert sorted(r.index for r in seen) == [i for i in range(60) if i % 3]
    assert {r.outcome for r in seen} == {Outcome.FAILED, Outcome.REPEATED}
    assert all(r.repeats == 0 for r in seen if r.outcome is Outcome.REPEATED)
    assert all(isinstance(r.exception, InputError) for r in seen if r.outcome is Outcome.FAILED)


async def test_on_failure_sees_the_items_a_stopped_run_did_not_send(fake: FakeThulium) -> None:
    """A run stopped by fail_fast: the items read ahead but never sent arrive as NOT_ATTEMPTED."""
    seen: list[ItemResult] = []
    items = [("00001", {"phone_number": phone(i)}) for i in range(300)]
    items[150] = ("00001", {"phone_number": "bad"})
    async with quick(fake) as client:
        report = await client.bulk.create_records(
            iter(items),
            fail_fast=True,
            chunk_size=50,
            concurrency=1,
            on_failure=seen.append,
        )
    assert_accounted(report, report.total)
    assert report.stopped is not None
    outcomes = [r.outcome for r in seen]
    assert outcomes.count(Outcome.FAILED) == report.failed > 0
    assert outcomes.count(Outcome.NOT_ATTEMPTED) == report.not_attempted > 0


async def test_a_raising_on_failure_stops_the_run_and_raises_once_the_report_is_final(
    fake: FakeThulium,
) -> None:
    """The sink's error comes out; every item read is still accounted for exactly once."""

    def sink(result: ItemResult) -> None:
        raise OSError(28, "No space left on device")

    async with quick(fake) as client:
        job = client.bulk.create_records(mixed(3000), on_failure=sink)
        with pytest.raises(OSError, match="No space left"):
            await job
    report = job.report
    assert_accounted(report, report.total)
    assert report.stopped == "on_failure raised OSError: [Errno 28] No space left on device"
    assert report.total < 3000


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("keep_failures", -1, "a whole number >= 0"),
        ("keep_failures", "10", "a whole number >= 0"),
        ("keep_failures", True, "a whole number >= 0"),
        ("on_failure", "rejects.csv", "a callable taking an ItemResult"),
    ],
)
async def test_bad_failure_options_are_refused_before_any_request(
    fake: FakeThulium, option: str, value: Any, expected: str
) -> None:
    """An InputError naming the option; nothing sent."""
    async with quick(fake) as client:
        with pytest.raises(InputError, match=expected) as caught:
            await client.bulk.create_records(mixed(3), **{option: value})
    assert caught.value.field == option
    assert fake.requests == []
