"""Endpoints real integrations call that the docs do not list (catalog ``source: observed``)."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import assert_request, catalog_response, json_response, request_example
from thulium_async.models import Queue, QueueWaitingStats

pytestmark = pytest.mark.anyio


@pytest.mark.endpoint("list_queues")
async def test_list_queues(router: respx.MockRouter, client: th.Client) -> None:
    """GET queues: a plain array of queues with their ids and names."""
    route = router.get("queues").mock(return_value=catalog_response("list_queues"))
    queues = await client.queues.list()
    assert_request(route.calls.last.request, "list_queues", "queues")
    assert queues == [Queue(queue_id=1, name="Sales"), Queue(queue_id=2, name="Support")]


@pytest.mark.endpoint("get_queue_waiting_stats")
async def test_get_queue_waiting_stats(router: respx.MockRouter, client: th.Client) -> None:
    """GET queues/{id}/waiting_stats: both pairs of names seen in use, as durations."""
    route = router.get("queues/2/waiting_stats").mock(
        return_value=catalog_response("get_queue_waiting_stats")
    )
    stats = await client.queues.waiting_stats.get(2)
    assert_request(route.calls.last.request, "get_queue_waiting_stats", "queues/2/waiting_stats")
    assert (stats.in_queue, stats.waiting, stats.count) == (2, 2, 2)
    assert stats.approx_wait_time == "00:01:30"
    assert stats.wait is not None
    assert stats.wait.timedelta == dt.timedelta(minutes=1, seconds=30)


async def test_waiting_stats_of_the_second_integrations_names(
    router: respx.MockRouter, client: th.Client
) -> None:
    """An account answering only ``waiting``/``estimated_waiting_time`` (null when empty)."""
    router.get("queues/3/waiting_stats").mock(
        return_value=json_response({"waiting": 0, "estimated_waiting_time": None})
    )
    stats = await client.queues.waiting_stats.get(3)
    assert stats == QueueWaitingStats(waiting=0)
    assert (stats.count, stats.wait) == (0, None)


@pytest.mark.endpoint("update_customer_field_group_item")
async def test_update_customer_field_group_item(
    router: respx.MockRouter, client: th.Client
) -> None:
    """PUT customer_field_group_items/{id}: the values, as POST sends them; 204."""
    route = router.put("customer_field_group_items/38").mock(return_value=httpx.Response(204))
    await client.customer_field_group_items.update(38, values=[{"field_id": 12, "value": "tablet"}])
    assert_request(
        route.calls.last.request,
        "update_customer_field_group_item",
        "customer_field_group_items/38",
        body=request_example("update_customer_field_group_item"),
    )


async def test_update_refuses_empty_values_before_any_request(
    guard: respx.MockRouter, client: th.Client
) -> None:
    """No values is an InputError; nothing is sent."""
    with pytest.raises(th.errors.InputError, match="values"):
        await client.customer_field_group_items.update(38, values=[])
    assert not guard.calls


@pytest.mark.endpoint("delete_customer_field_group_item")
async def test_delete_customer_field_group_item(
    router: respx.MockRouter, client: th.Client
) -> None:
    """DELETE customer_field_group_items/{id}: no body; 204."""
    route = router.delete("customer_field_group_items/38").mock(return_value=httpx.Response(204))
    await client.customer_field_group_items.delete(38)
    assert_request(
        route.calls.last.request,
        "delete_customer_field_group_item",
        "customer_field_group_items/38",
    )
