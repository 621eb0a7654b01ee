"""Area ``campaign_records``: records of regular campaigns and the by-phone-number endpoints.

The batch record endpoints of this area are in ``test_campaigns_batch.py``.
"""

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
    example,
    fresh_record_response,
    make_client,
    request_example,
    sent_json,
    sent_query,
)
from thulium_async import errors
from thulium_async.models import CampaignRecord, SystemStatus

DUPLICATE = {"request_id": "x", "errors": [{"message": "Duplicate phone number", "code": 1}]}

EXPECTED_RECORD = CampaignRecord(
    record_id=228,
    phone_number="333444555",
    system_status=SystemStatus.NO_CALL,
    status="Do not call",
    status_id=5,
    call_date=dt.datetime(2016, 10, 19, 14, 2, tzinfo=WARSAW),
    create_date=dt.datetime(2016, 10, 18, 12, 2, tzinfo=WARSAW),
    next_call_date=None,
    agent_name=None,
    agent_login=None,
    last_note="Last note for record",
    identifier="1234567890",
    order=None,
)


def assert_record_types(record: CampaignRecord) -> None:
    """The quirks of a catalog record example come out typed: "" is None, times are Warsaw."""
    assert record.system_status is SystemStatus.NO_CALL
    assert record.call_date is not None
    assert record.call_date.tzinfo is WARSAW
    assert record.call_date.utcoffset() == dt.timedelta(hours=2)  # CEST in October
    assert record.call_date.astimezone(dt.UTC) == dt.datetime(2016, 10, 19, 12, 2, tzinfo=dt.UTC)
    assert (record.next_call_date, record.agent_login, record.order) == (None, None, None)


