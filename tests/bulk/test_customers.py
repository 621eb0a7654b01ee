"""Customers in bulk: create (never twice), update and delete over batch/customers."""

from __future__ import annotations

import pytest

import thulium_async as th
from tests.bulk.support import assert_accounted, quick
from thulium_async.bulk import Outcome
from thulium_async.models import CustomerUpdate, NewCustomer
from thulium_async.testing import FakeThulium, Fault, FaultPlan


def surnames(fake: FakeThulium) -> list[str]:
    return sorted(c["surname"] for c in fake.customers())


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
async def test_create_update_delete_customers(fake: FakeThulium, batch: bool) -> None:
    """Customers are created with their ids, changed, and deleted; bad items fail alone."""
    items = [NewCustomer(surname=f"S{i:03d}", custom_fields={"Kraj": "PL"}) for i in range(120)]
    items[5] = NewCustomer(surname="")  # invalid: surname is required
    async with quick(fake) as client:
        created = await client.bulk.create_customers(items, batch=batch, keep_results=True)
        assert created.results is not None
        ids = sorted(r.record_id for r in created.results if r.outcome is Outcome.CREATED)
        changes = [CustomerUpdate(customer_id=i, name="Anna") for i in ids[:50]]
        changes.append(CustomerUpdate(customer_id=987654, name="Nobody"))
        updated = await client.bulk.update_customers(changes, batch=batch)
        deleted = await client.bulk.delete_customers([*ids[:10], 987654], batch=batch)
    assert_accounted(created, 120)
    assert created.counts == {Outcome.CREATED: 119, Outcome.FAILED: 1}
    assert created.failures[0].index == 5
    assert (created.failures[0].error or "").startswith("surname")
    assert len(ids) == 119
    assert updated.counts == {Outcome.UPDATED: 50, Outcome.FAILED: 1}
    assert updated.failures[0].http_status == 404
    assert deleted.counts == {Outcome.DELETED: 10, Outcome.NOT_FOUND: 1}
    assert len(fake.customers()) == 109
    assert sum(c["name"] == "Anna" for c in fake.customers()) == 40
    assert created.calls == (2 if batch else 119)


async def test_a_create_that_may_have_been_applied_is_never_resent(fake: FakeThulium) -> None:
    """Answer lost after the server created the customers: UNKNOWN, never a second copy."""
    fake.faults = FaultPlan(
        on_requests={1: Fault.DROP_AFTER_COMMIT}, on_requests_match="POST batch/customers"
    )
    items = [NewCustomer(surname=f"S{i}") for i in range(30)]
    async with quick(fake, retry=th.RetryPolicy.no_wait()) as client:
        report = await client.bulk.create_customers(items, chunk_size=10, concurrency=1)
    assert report.counts == {Outcome.UNKNOWN: 10, Outcome.CREATED: 20}
    assert len(fake.customers()) == 30  # the first ten were created once, not twice
    assert all((r.error or "").startswith("may have been applied") for r in report.unfinished)


async def test_a_create_refused_before_processing_goes_again(fake: FakeThulium) -> None:
    """A 429 never acted: the create is resent and the customers exist once."""
    fake.faults = FaultPlan(
        on_requests={1: Fault.TOO_MANY_REQUESTS_429},
        on_requests_match="POST batch/customers",
        retry_after=0,
    )
    async with quick(fake) as client:
        report = await client.bulk.create_customers([NewCustomer(surname="Kowalski")] * 5)
    assert report.counts == {Outcome.CREATED: 5}
    assert surnames(fake) == ["Kowalski"] * 5
