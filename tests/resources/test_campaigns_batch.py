"""``client.batch``: the multi-status (207) endpoints and how answers map back to inputs.

Covers ``batch/outbounds`` (area campaigns_batch) and the batch record endpoints
of the campaign_records and crm_campaign_records areas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import httpcore2
import pytest
import respx

import thulium_async as th
from tests.support import (
    assert_wire_headers,
    catalog_response,
    make_client,
    request_example,
    sent_json,
    sent_query,
    statuses_answer,
)
from thulium_async import errors
from thulium_async.models import BatchStatus, NewCrmRecord, NewRecord, RecordUpdate

# Wire shapes, with the catalog's 207 examples as answers.


@pytest.mark.endpoint("batch_delete_campaigns")
async def test_batch_delete_campaigns_maps_the_array_answer(
    router: respx.MockRouter, client: th.Client
) -> None:
    """DELETE batch/outbounds?id[]=... answers an array; each item meets its input by id."""
    route = router.delete("batch/outbounds").mock(
        return_value=catalog_response("batch_delete_campaigns")
    )
    result = await client.batch.outbounds.delete(["00001", 2, "00003"], delete_recordings=True)
    request = route.calls.last.request
    assert_wire_headers(request)
    assert sent_query(request) == [
        ("id[]", "00001"),
        ("id[]", "00002"),
        ("id[]", "00003"),
        ("delete_recordings", "true"),
    ]
    outcomes = [
        (item.index, item.key, item.input, item.http_status, item.status, item.ok)
        for item in result.items
    ]
    assert outcomes == [
        (0, "00001", "00001", 200, BatchStatus.REMOVAL_QUEUED, True),
        (1, "00002", "00002", 404, BatchStatus.NOT_EXIST, False),
        (2, "00003", "00003", 400, BatchStatus.ALREADY_QUEUED, False),
    ]
    assert result.unanswered == []
    assert len(result) == 3


@pytest.mark.endpoint("batch_create_campaign_records")
async def test_batch_create_records_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST batch/outbounds/{id}/records carries {"records": [...]}; results keyed by phone."""
    route = router.post("batch/outbounds/00001/records").mock(
        return_value=catalog_response("batch_create_campaign_records")
    )
    records = [
        NewRecord(phone_number="111222333", status_id=3, record_fields={"field1": "value1"}),
        {"phone_number": "555123321", "agent_login": "user"},
    ]
    result = await client.batch.outbounds.records.create("00001", records)
    request = route.calls.last.request
    assert_wire_headers(request, json_body=True)
    expected = request_example("batch_create_campaign_records")
    expected["records"][0]["status_id"] = 3
    assert sent_json(request) == expected
    first, second = result.items
    assert (first.index, first.input, first.status, first.record_id, first.ok) == (
        0,
        records[0],
        BatchStatus.ADDED,
        111,
        True,
    )
    assert (second.index, second.status, second.message, second.ok) == (
        1,
        BatchStatus.FAILED,
        "Agent not found.",
        False,
    )
    assert second.input is records[1]
    assert result.succeeded == [first]
    assert result.failed == [second]


@pytest.mark.endpoint("batch_update_campaign_records")
@pytest.mark.parametrize(
    ("search", "query"), [(False, []), (True, [("search_in_additional_numbers", "true")])]
)
async def test_batch_update_records_sends_the_documented_body(
    router: respx.MockRouter,
    client: th.Client,
    search: bool,
    query: list[tuple[str, str]],
) -> None:
    """PUT batch/outbounds/{id}/records: per-phone results, search flag in the query."""
    route = router.put("batch/outbounds/00001/records").mock(
        return_value=catalog_response("batch_update_campaign_records")
    )
    updates = [
        RecordUpdate(
            phone_number="111222333",
            status_id="3",
            record_fields={"pole1": "wartosc1", "pole2": "wartosc2"},
        ),
        RecordUpdate(phone_number="555123321", agent_login="user"),
    ]
    result = await client.batch.outbounds.records.update(
        "00001", updates, search_in_additional_numbers=search
    )
    request = route.calls.last.request
    assert sent_query(request) == query
    assert_wire_headers(request, json_body=True)
    expected = request_example("batch_update_campaign_records")
    expected["records"][0]["status_id"] = 3
    assert sent_json(request) == expected
    assert [(i.index, i.http_status, i.ok, i.message) for i in result.items] == [
        (0, 204, True, None),
        (1, 400, False, "Agent not found."),
    ]
    assert [item.input for item in result.items] == updates


