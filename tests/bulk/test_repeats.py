"""Repeated rows in one input: their own outcome, never silently "already existed"."""

from __future__ import annotations

import pytest

from tests.bulk.support import CRM_CAMPAIGN, assert_accounted, quick
from thulium_async.bulk import Outcome
from thulium_async.errors import InputError
from thulium_async.testing import FakeThulium

ITEMS = [
    ("00001", {"phone_number": "600000001", "record_fields": {"field1": "a"}}),
    ("00001", {"phone_number": "600000002"}),
    ("00001", {"phone_number": "600000001", "record_fields": {"field1": "b"}}),
    ("00002", {"phone_number": "600000001"}),  # another campaign: not a repeat
    ("00001", {"phone_number": "600000002"}),  # nothing to change
]


async def test_a_repeated_row_is_repeated_with_the_index_it_repeats(fake: FakeThulium) -> None:
    """Default: not sent, REPEATED with ``repeats``, listed apart, counted in summary()."""
    async with quick(fake) as client:
        report = await client.bulk.create_records(ITEMS, keep_results=True)
    assert_accounted(report, 5)
    assert report.counts == {Outcome.CREATED: 3, Outcome.REPEATED: 2}
    assert [(r.index, r.repeats, r.error) for r in report.repeats] == [
        (2, 0, "repeats item 0"),
        (4, 1, "repeats item 1"),
    ]
    assert not report.ok
    assert "repeated 2" in report.summary()
    assert fake.records("00001")[0]["record_fields"]["field1"] == "a"
    posted = [len(r.json["records"]) for r in fake.requests if r.method == "POST"]
    assert sum(posted) == 3


async def test_on_repeat_update_applies_the_later_row(fake: FakeThulium) -> None:
    """on_repeat="update": the later row's fields change the record; empty rows stay REPEATED."""
    async with quick(fake) as client:
        report = await client.bulk.create_records(
            ITEMS, on_repeat="update", keep_results=True, batch=False
        )
    assert report.counts == {Outcome.CREATED: 3, Outcome.UPDATED: 1, Outcome.REPEATED: 1}
    assert report.results is not None
    updated = next(r for r in report.results if r.outcome is Outcome.UPDATED)
    assert (updated.index, updated.repeats) == (2, 0)
    (record,) = [r for r in fake.records("00001") if r["phone_number"] == "600000001"]
    assert record["record_fields"]["field1"] == "b"


async def test_on_repeat_update_in_batch_mode_and_crm(fake: FakeThulium) -> None:
    """Batch chunks send the repeat after the create; a CRM customer repeat updates its order."""
    customer = fake.add_customer(surname="S")
    items = [
        *ITEMS[:3],
        (CRM_CAMPAIGN, {"customer_id": customer}),
        (CRM_CAMPAIGN, {"customer_id": customer, "order": 7}),
    ]
    async with quick(fake) as client:
        report = await client.bulk.create_records(items, on_repeat="update")
    assert report.counts == {Outcome.CREATED: 3, Outcome.UPDATED: 2}
    (record,) = fake.records(CRM_CAMPAIGN)
    assert record["order"] == 7


async def test_on_repeat_is_checked(fake: FakeThulium) -> None:
    """An unknown value is an InputError naming the option, before any request."""
    async with quick(fake) as client:
        with pytest.raises(InputError, match=r"on_repeat.*'reject' or 'update'"):
            await client.bulk.create_records(ITEMS, on_repeat="merge")  # type: ignore[typeddict-item]
    assert fake.requests == []
