"""The fake's simulation of endpoints seen in integrations' traffic but not in the docs."""

from __future__ import annotations

import datetime as dt

import httpx2
import pytest
from fake_support import error

from thulium_async import errors
from thulium_async.testing import FakeThulium

NOW = dt.datetime(2026, 5, 4, 9, 30, 0)


@pytest.fixture
def queues() -> FakeThulium:
    """Queue 1 "Sales" with two callers (waiting 60 s and 120 s), queue 2 "Support" empty."""
    fake = FakeThulium(strict=True, wall_clock=lambda: NOW)
    fake.add_queue("Sales")
    fake.add_queue("Support")
    fake.add_waiting_caller(1, "600100200", started_at=NOW - dt.timedelta(seconds=120))
    fake.add_waiting_caller(1, "600100201", started_at=NOW - dt.timedelta(seconds=60))
    return fake


async def test_queues_list_in_creation_order(queues: FakeThulium) -> None:
    """GET queues: a plain array of ids and names."""
    async with queues.client() as client:
        listed = await client.queues.list()
    assert [(q.queue_id, q.name) for q in listed] == [(1, "Sales"), (2, "Support")]


async def test_waiting_stats_count_the_line_and_average_the_wait(queues: FakeThulium) -> None:
    """in_queue/waiting = the line; the wait = the average waited so far; null when empty."""
    async with queues.client() as client:
        sales = await client.queues.waiting_stats.get(1)
        support = await client.queues.waiting_stats.get(2)
    assert (sales.in_queue, sales.waiting) == (2, 2)
    assert sales.approx_wait_time == sales.estimated_waiting_time == "00:01:30"
    assert (support.in_queue, support.approx_wait_time, support.estimated_waiting_time) == (
        0,
        None,
        None,
    )


async def test_waiting_stats_of_an_unknown_queue_is_a_404(queues: FakeThulium) -> None:
    """As for the waiting list: an unknown queue is not found."""
    auth = (queues.username, queues.password)
    async with queues.serve() as base_url, httpx2.AsyncClient(auth=auth) as http:
        response = await http.get(f"{base_url}/queues/9/waiting_stats")
    assert error(response)[:2] == (404, "Queue not found.")


@pytest.fixture
def rows() -> FakeThulium:
    """Group 2 "Orders" (fields 12 Product, 8 Count) and customer 1 with one row (item 1)."""
    fake = FakeThulium(strict=True)
    fake.add_customer_field_group("Orders", fields={12: "Product", 8: "Count"}, group_id=2)
    fake.add_customer(customer_id=1)
    fake.add_customer_field_group_item(customer_id=1, group_id=2, values={12: "phone", 8: 13})
    return fake


async def test_put_changes_the_named_values_and_the_customer(rows: FakeThulium) -> None:
    """PUT: Product changes in the row and in the customer's custom fields; Count stays."""
    async with rows.client() as client:
        await client.customer_field_group_items.update(
            1, values=[{"field_id": 12, "value": "tablet"}]
        )
        (item,) = await client.customer_field_group_items.list(customer_id=1).to_list()
        customer = await client.customers.get(1, include_custom_fields=True)
    assert {f.field_id for f in item.fields or []} == {12, 8}
    assert customer.custom_fields is not None
    assert customer.custom_fields["Product"] == "tablet"
    assert customer.custom_fields["Count"] == 13


async def test_delete_removes_the_row_and_unknown_rows_are_404(rows: FakeThulium) -> None:
    """DELETE: the row is gone; a second DELETE or a PUT of it is a 404."""
    async with rows.client() as client:
        await client.customer_field_group_items.delete(1)
        assert await client.customer_field_group_items.list(customer_id=1).to_list() == []
        with pytest.raises(errors.NotFoundError) as deleted_again:
            await client.customer_field_group_items.delete(1)
        with pytest.raises(errors.NotFoundError) as put_missing:
            await client.customer_field_group_items.update(1, values=[{"field_id": 8, "value": 1}])
    for caught in (deleted_again, put_missing):
        assert caught.value.status_code == 404
        assert "Customer field group item not found." in str(caught.value)


async def test_put_refuses_a_field_of_another_group(rows: FakeThulium) -> None:
    """PUT checks values as POST does: a field outside the row's group is a 400."""
    async with rows.client() as client:
        with pytest.raises(errors.ValidationError) as caught:
            await client.customer_field_group_items.update(
                1, values=[{"field_id": 99, "value": "x"}]
            )
    assert caught.value.status_code == 400
