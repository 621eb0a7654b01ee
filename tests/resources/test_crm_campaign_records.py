"""Area ``crm_campaign_records``: ``client.crm_outbounds.records`` (batch variants: batch file)."""

from __future__ import annotations

import datetime as dt

import httpcore2
import httpx
import pytest
import respx

import thulium_async as th
from tests.support import (
    WARSAW,
    assert_wire_headers,
    catalog_response,
    fresh_record_response,
    make_client,
    request_example,
    sent_json,
    sent_query,
)
from thulium_async import errors
from thulium_async.models import CrmCampaignRecord, SystemStatus

DUPLICATE = {"request_id": "x", "errors": [{"message": "Customer already added", "code": 1}]}


@pytest.mark.endpoint("list_crm_campaign_records")
async def test_list_crm_records_sends_order_filters_and_includes(
    router: respx.MockRouter, client: th.Client
) -> None:
    """The doc's request example's parameters go out, plus include_* flags as true/false."""
    route = router.get("crm_outbounds/00001/records").mock(
        return_value=catalog_response("list_crm_campaign_records")
    )
    records = await client.crm_outbounds.records.list(
        "00001",
        order="-next_call_date",
        status_id=[10, 15],
        system_status=SystemStatus.TO_CALL,
        call_date_from="2016-10-18",
        include_customer=True,
        include_custom_fields=False,
        include_address=True,
        include_invoice_address=True,
        include_mail_drop_address=True,
        page_size=5,
    ).to_list()
    request = route.calls.last.request
    assert_wire_headers(request)
    assert sorted(sent_query(request)) == sorted(
        [
            ("limit", "5"),
            ("offset", "0"),
            ("order", "-next_call_date"),
            ("status_id[]", "10"),
            ("status_id[]", "15"),
            ("system_status[]", "TO_CALL"),
            ("call_date_from", "2016-10-18"),
            ("include_customer", "true"),
            ("include_custom_fields", "false"),
            ("include_address", "true"),
            ("include_invoice_address", "true"),
            ("include_mail_drop_address", "true"),
        ]
    )
    assert request.url.params.get_list("status_id[]") == ["10", "15"]
    assert records == [
        CrmCampaignRecord(
            record_id=228,
            customer_id=311,
            phone_number="5555",
            system_status=SystemStatus.NO_CALL,
            status="Nie dzwonić",
            status_id=5,
            call_date=dt.datetime(2016, 10, 19, 14, 2, tzinfo=WARSAW),
            create_date=dt.datetime(2016, 10, 18, 12, 2, tzinfo=WARSAW),
            last_note="Ostatnia notatka dla rekordu",
        )
    ]
    record = records[0]
    assert (record.next_call_date, record.agent_name, record.agent_login, record.order) == (
        None,
        None,
        None,
        None,
    )


@pytest.mark.endpoint("list_crm_campaign_records")
async def test_list_crm_records_without_options_sends_only_paging(
    router: respx.MockRouter, client: th.Client
) -> None:
    """No filters: just limit=100 and offset=0."""
    route = router.get("crm_outbounds/00001/records").mock(
        return_value=catalog_response("list_crm_campaign_records")
    )
    assert await client.crm_outbounds.records.list(1).count() == 1
    assert sent_query(route.calls.last.request) == [("limit", "100"), ("offset", "0")]


@pytest.mark.endpoint("get_crm_campaign_record")
async def test_get_crm_record(router: respx.MockRouter, client: th.Client) -> None:
    """GET crm_outbounds/{id}/records/{customer_id} returns a typed record."""
    route = router.get("crm_outbounds/00001/records/441").mock(
        return_value=catalog_response("get_crm_campaign_record")
    )
    record = await client.crm_outbounds.records.get("00001", "441")
    assert_wire_headers(route.calls.last.request)
    assert record == CrmCampaignRecord(
        record_id=47,
        customer_id=441,
        phone_number="158433367",
        system_status=SystemStatus.NO_CALL,
        status="Do not call",
        status_id=6,
        call_date=dt.datetime(2016, 10, 19, 14, 2, tzinfo=WARSAW),
        create_date=dt.datetime(2016, 10, 18, 12, 2, tzinfo=WARSAW),
        last_note="Last note for record",
    )
    assert record.system_status is SystemStatus.NO_CALL
    assert record.call_date is not None
    assert record.call_date.tzinfo is WARSAW


@pytest.mark.endpoint("create_crm_campaign_record")
async def test_create_crm_record_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST crm_outbounds/{id}/records carries exactly the doc's example; "231" -> 231."""
    route = router.post("crm_outbounds/00001/records").mock(
        return_value=catalog_response("create_crm_campaign_record")
    )
    record_id = await client.crm_outbounds.records.create("00001", customer_id=441, status_id=3)
    request = route.calls.last.request
    assert_wire_headers(request, json_body=True)
    assert sent_json(request) == request_example("create_crm_campaign_record")
    assert record_id == 231