@pytest.mark.endpoint("batch_update_campaign_records")
async def test_batch_update_sends_next_call_date_in_account_time(
    router: respx.MockRouter, client: th.Client
) -> None:
    """An aware next_call_date goes out as Warsaw wall time in the item."""
    route = router.put("batch/outbounds/00001/records").respond(
        207, json={"111222333": {"http_status": 204}}
    )
    when = dt.datetime(2024, 7, 1, 10, 0, tzinfo=dt.UTC)
    await client.batch.outbounds.records.update(
        "00001", [RecordUpdate(phone_number="111222333", next_call_date=when)]
    )
    assert sent_json(route.calls.last.request) == {
        "records": [{"phone_number": "111222333", "next_call_date": "2024-07-01 12:00"}]
    }


@pytest.mark.endpoint("batch_delete_campaign_records")
async def test_batch_delete_records_maps_an_array_per_phone(
    router: respx.MockRouter, client: th.Client
) -> None:
    """DELETE batch/outbounds/{id}/records: one result per removed record, all for one input."""
    route = router.delete("batch/outbounds/00001/records").mock(
        return_value=catalog_response("batch_delete_campaign_records")
    )
    result = await client.batch.outbounds.records.delete(
        "00001", ["441", "442"], search_in_additional_numbers=True
    )
    request = route.calls.last.request
    assert_wire_headers(request)
    assert sent_query(request) == [
        ("phone_number[]", "441"),
        ("phone_number[]", "442"),
        ("search_in_additional_numbers", "true"),
    ]
    assert [(i.index, i.key, i.input, i.status, i.record_id) for i in result.items] == [
        (0, "441", "441", BatchStatus.REMOVED, 5235),
        (0, "441", "441", BatchStatus.REMOVED, 5226),
        (1, "442", "442", BatchStatus.NOT_EXIST, None),
    ]
    assert len(result.succeeded) == 2
    assert result.unanswered == []


