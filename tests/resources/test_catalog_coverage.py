"""Every non-legacy endpoint of the four campaign areas, driven from the catalog copy.

``CALLS`` maps each catalog ``name`` to a call of the client. The catalog gives
the expected method and path (placeholders filled from ``PATH_VALUES``) and the
mocked answer (its success status and response_example), so the table cannot
drift from the reference silently.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import respx

import thulium_async as th
from tests.support import (
    BASE_SLASH,
    assert_wire_headers,
    catalog,
    catalog_response,
    concrete_path,
    endpoints_in,
    make_client,
)
from thulium_async.models import BatchResult, NewCrmRecord, NewRecord, RecordUpdate

Call = Callable[[th.Client], Awaitable[Any]]

CAMPAIGN_AREAS = frozenset(
    {"campaigns", "campaigns_batch", "campaign_records", "crm_campaign_records"}
)


def campaign_endpoints() -> dict[str, dict[str, Any]]:
    """The non-legacy endpoints of the four campaign areas."""
    return endpoints_in(CAMPAIGN_AREAS)


CID = "00001"
PHONE = "333444555"
IDENT = "1234567890"
CUSTOMER = 441

CALLS: dict[str, Call] = {
    # campaigns
    "list_campaigns": lambda c: c.outbounds.list(),
    "create_campaign": lambda c: c.outbounds.create(name="A", dialer="preview", crm=True),
    "update_campaign": lambda c: c.outbounds.update(CID, name="B"),
    "delete_campaign": lambda c: c.outbounds.delete(CID),
    "clone_campaign": lambda c: c.outbounds.clone(CID, name="C"),
    "add_campaign_agents": lambda c: c.outbounds.add_agents(CID, ["anowak"]),
    "remove_campaign_agents": lambda c: c.outbounds.remove_agents(CID, ["anowak"]),
    "set_campaign_agents": lambda c: c.outbounds.set_agents(CID, ["anowak"]),
    "list_campaign_agents": lambda c: c.outbounds.agents.list(CID),
    "list_campaign_statuses": lambda c: c.outbounds.statuses.list(CID),
    "list_active_campaign_stats": lambda c: c.outbounds.stats.list(),
    "get_campaign_stats": lambda c: c.outbounds.stats.get(CID),
    # campaigns_batch
    "batch_delete_campaigns": lambda c: c.batch.outbounds.delete(["00001", "00002", "00003"]),
    # campaign_records
    "list_campaign_records": lambda c: c.outbounds.records.list(CID).to_list(),
    "get_campaign_record_by_phone": lambda c: c.outbounds.records.get(CID, PHONE),
    "create_campaign_record": lambda c: c.outbounds.records.create(CID, phone_number=PHONE),
    "update_campaign_record_by_phone": lambda c: c.outbounds.records.update(
        CID, PHONE, status_id=3
    ),
    "delete_campaign_record_by_phone": lambda c: c.outbounds.records.delete(CID, PHONE),
    "get_campaign_record_by_identifier": lambda c: c.outbounds.records_by_identifier.get(
        CID, IDENT
    ),
    "update_campaign_record_by_identifier": lambda c: c.outbounds.records_by_identifier.update(
        CID, IDENT, agent_login="j.doe"
    ),
    "delete_campaign_record_by_identifier": lambda c: c.outbounds.records_by_identifier.delete(
        CID, IDENT
    ),
    "list_campaigns_by_phone": lambda c: c.outbounds_by_phone_number.get(PHONE),
    "set_campaign_status_by_phone": lambda c: c.outbound_status_by_phone_number.create(
        phone_number=PHONE, status_id=8
    ),
    "batch_create_campaign_records": lambda c: c.batch.outbounds.records.create(
        CID, [NewRecord(phone_number="111222333"), NewRecord(phone_number="555123321")]
    ),
    "batch_update_campaign_records": lambda c: c.batch.outbounds.records.update(
        CID,
        [
            RecordUpdate(phone_number="111222333", status_id=3),
            RecordUpdate(phone_number="555123321", agent_login="user"),
        ],
    ),
    "batch_delete_campaign_records": lambda c: c.batch.outbounds.records.delete(
        CID, ["441", "442"]
    ),
    # crm_campaign_records
    "list_crm_campaign_records": lambda c: c.crm_outbounds.records.list(CID).to_list(),
    "get_crm_campaign_record": lambda c: c.crm_outbounds.records.get(CID, CUSTOMER),
    "create_crm_campaign_record": lambda c: c.crm_outbounds.records.create(
        CID, customer_id=CUSTOMER
    ),
    "update_crm_campaign_record": lambda c: c.crm_outbounds.records.update(CID, CUSTOMER, order=3),
    "delete_crm_campaign_record": lambda c: c.crm_outbounds.records.delete(CID, CUSTOMER),
    "copy_crm_campaign_record_notes": lambda c: c.crm_outbounds.records.copy_notes(CID, CUSTOMER),
    "batch_create_crm_campaign_records": lambda c: c.batch.crm_outbounds.records.create(
        CID, [NewCrmRecord(customer_id=n) for n in (441, 445, 448)]
    ),
    "batch_delete_crm_campaign_records": lambda c: c.batch.crm_outbounds.records.delete(
        CID, [441, 442]
    ),
}

# Endpoints that take a JSON body (the rest send none).
JSON_BODY = frozenset(
    name
    for name, entry in campaign_endpoints().items()
    if any(param.get("in") == "body" for param in entry.get("params", []))
)


def test_the_table_covers_exactly_the_campaign_endpoints() -> None:
    """Every non-legacy endpoint of the four campaign areas has a call here, and no other."""
    assert set(CALLS) == set(campaign_endpoints())


def test_the_catalog_copy_has_the_four_areas() -> None:
    """The copy still holds the campaign areas (a sanity check on the table's source)."""
    areas = {entry["area"] for entry in catalog().values()}
    assert {"campaigns", "campaigns_batch", "campaign_records", "crm_campaign_records"} <= areas
    assert len(campaign_endpoints()) == len(CALLS) == 34


@pytest.mark.parametrize("language", [None, "pl"])
@pytest.mark.parametrize("name", sorted(CALLS))
async def test_endpoint_sends_the_catalog_method_and_path(name: str, language: str | None) -> None:
    """The call sends one request with the catalog's method, path and headers, and parses it."""
    entry = catalog()[name]
    with respx.mock(using="httpcore2", base_url=BASE_SLASH, assert_all_called=True) as router:
        route = router.route().mock(return_value=catalog_response(name))
        async with make_client(language=language) as client:
            result = await CALLS[name](client)
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.method == entry["method"]
    assert request.url.raw_path.split(b"?")[0].decode() == f"/api/{concrete_path(name)}"
    assert_wire_headers(request, language=language, json_body=name in JSON_BODY)
    if isinstance(result, BatchResult):
        assert result.unanswered == []
        assert len(result.items) >= 2
    elif "response_example" in entry and entry["method"] == "GET":
        assert result  # the example's data came back, not an empty answer
