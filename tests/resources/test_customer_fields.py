"""Area ``customer_field_groups``: field groups and their item rows."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import (
    assert_request,
    attempt,
    catalog_response,
    json_response,
    request_example,
)
from thulium_async import errors
from thulium_async.models import (
    CustomerField,
    CustomerFieldGroup,
    CustomerFieldGroupItem,
    CustomerFieldValue,
)

ORDERS_FIELDS = [
    CustomerField(field_id=12, name="Product"),
    CustomerField(field_id=8, name="Count"),
    CustomerField(field_id=9, name="Confirmed"),
    CustomerField(field_id=10, name="Comment"),
]


@pytest.mark.endpoint("list_customer_field_groups")
async def test_list_field_groups_parses_the_inferred_envelope(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET customer_field_groups (inferred) reads the {count, result} example into groups."""
    route = router.get("customer_field_groups").mock(
        return_value=catalog_response("list_customer_field_groups")
    )
    groups = await client.customer_field_groups.list()
    assert_request(route.calls.last.request, "GET", "customer_field_groups")
    assert groups == [CustomerFieldGroup(group_id=2, name="Orders", fields=ORDERS_FIELDS)]


async def test_list_field_groups_accepts_a_plain_array(
    router: respx.MockRouter, client: th.Client
) -> None:
    """The undocumented answer may be a plain array: ids given as strings become ints."""
    router.get("customer_field_groups").mock(
        return_value=json_response([{"group_id": "5", "name": "Umowy", "fields": []}])
    )
    assert await client.customer_field_groups.list() == [
        CustomerFieldGroup(group_id=5, name="Umowy", fields=[])
    ]


@pytest.mark.endpoint("list_customer_field_group_items")
async def test_list_group_items_sends_the_documented_query(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET customer_field_group_items?group_id=1&customer_id=123 parses the documented shape."""
    route = router.get("customer_field_group_items").mock(
        return_value=catalog_response("list_customer_field_group_items")
    )
    items = await client.customer_field_group_items.list(group_id=1, customer_id=123).to_list()
    assert_request(
        route.calls.last.request,
        "GET",
        "customer_field_group_items",
        query=[("group_id", "1"), ("customer_id", "123"), ("limit", "1000"), ("offset", "0")],
    )
    assert items == [CustomerFieldGroupItem(group_id=2, name="Orders", fields=ORDERS_FIELDS)]


async def test_list_group_items_pages_by_count_and_reads_values(
    router: respx.MockRouter, client: th.Client
) -> None:
    """With count=5 and pages of 2, offsets 2 and 4 follow; rows with values parse too."""

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        rows = [
            {
                "item_id": n,
                "group_id": 2,
                "customer_id": "1",
                "values": [{"field_id": 12, "value": ""}],
            }
            for n in range(offset, min(offset + 2, 5))
        ]
        return json_response({"count": 5, "result": rows})

    route = router.get("customer_field_group_items").mock(side_effect=page)
    items = await client.customer_field_group_items.list(page_size=2).to_list()
    assert [item.item_id for item in items] == [0, 1, 2, 3, 4]
    assert items[0].values == [CustomerFieldValue(field_id=12, value="")]
    assert items[0].customer_id == 1
    assert sorted(call.request.url.params["offset"] for call in route.calls) == ["0", "2", "4"]


@pytest.mark.endpoint("create_customer_field_group_item")
async def test_create_group_item_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST customer_field_group_items carries the doc example; returns the new item id."""
    route = router.post("customer_field_group_items").mock(
        return_value=catalog_response("create_customer_field_group_item")
    )
    item_id = await client.customer_field_group_items.create(
        group_id=2,
        customer_id=1,
        values=[
            CustomerFieldValue(field_id=12, value="phone"),
            {"field_id": "8", "value": 13},
            {"field_id": 10, "value": "comment"},
        ],
    )
    assert_request(
        route.calls.last.request,
        "POST",
        "customer_field_group_items",
        body=request_example("create_customer_field_group_item"),
    )
    assert item_id == 38


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.customer_field_group_items.list(group_id="a"), "group_id"),
        (lambda c: c.customer_field_group_items.list(customer_id=0), "customer_id"),
        (lambda c: c.customer_field_group_items.list(page_size=1001), "page_size"),
        (
            lambda c: c.customer_field_group_items.create(group_id=1, customer_id=1, values=[]),
            "values",
        ),
        (
            lambda c: c.customer_field_group_items.create(
                group_id=0, customer_id=1, values=[{"field_id": 1, "value": "x"}]
            ),
            "group_id",
        ),
        (
            lambda c: c.customer_field_group_items.create(
                group_id=1, customer_id=1, values={"field_id": 1, "value": "x"}
            ),
            "values",
        ),
        (
            lambda c: c.customer_field_group_items.create(
                group_id=1, customer_id=1, values=[{"field_id": 1, "value": None}]
            ),
            "values[0].value",
        ),
        (
            lambda c: c.customer_field_group_items.create(
                group_id=1, customer_id=1, values=[{"field": 1, "value": "x"}]
            ),
            "values[0]",
        ),
        (
            lambda c: c.customer_field_group_items.create(
                group_id=1, customer_id=1, values=[CustomerFieldValue(field_id=-3, value=1)]
            ),
            "values[0].field_id",
        ),
    ],
)
async def test_bad_field_group_input_is_refused_before_any_request(
    guard: respx.MockRouter, client: th.Client, call: Any, field: str
) -> None:
    """Each bad argument raises InputError naming the field, and nothing is sent."""
    with pytest.raises(errors.InputError) as caught:
        await attempt(call, client)
    assert caught.value.field == field
    assert guard.calls.call_count == 0