@pytest.mark.endpoint("batch_create_crm_campaign_records")
async def test_batch_create_crm_records_reports_already_exists(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST batch/crm_outbounds/{id}/records: ALREADY_EXISTS carries the existing record id."""
    route = router.post("batch/crm_outbounds/00001/records").mock(
        return_value=catalog_response("batch_create_crm_campaign_records")
    )
    records = [
        NewCrmRecord(customer_id=441, status_id=3),
        NewCrmRecord(customer_id=445, status_id=1),
        {"customer_id": "448", "status_id": 1},
    ]
    result = await client.batch.crm_outbounds.records.create("00001", records)
    request = route.calls.last.request
    assert_wire_headers(request, json_body=True)
    assert sent_json(request) == request_example("batch_create_crm_campaign_records")
    added, existing, failed = result.items
    assert (added.key, added.status, added.record_id, added.already_exists) == (
        "441",
        BatchStatus.ADDED,
        111,
        False,
    )
    assert existing.already_exists is True
    assert (existing.index, existing.record_id, existing.http_status, existing.ok) == (
        1,
        100,
        400,
        False,
    )
    assert existing.input is records[1]
    assert (failed.status, failed.message, failed.already_exists) == (
        BatchStatus.FAILED,
        "Customer not found.",
        False,
    )
    assert result.failed == [existing, failed]


@pytest.mark.endpoint("batch_delete_crm_campaign_records")
async def test_batch_delete_crm_records(router: respx.MockRouter, client: th.Client) -> None:
    """DELETE batch/crm_outbounds/{id}/records?customer_id[]=...: results keyed by customer."""
    route = router.delete("batch/crm_outbounds/00001/records").mock(
        return_value=catalog_response("batch_delete_crm_campaign_records")
    )
    result = await client.batch.crm_outbounds.records.delete("00001", [441, "442"])
    request = route.calls.last.request
    assert_wire_headers(request)
    assert sent_query(request) == [("customer_id[]", "441"), ("customer_id[]", "442")]
    assert [(i.index, i.input, i.status, i.record_id, i.ok) for i in result.items] == [
        (0, 441, BatchStatus.REMOVED, 5235, True),
        (1, 442, BatchStatus.NOT_EXIST, None, False),
    ]


# Mapping answers back to inputs.


async def test_results_follow_input_order_when_keys_come_shuffled(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Keys answered in another order still land on their input's index and object."""
    router.post("batch/outbounds/00001/records").respond(
        207,
        json={
            "300000003": {"http_status": 201, "record_id": "3", "status": "ADDED"},
            "100000001": {"http_status": 201, "record_id": 1, "status": "ADDED"},
            "200000002": {"http_status": 400, "status": "FAILED", "message": "Bad"},
        },
    )
    records = [NewRecord(phone_number=f"{n}0000000{n}") for n in (1, 2, 3)]
    result = await client.batch.outbounds.records.create("00001", records)
    assert [(i.index, i.key, i.record_id) for i in result.items] == [
        (0, "100000001", 1),
        (1, "200000002", None),
        (2, "300000003", 3),
    ]
    assert all(item.input is records[item.index] for item in result.items)


@pytest.mark.parametrize(
    ("sent", "answered"),
    [("+48111222333", "48111222333"), ("48500600700", "+48500600700")],
)
async def test_plus_prefix_is_normalised_when_matching_keys(
    router: respx.MockRouter, client: th.Client, sent: str, answered: str
) -> None:
    """A number sent with (or without) "+" meets an answer keyed without (or with) it."""
    route = router.post("batch/outbounds/00001/records").respond(
        207,
        json={
            answered: {"http_status": 201, "record_id": 9, "status": "ADDED"},
            "600700800": {"http_status": 201, "record_id": 10, "status": "ADDED"},
        },
    )
    records = [NewRecord(phone_number="600700800"), NewRecord(phone_number=sent)]
    result = await client.batch.outbounds.records.create("00001", records)
    assert sent_json(route.calls.last.request)["records"][1]["phone_number"] == sent
    assert [(i.index, i.key, i.record_id) for i in result.items] == [
        (0, "600700800", 10),
        (1, answered, 9),
    ]
    assert result.unanswered == []


async def test_missing_keys_are_listed_as_unanswered(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Inputs the answer skips come back in unanswered as (index, input)."""
    router.delete("batch/outbounds/00001/records").respond(
        207, json={"222": [{"http_status": 200, "record_id": 5, "status": "REMOVED"}]}
    )
    result = await client.batch.outbounds.records.delete("00001", ["111", "222", "333"])
    assert [(item.index, item.input) for item in result.items] == [(1, "222")]
    assert result.unanswered == [(0, "111"), (2, "333")]


async def test_unknown_keys_in_the_answer_are_ignored(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A key that matches no input is skipped, not attached to some other input."""
    router.delete("batch/crm_outbounds/00001/records").respond(
        207,
        json={
            "999": {"http_status": 200, "status": "REMOVED"},
            "441": {"http_status": 200, "status": "CALL_IN_PROGRESS"},
        },
    )
    result = await client.batch.crm_outbounds.records.delete("00001", [441])
    assert [(i.index, i.key, i.status) for i in result.items] == [
        (0, "441", BatchStatus.CALL_IN_PROGRESS)
    ]


async def test_unknown_item_status_is_tolerated(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A status word the client does not know yet still parses."""
    router.delete("batch/outbounds").respond(
        207, json=[{"http_status": 202, "id": "00001", "status": "REMOVAL_SCHEDULED"}]
    )
    result = await client.batch.outbounds.delete(["00001"])
    assert result.items[0].status == "REMOVAL_SCHEDULED"
    assert result.items[0].ok is True


Call = Callable[[th.Client], Awaitable[Any]]

DUPLICATE_CALLS: dict[str, tuple[Call, str]] = {
    "create": (
        lambda c: c.batch.outbounds.records.create(
            "00001", [NewRecord(phone_number="111"), {"phone_number": "111"}]
        ),
        "records[1]",
    ),
    "update": (
        lambda c: c.batch.outbounds.records.update(
            "00001",
            [
                RecordUpdate(phone_number="111", agent_login="a"),
                RecordUpdate(phone_number="222", agent_login="a"),
                RecordUpdate(phone_number="111", agent_login="b"),
            ],
        ),
        "records[2]",
    ),
    "delete": (
        lambda c: c.batch.outbounds.records.delete("00001", ["111", "222", "111"]),
        "phone_numbers[2]",
    ),
    "crm_create": (
        lambda c: c.batch.crm_outbounds.records.create(
            "00001", [NewCrmRecord(customer_id=441), {"customer_id": "441"}]
        ),
        "records[1]",
    ),
    "crm_delete": (
        lambda c: c.batch.crm_outbounds.records.delete("00001", [441, "441"]),
        "customer_ids[1]",
    ),
    "campaigns_delete": (
        lambda c: c.batch.outbounds.delete([1, "00001"]),
        "campaign_ids[1]",
    ),
}


@pytest.mark.parametrize("name", sorted(DUPLICATE_CALLS))
async def test_duplicate_keys_are_refused_before_any_request(
    guard: respx.MockRouter, client: th.Client, name: str
) -> None:
    """Two inputs with one key cannot be told apart in a 207: refused, nothing sent."""
    call, field = DUPLICATE_CALLS[name]
    with pytest.raises(errors.InputError) as caught:
        await call(client)
    assert caught.value.field == field
    assert str(caught.value).startswith(field)
    assert guard.calls.call_count == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.batch.outbounds.records.update(
            "00001",
            [
                RecordUpdate(phone_number="111", status_id=3),
                RecordUpdate(phone_number="111", status_id=3),
            ],
        ),
        lambda c: c.batch.outbounds.records.update(
            "00001",
            [
                RecordUpdate(phone_number="111", status_id=3),
                RecordUpdate(phone_number="111 222", status_id=3),
            ],
        ),
    ],
    ids=["duplicate", "bad-phone"],
)
async def test_batch_update_refuses_bad_input_before_the_status_lookup(
    guard: respx.MockRouter, checked_client: th.Client, call: Call
) -> None:
    """With the status check on, a duplicate or bad phone is refused before any request."""
    with pytest.raises(errors.InputError):
        await call(checked_client)
    assert [str(c.request.url) for c in guard.calls] == []


async def test_batch_create_refuses_duplicates_before_the_status_lookup(
    guard: respx.MockRouter, checked_client: th.Client
) -> None:
    """Batch create checks keys before looking statuses up: no request at all."""
    with pytest.raises(errors.InputError, match=r"records\[1\]"):
        await checked_client.batch.outbounds.records.create(
            "00001", [NewRecord(phone_number="111", status_id=3)] * 2
        )
    assert guard.calls.call_count == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.batch.outbounds.records.delete("00001", "123"),
        lambda c: c.batch.crm_outbounds.records.delete("00001", "123"),
        lambda c: c.batch.outbounds.delete("12345"),
    ],
    ids=["phone_numbers", "customer_ids", "campaign_ids"],
)
async def test_a_single_string_is_never_split_into_characters(
    guard: respx.MockRouter, client: th.Client, call: Call
) -> None:
    """A bare string where a list is expected is refused or sent as one value, never per char."""
    try:
        await call(client)
    except errors.InputError:
        assert guard.calls.call_count == 0
        return
    except errors.APIError:
        pass  # the guard's 500: a request went out; check what it said
    query = sent_query(guard.calls.last.request)
    values = [value for name, value in query if name.endswith("[]")]
    assert values in (["123"], ["12345"])


async def test_batch_status_check_names_the_item(
    router: respx.MockRouter, checked_client: th.Client
) -> None:
    """A MY_RECORD status without agent_login in records[1] is refused naming that item."""
    statuses = router.get("outbounds/00001/statuses").respond(200, json=statuses_answer())
    with pytest.raises(errors.InputError) as caught:
        await checked_client.batch.outbounds.records.create(
            "00001",
            [
                NewRecord(phone_number="111", status_id=3),
                NewRecord(phone_number="222", status_id=7, next_call_date="2030-01-01 10:00"),
            ],
        )
    assert caught.value.field == "records[1].agent_login"
    assert statuses.call_count == 1
    assert len(router.calls) == 1


async def test_batch_answer_that_is_not_an_object_is_a_decode_error(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A 207 body of the wrong shape raises DecodeError carrying the body."""
    router.post("batch/crm_outbounds/00001/records").respond(207, json="oops")
    with pytest.raises(errors.DecodeError) as caught:
        await client.batch.crm_outbounds.records.create("00001", [NewCrmRecord(customer_id=1)])
    assert caught.value.body == b'"oops"'


def test_batch_item_result_flags() -> None:
    """ok follows the item's HTTP status; already_exists only the ALREADY_EXISTS word."""
    item = th.models.BatchItemResult(
        index=0, key="1", input=1, http_status=400, status=BatchStatus.ALREADY_EXISTS, record_id=5
    )
    assert (item.ok, item.already_exists) == (False, True)
    ok = th.models.BatchItemResult(index=0, key="1", input=1, http_status=204)
    assert (ok.ok, ok.already_exists) == (True, False)


async def test_connect_error_on_batch_create_is_retried(router: respx.MockRouter) -> None:
    """A batch create that provably never left is sent again and its answer mapped."""
    route = router.post("batch/crm_outbounds/00001/records").mock(
        side_effect=[
            httpcore2.ConnectError("refused"),
            catalog_response("batch_create_crm_campaign_records"),
        ]
    )
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        result = await client.batch.crm_outbounds.records.create(
            "00001", [NewCrmRecord(customer_id=c) for c in (441, 445, 448)]
        )
    assert route.call_count == 2
    assert [item.index for item in result.items] == [0, 1, 2]