@pytest.mark.endpoint("list_campaign_records")
async def test_list_records_sends_filters_in_php_array_form(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Filters go out as repeated name[]= pairs and dates; the page is parsed."""
    route = router.get("outbounds/00001/records").mock(
        return_value=catalog_response("list_campaign_records")
    )
    pager = client.outbounds.records.list(
        1,
        status_id=[10, "15"],
        system_status=["TO_CALL", SystemStatus.CALL],
        create_date_from=dt.date(2016, 10, 18),
        create_date_to="2016-10-20",
        call_date_from=dt.datetime(2016, 10, 18, 9, 30),
        call_date_to="2016-10-20",
        page_size=5,
    )
    records = await pager.to_list()
    request = route.calls.last.request
    assert route.call_count == 1
    assert_wire_headers(request)
    assert sent_query(request) == [
        ("status_id[]", "10"),
        ("status_id[]", "15"),
        ("system_status[]", "TO_CALL"),
        ("system_status[]", "CALL"),
        ("create_date_from", "2016-10-18"),
        ("create_date_to", "2016-10-20"),
        ("call_date_from", "2016-10-18"),
        ("call_date_to", "2016-10-20"),
        ("limit", "5"),
        ("offset", "0"),
    ]
    assert "status_id%5B%5D=10&status_id%5B%5D=15" in str(request.url)
    assert records == [
        CampaignRecord(
            record_id=228,
            phone_number="5555",
            system_status=SystemStatus.NO_CALL,
            status="Do not call",
            status_id=5,
            call_date=dt.datetime(2016, 10, 19, 14, 2, tzinfo=WARSAW),
            create_date=dt.datetime(2016, 10, 18, 12, 2, tzinfo=WARSAW),
            last_note="Last note for record",
            identifier="1234567890",
        )
    ]
    assert_record_types(records[0])


@pytest.mark.endpoint("list_campaign_records")
async def test_list_records_single_filter_values_and_count(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A single status or system status is still sent as name[]=; count() reads the envelope."""
    route = router.get("outbounds/00001/records").mock(
        return_value=catalog_response("list_campaign_records")
    )
    pager = client.outbounds.records.list("00001", status_id=10, system_status="MY_RECORD")
    assert await pager.count() == 1
    assert sent_query(route.calls.last.request) == [
        ("status_id[]", "10"),
        ("system_status[]", "MY_RECORD"),
        ("limit", "100"),
        ("offset", "0"),
    ]


@pytest.mark.endpoint("list_campaign_records")
async def test_list_records_fetches_every_page_by_offset(
    router: respx.MockRouter, client: th.Client
) -> None:
    """With count 3 and pages of 2, offsets 0 and 2 are fetched and records come in order."""
    item = example("list_campaign_records")["result"][0]

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        ids = [offset + 1, offset + 2][: 3 - offset]
        return httpx.Response(
            200, json={"count": "3", "result": [{**item, "record_id": i} for i in ids]}
        )

    route = router.get("outbounds/00001/records").mock(side_effect=page)
    records = await client.outbounds.records.list("00001", page_size=2).to_list()
    assert [record.record_id for record in records] == [1, 2, 3]
    offsets = sorted(call.request.url.params["offset"] for call in route.calls)
    assert offsets == ["0", "2"]


@pytest.mark.endpoint("get_campaign_record_by_phone")
@pytest.mark.parametrize(
    ("search", "query"), [(False, []), (True, [("search_in_additional_numbers", "true")])]
)
async def test_get_record_by_phone(
    router: respx.MockRouter,
    client: th.Client,
    search: bool,
    query: list[tuple[str, str]],
) -> None:
    """GET outbounds/{id}/records/{phone} returns the typed record."""
    route = router.get("outbounds/00001/records/333444555").mock(
        return_value=catalog_response("get_campaign_record_by_phone")
    )
    record = await client.outbounds.records.get(
        "00001", "333444555", search_in_additional_numbers=search
    )
    request = route.calls.last.request
    assert sent_query(request) == query
    assert_wire_headers(request)
    assert record == EXPECTED_RECORD
    assert_record_types(record)


@pytest.mark.endpoint("create_campaign_record")
async def test_create_record_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST outbounds/{id}/records carries the doc's example (ids as numbers); "231" -> 231."""
    route = router.post("outbounds/00001/records").mock(
        return_value=catalog_response("create_campaign_record")
    )
    record_id = await client.outbounds.records.create(
        "00001",
        phone_number="111222333",
        status_id="3",
        record_fields={"field1": "value1", "field2": "value2"},
    )
    request = route.calls.last.request
    assert request.method == "POST"
    assert_wire_headers(request, json_body=True)
    assert sent_json(request) == {**request_example("create_campaign_record"), "status_id": 3}
    assert record_id == 231
    assert type(record_id) is int


@pytest.mark.endpoint("create_campaign_record")
async def test_create_record_sends_every_field(router: respx.MockRouter, client: th.Client) -> None:
    """identifier, agent, next_call_date (account time), order and dictionary status go out."""
    route = router.post("outbounds/00001/records").mock(
        return_value=catalog_response("create_campaign_record")
    )
    await client.outbounds.records.create(
        "00001",
        phone_number="+48111222333",
        dictionary_status_id=8,
        identifier="ID-1",
        agent_login="j.doe",
        next_call_date=dt.datetime(2018, 5, 24, 10, 24, tzinfo=dt.UTC),
        record_fields={"field1": 7, "field2": None},
        order=50,
    )
    assert sent_json(route.calls.last.request) == {
        "phone_number": "+48111222333",
        "dictionary_status_id": 8,
        "identifier": "ID-1",
        "agent_login": "j.doe",
        "next_call_date": "2018-05-24 12:24",
        "record_fields": {"field1": "7", "field2": ""},
        "order": 50,
    }


@pytest.mark.endpoint("update_campaign_record_by_phone")
@pytest.mark.parametrize(
    ("search", "query"), [(False, []), (True, [("search_in_additional_numbers", "true")])]
)
async def test_update_record_by_phone(
    router: respx.MockRouter,
    client: th.Client,
    search: bool,
    query: list[tuple[str, str]],
) -> None:
    """PUT outbounds/{id}/records/{phone} sends only the given fields."""
    route = router.put("outbounds/00001/records/333444555").mock(
        return_value=catalog_response("update_campaign_record_by_phone")
    )
    result = await client.outbounds.records.update(
        "00001", "333444555", status_id="3", search_in_additional_numbers=search
    )
    request = route.calls.last.request
    assert result is None
    assert sent_query(request) == query
    assert_wire_headers(request, json_body=True)
    assert sent_json(request) == {"status_id": 3}


@pytest.mark.endpoint("update_campaign_record_by_phone")
async def test_update_record_by_phone_with_fields_and_agent(
    router: respx.MockRouter, client: th.Client
) -> None:
    """record_fields, agent_login and next_call_date appear in the PUT body as given."""
    route = router.put("outbounds/00001/records/333444555").respond(204)
    await client.outbounds.records.update(
        "00001",
        "333444555",
        agent_login="j.doe",
        next_call_date="2018-05-24 12:24",
        record_fields={"field1": ""},
    )
    assert sent_json(route.calls.last.request) == {
        "agent_login": "j.doe",
        "next_call_date": "2018-05-24 12:24",
        "record_fields": {"field1": ""},
    }


@pytest.mark.endpoint("delete_campaign_record_by_phone")
@pytest.mark.parametrize(
    ("search", "query"), [(False, []), (True, [("search_in_additional_numbers", "true")])]
)
async def test_delete_record_by_phone(
    router: respx.MockRouter,
    client: th.Client,
    search: bool,
    query: list[tuple[str, str]],
) -> None:
    """DELETE outbounds/{id}/records/{phone} sends no body."""
    route = router.delete("outbounds/00001/records/333444555").mock(
        return_value=catalog_response("delete_campaign_record_by_phone")
    )
    assert (
        await client.outbounds.records.delete(
            "00001", "333444555", search_in_additional_numbers=search
        )
        is None
    )
    request = route.calls.last.request
    assert sent_query(request) == query
    assert_wire_headers(request)


@pytest.mark.endpoint("get_campaign_record_by_identifier")
async def test_get_record_by_identifier(router: respx.MockRouter, client: th.Client) -> None:
    """GET outbounds/{id}/records_by_identifier/{identifier} returns the typed record."""
    route = router.get("outbounds/00001/records_by_identifier/1234567890").mock(
        return_value=catalog_response("get_campaign_record_by_identifier")
    )
    record = await client.outbounds.records_by_identifier.get("00001", "1234567890")
    assert_wire_headers(route.calls.last.request)
    assert record == EXPECTED_RECORD
    assert_record_types(record)


@pytest.mark.endpoint("update_campaign_record_by_identifier")
async def test_update_record_by_identifier(router: respx.MockRouter, client: th.Client) -> None:
    """PUT outbounds/{id}/records_by_identifier/{identifier} carries the doc's example body."""
    route = router.put("outbounds/00001/records_by_identifier/1234567890").mock(
        return_value=catalog_response("update_campaign_record_by_identifier")
    )
    await client.outbounds.records_by_identifier.update("00001", 1234567890, status_id=3)
    request = route.calls.last.request
    assert_wire_headers(request, json_body=True)
    expected = request_example("update_campaign_record_by_identifier")
    assert sent_json(request) == {"status_id": int(expected["status_id"])}


@pytest.mark.endpoint("delete_campaign_record_by_identifier")
async def test_delete_record_by_identifier(router: respx.MockRouter, client: th.Client) -> None:
    """DELETE outbounds/{id}/records_by_identifier/{identifier} sends no body and no query."""
    route = router.delete("outbounds/00001/records_by_identifier/1234567890").mock(
        return_value=catalog_response("delete_campaign_record_by_identifier")
    )
    assert await client.outbounds.records_by_identifier.delete("00001", "1234567890") is None
    request = route.calls.last.request
    assert sent_query(request) == []
    assert_wire_headers(request)


@pytest.mark.endpoint("list_campaigns_by_phone")
async def test_campaigns_by_phone_number(router: respx.MockRouter, client: th.Client) -> None:
    """GET outbounds_by_phone_number/{phone} returns the campaign ids of {"outbound_id": [...]}."""
    route = router.get("outbounds_by_phone_number/333444555").mock(
        return_value=catalog_response("list_campaigns_by_phone")
    )
    assert await client.outbounds_by_phone_number.get("333444555") == ["00001", "00002"]
    assert_wire_headers(route.calls.last.request)


@pytest.mark.endpoint("list_campaigns_by_phone")
async def test_campaigns_by_phone_number_accepts_a_plain_list(
    router: respx.MockRouter, client: th.Client
) -> None:
    """The inferred endpoint may answer a bare array of ids: that is read too."""
    router.get("outbounds_by_phone_number/333444555").respond(200, json=["00003"])
    assert await client.outbounds_by_phone_number.get(333444555) == ["00003"]


@pytest.mark.endpoint("set_campaign_status_by_phone")
async def test_set_status_by_phone_number(router: respx.MockRouter, client: th.Client) -> None:
    """POST outbound_status_by_phone_number sends the number and the dictionary status id."""
    route = router.post("outbound_status_by_phone_number").mock(
        return_value=catalog_response("set_campaign_status_by_phone")
    )
    campaigns = await client.outbound_status_by_phone_number.create(
        phone_number="111222333", status_id="3"
    )
    request = route.calls.last.request
    assert_wire_headers(request, json_body=True)
    expected = request_example("set_campaign_status_by_phone")
    assert sent_json(request) == {**expected, "status_id": 3}
    assert campaigns == ["00001", "00002", "00003"]


# The ambiguous create: a lost answer followed by "duplicate" is our own record.


async def test_create_after_a_lost_answer_returns_the_existing_record(
    router: respx.MockRouter,
) -> None:
    """ReadError then a 400 duplicate: the record is looked up, its id returned (2 POSTs, 1 GET)."""
    post = router.post("outbounds/00001/records").mock(
        side_effect=[httpcore2.ReadError("lost"), httpx.Response(400, json=DUPLICATE)]
    )
    get = router.get("outbounds/00001/records/333444555").mock(
        return_value=fresh_record_response("get_campaign_record_by_phone")
    )
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        record_id = await client.outbounds.records.create("00001", phone_number="333444555")
    assert record_id == 228
    assert post.call_count == 2
    assert get.call_count == 1
    assert sent_json(post.calls[0].request) == sent_json(post.calls[1].request)


async def test_create_after_a_lost_answer_finding_an_older_record_raises_the_duplicate(
    router: respx.MockRouter,
) -> None:
    """The record found is stamped 2016, long before the call: not ours, the 400 stands."""
    router.post("outbounds/00001/records").mock(
        side_effect=[httpcore2.ReadError("lost"), httpx.Response(400, json=DUPLICATE)]
    )
    get = router.get("outbounds/00001/records/333444555").mock(
        return_value=catalog_response("get_campaign_record_by_phone")
    )
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        with pytest.raises(errors.ValidationError, match="Duplicate phone number"):
            await client.outbounds.records.create("00001", phone_number="333444555")
    assert get.call_count == 1


async def test_create_after_a_lost_answer_without_a_record_raises_the_duplicate(
    router: respx.MockRouter,
) -> None:
    """When the lookup finds nothing (404), the 400 is raised as it came."""
    router.post("outbounds/00001/records").mock(
        side_effect=[httpcore2.ReadError("lost"), httpx.Response(400, json=DUPLICATE)]
    )
    get = router.get("outbounds/00001/records/333444555").respond(404, json={"errors": []})
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        with pytest.raises(errors.ValidationError, match="Duplicate phone number") as caught:
            await client.outbounds.records.create("00001", phone_number="333444555")
    assert caught.value.previous_attempt_ambiguous is True
    assert get.call_count == 1


async def test_plain_duplicate_is_a_validation_error_without_lookup(
    router: respx.MockRouter,
) -> None:
    """A duplicate with no ambiguous attempt before it raises ValidationError and sends no GET."""
    post = router.post("outbounds/00001/records").respond(400, json=DUPLICATE)
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        with pytest.raises(errors.ValidationError) as caught:
            await client.outbounds.records.create("00001", phone_number="333444555")
    assert post.call_count == 1
    assert caught.value.previous_attempt_ambiguous is False
    assert caught.value.messages == ["Duplicate phone number"]
    assert len(router.calls) == 1


async def test_create_after_a_connect_error_needs_no_lookup(router: respx.MockRouter) -> None:
    """A ConnectError (provably not sent) then 201 returns the new id without any GET."""
    post = router.post("outbounds/00001/records").mock(
        side_effect=[
            httpcore2.ConnectError("refused"),
            catalog_response("create_campaign_record"),
        ]
    )
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        assert await client.outbounds.records.create("00001", phone_number="333444555") == 231
    assert post.call_count == 2
    assert len(router.calls) == 2


async def test_create_after_a_500_then_duplicate_returns_the_existing_record(
    router: respx.MockRouter,
) -> None:
    """A 5xx may have been applied: the retry's duplicate is settled by the lookup too."""
    post = router.post("outbounds/00001/records").mock(
        side_effect=[httpx.Response(500), httpx.Response(400, json=DUPLICATE)]
    )
    get = router.get("outbounds/00001/records/333444555").mock(
        return_value=fresh_record_response("get_campaign_record_by_phone")
    )
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        assert await client.outbounds.records.create("00001", phone_number="333444555") == 228
    assert (post.call_count, get.call_count) == (2, 1)


async def test_create_whose_last_attempt_never_left_still_counts_the_lost_one(
    router: respx.MockRouter,
) -> None:
    """ReadError, then ConnectError until the attempts run out: the lost first answer may
    have created the record, so the lookup settles it (before, the last error alone decided).
    """
    post = router.post("outbounds/00001/records").mock(
        side_effect=[httpcore2.ReadError("lost"), httpcore2.ConnectError("refused")]
    )
    get = router.get("outbounds/00001/records/333444555").mock(
        return_value=fresh_record_response("get_campaign_record_by_phone")
    )
    async with make_client(retry=th.RetryPolicy.no_wait(max_attempts=2)) as client:
        record_id = await client.outbounds.records.create("00001", phone_number="333444555")
    assert record_id == 228
    assert (post.call_count, get.call_count) == (2, 1)
