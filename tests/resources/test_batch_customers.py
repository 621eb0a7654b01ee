"""``client.batch.customers``: the 207 answers of ``batch/customers`` mapped back to inputs."""

from __future__ import annotations

from typing import Any

import pytest
import respx

import thulium_async as th
from tests.support import (
    assert_request,
    catalog_response,
    json_response,
    request_example,
    sent_json,
)
from thulium_async import errors
from thulium_async.models import (
    CustomerBatchItemResult,
    CustomerBatchResult,
    CustomerUpdate,
    NewCustomer,
)


def _outcomes(result: CustomerBatchResult[Any]) -> list[tuple[Any, ...]]:
    return [
        (item.index, item.key, item.http_status, item.customer_id, item.message, item.ok)
        for item in result.items
    ]


@pytest.mark.endpoint("batch_create_customers")
async def test_batch_create_customers_maps_results_by_input_position(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST batch/customers sends {"customers": [...]}; answers keyed "0", "1" meet their inputs."""
    route = router.post("batch/customers").mock(
        return_value=catalog_response("batch_create_customers")
    )
    inputs: list[NewCustomer | dict[str, Any]] = [
        NewCustomer(surname="Kowalski"),
        {"surname": "Nowak", "phone_number": "333444555"},
    ]
    result = await client.batch.customers.create(inputs)
    expected = request_example("batch_create_customers")
    expected["customers"][1]["surname"] = "Nowak"  # the docs' second item lacks the required one
    assert_request(route.calls.last.request, "POST", "batch/customers", body=expected)
    assert isinstance(result, CustomerBatchResult)
    assert _outcomes(result) == [
        (0, "0", 201, 13, None, True),
        (1, "1", 400, None, "Phone number must be numeric.", False),
    ]
    assert result.items[0].input is inputs[0]
    assert result.items[1].input is inputs[1]
    assert result.succeeded == [result.items[0]]
    assert result.failed == [result.items[1]]
    assert result.unanswered == []
    assert len(result) == 2


@pytest.mark.endpoint("batch_update_customers")
async def test_batch_update_customers_maps_results_by_customer_id(
    router: respx.MockRouter, client: th.Client
) -> None:
    """PUT batch/customers sends ids as numbers; answers keyed by customer id meet their inputs."""
    route = router.put("batch/customers").mock(
        return_value=catalog_response("batch_update_customers")
    )
    updates = [
        CustomerUpdate(customer_id=13, surname="Kowalski"),
        CustomerUpdate(customer_id="14", phone_number="333444555"),  # type: ignore[arg-type]
    ]
    result = await client.batch.customers.update(updates)
    expected = request_example("batch_update_customers")
    for item in expected["customers"]:
        item["customer_id"] = int(item["customer_id"])  # the docs write ids as strings
    assert_request(route.calls.last.request, "PUT", "batch/customers", body=expected)
    assert _outcomes(result) == [
        (0, "13", 204, 13, None, True),
        (1, "14", 404, 14, "Customer not found.", False),
    ]
    assert [item.input for item in result.items] == updates


@pytest.mark.endpoint("batch_delete_customers")
async def test_batch_delete_customers_maps_results_by_customer_id(
    router: respx.MockRouter, client: th.Client
) -> None:
    """DELETE batch/customers?customer_id[]=13&customer_id[]=14 with per-id results."""
    route = router.delete("batch/customers").mock(
        return_value=catalog_response("batch_delete_customers")
    )
    result = await client.batch.customers.delete([13, "14"])
    assert_request(
        route.calls.last.request,
        "DELETE",
        "batch/customers",
        query=[("customer_id[]", "13"), ("customer_id[]", "14")],
    )
    assert _outcomes(result) == [
        (0, "13", 204, 13, None, True),
        (1, "14", 404, 14, "Customer not found.", False),
    ]
    assert [item.input for item in result.items] == [13, 14]
    assert all(isinstance(item, CustomerBatchItemResult) for item in result.items)


async def test_batch_answers_are_sorted_by_input_and_gaps_reported(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Results come in input order whatever the answer's order; skipped and foreign keys handled."""
    router.delete("batch/customers").mock(
        return_value=json_response(
            {"15": {"http_status": 204}, "99": {"http_status": 204}, "13": {"http_status": 204}},
            207,
        )
    )
    result = await client.batch.customers.delete([13, 14, 15])
    assert [item.index for item in result.items] == [0, 2]
    assert result.unanswered == [(1, 14)]


async def test_batch_answer_of_the_wrong_shape_is_a_decode_error(
    router: respx.MockRouter, client: th.Client
) -> None:
    """An array where a keyed object is documented raises DecodeError."""
    router.post("batch/customers").mock(return_value=json_response([{"http_status": 201}], 207))
    with pytest.raises(errors.DecodeError):
        await client.batch.customers.create([NewCustomer(surname="K")])


async def test_batch_create_refuses_a_second_post_after_an_ambiguous_failure(
    router: respx.MockRouter,
) -> None:
    """A 503 on POST batch/customers is not retried even with retries on: customers could double."""
    route = router.post("batch/customers").respond(503)
    async with th.Client(
        "https://acme.thulium.com/api",
        auth=("api_user", "api_pass"),
        retry=th.RetryPolicy.no_wait(max_attempts=3),
        check_statuses=False,
    ) as client:
        with pytest.raises(errors.ServerError):
            await client.batch.customers.create([NewCustomer(surname="K")])
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.batch.customers.create([]), "customers"),
        (lambda c: c.batch.customers.create([NewCustomer(surname="")]), "customers[0].surname"),
        (lambda c: c.batch.customers.create([{"name": "Jan"}]), "customers[0].surname"),
        (lambda c: c.batch.customers.create([{"surname": "K", "age": 3}]), "customers[0].age"),
        (
            lambda c: c.batch.customers.create(
                [NewCustomer(surname="A"), NewCustomer(surname="B", email="x")]
            ),
            "customers[1].email",
        ),
        (lambda c: c.batch.customers.create(["Kowalski"]), "customers[0]"),
        (lambda c: c.batch.customers.update([{"surname": "K"}]), "customers[0].customer_id"),
        (lambda c: c.batch.customers.update([CustomerUpdate(customer_id=1)]), "customers[0]"),
        (
            lambda c: c.batch.customers.update(
                [CustomerUpdate(customer_id=1, name="A"), CustomerUpdate(customer_id=1, name="B")]
            ),
            "customers[1]",
        ),
        (lambda c: c.batch.customers.delete([13, 13]), "customer_ids[1]"),
        (lambda c: c.batch.customers.delete([0]), "customer_id[0]"),
        (lambda c: c.batch.customers.delete([]), "customer_ids"),
    ],
)
async def test_bad_batch_input_is_refused_before_any_request(
    guard: respx.MockRouter, client: th.Client, call: Any, field: str
) -> None:
    """Each bad item raises InputError naming it (with its position), and nothing is sent."""
    with pytest.raises(errors.InputError) as caught:
        await call(client)
    assert caught.value.field == field
    assert guard.calls.call_count == 0


async def test_batch_update_sends_every_change_with_its_id(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Mappings work like CustomerUpdate; custom fields and addresses are encoded per item."""
    route = router.put("batch/customers").mock(
        return_value=json_response({"7": {"http_status": 204}}, 207)
    )
    await client.batch.customers.update(
        [{"customer_id": 7, "custom_fields": {"Kraj": None}, "address": {"city": "Gdańsk"}}]
    )
    assert sent_json(route.calls.last.request) == {
        "customers": [
            {"customer_id": 7, "custom_fields": {"Kraj": ""}, "address": {"city": "Gdańsk"}}
        ]
    }