@pytest.mark.endpoint("create_crm_campaign_record")
async def test_create_crm_record_with_every_field(
    router: respx.MockRouter, client: th.Client
) -> None:
    """agent_login, next_call_date (naive = Warsaw), order and dictionary status go out."""
    route = router.post("crm_outbounds/00001/records").mock(
        return_value=catalog_response("create_crm_campaign_record")
    )
    await client.crm_outbounds.records.create(
        "00001",
        customer_id="441",
        dictionary_status_id="2",
        agent_login="j.doe",
        next_call_date=dt.datetime(2018, 5, 24, 12, 24, 59),
        order=0,
    )
    assert sent_json(route.calls.last.request) == {
        "customer_id": 441,
        "dictionary_status_id": 2,
        "agent_login": "j.doe",
        "next_call_date": "2018-05-24 12:24",
        "order": 0,
    }


@pytest.mark.endpoint("update_crm_campaign_record")
async def test_update_crm_record(router: respx.MockRouter, client: th.Client) -> None:
    """PUT crm_outbounds/{id}/records/{customer_id} sends the given fields only."""
    route = router.put("crm_outbounds/00001/records/441").mock(
        return_value=catalog_response("update_crm_campaign_record")
    )
    assert await client.crm_outbounds.records.update("00001", 441, status_id="3", order=7) is None
    request = route.calls.last.request
    assert_wire_headers(request, json_body=True)
    assert sent_json(request) == {"status_id": 3, "order": 7}


@pytest.mark.endpoint("delete_crm_campaign_record")
async def test_delete_crm_record(router: respx.MockRouter, client: th.Client) -> None:
    """DELETE crm_outbounds/{id}/records/{customer_id} sends no body."""
    route = router.delete("crm_outbounds/00001/records/441").mock(
        return_value=catalog_response("delete_crm_campaign_record")
    )
    assert await client.crm_outbounds.records.delete("00001", 441) is None
    request = route.calls.last.request
    assert sent_query(request) == []
    assert_wire_headers(request)


@pytest.mark.endpoint("copy_crm_campaign_record_notes")
async def test_copy_notes_posts_an_empty_body(router: respx.MockRouter, client: th.Client) -> None:
    """POST .../records/{customer_id}/copy_notes sends no body and accepts an empty answer."""
    route = router.post("crm_outbounds/00001/records/441/copy_notes").mock(
        return_value=catalog_response("copy_crm_campaign_record_notes")
    )
    assert await client.crm_outbounds.records.copy_notes("00001", 441) is None
    request = route.calls.last.request
    assert request.method == "POST"
    assert_wire_headers(request)


async def test_copy_notes_is_not_retried_after_a_lost_answer(router: respx.MockRouter) -> None:
    """Notes could be copied twice, so a lost copy_notes answer is not repeated."""
    route = router.post("crm_outbounds/00001/records/441/copy_notes").mock(
        side_effect=httpcore2.ReadError("lost")
    )
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        with pytest.raises(errors.TransportError):
            await client.crm_outbounds.records.copy_notes("00001", 441)
    assert route.call_count == 1


async def test_crm_create_after_a_lost_answer_returns_the_existing_record(
    router: respx.MockRouter,
) -> None:
    """ReadError then 400: the customer's record is looked up and its id returned."""
    post = router.post("crm_outbounds/00001/records").mock(
        side_effect=[httpcore2.ReadError("lost"), httpx.Response(400, json=DUPLICATE)]
    )
    get = router.get("crm_outbounds/00001/records/441").mock(
        return_value=fresh_record_response("get_crm_campaign_record")
    )
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        assert await client.crm_outbounds.records.create("00001", customer_id=441) == 47
    assert post.call_count == 2
    assert get.call_count == 1


async def test_crm_plain_duplicate_is_a_validation_error_without_lookup(
    router: respx.MockRouter,
) -> None:
    """A 400 with no ambiguous attempt before it is raised; no GET is sent."""
    post = router.post("crm_outbounds/00001/records").respond(400, json=DUPLICATE)
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        with pytest.raises(errors.ValidationError, match="Customer already added"):
            await client.crm_outbounds.records.create("00001", customer_id=441)
    assert post.call_count == 1
    assert len(router.calls) == 1


async def test_crm_create_after_a_connect_error_needs_no_lookup(router: respx.MockRouter) -> None:
    """A ConnectError then 201 returns the new id with no GET."""
    post = router.post("crm_outbounds/00001/records").mock(
        side_effect=[
            httpcore2.ConnectError("refused"),
            catalog_response("create_crm_campaign_record"),
        ]
    )
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        assert await client.crm_outbounds.records.create("00001", customer_id=441) == 231
    assert post.call_count == 2
    assert len(router.calls) == 2
