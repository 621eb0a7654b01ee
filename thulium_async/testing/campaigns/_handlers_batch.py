"""Handlers: the 207 batch endpoints for campaign records and campaigns.

Shapes (conventions.md, "207 multi-status shapes"): record adds and updates are
objects keyed by phone number or customer id; the regular batch delete maps each
number to an ARRAY (duplicates); campaign deletion answers an array. A key that
occurs twice in one request keeps the last outcome, as a PHP loop assigning
``$result[$key]`` would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..server._errors import ApiError, bad_request
from ..server._routing import Ctx, Reply
from ..shared._validate import query_bool
from ._handlers_crm_records import crm_campaign
from ._handlers_records import regular_campaign
from ._models import Campaign, Record
from ._record_input import (
    CRM_CREATE,
    REGULAR_CREATE,
    REGULAR_UPDATE,
    AlreadyExists,
    add_crm_record,
    add_regular_record,
    parse_changes,
)

__all__ = [
    "create_crm_records",
    "create_records",
    "delete_campaigns",
    "delete_crm_records",
    "delete_records",
    "update_records",
]


def _key(item: Mapping[str, Any], name: str) -> str:
    value = item.get(name, "")
    return value if isinstance(value, str) else str(value)


def _add_all(
    ctx: Ctx,
    items: Sequence[Mapping[str, Any]],
    key_name: str,
    add: Callable[[Mapping[str, Any]], Record],
) -> dict[str, Any]:
    return {_key(item, key_name): _add_one(ctx, item, add) for item in items}


def _add_one(
    ctx: Ctx, item: Mapping[str, Any], add: Callable[[Mapping[str, Any]], Record]
) -> dict[str, Any]:
    try:
        record = add(item)
    except AlreadyExists as exc:
        return {"http_status": 400, "record_id": exc.record_id, "status": "ALREADY_EXISTS"}
    except ApiError as exc:
        message = ctx.message(exc.key, **exc.params)
        return {"http_status": 400, "status": "FAILED", "message": message}
    return {"http_status": 201, "record_id": record.record_id, "status": "ADDED"}


def create_records(ctx: Ctx) -> Reply:
    """POST batch/outbounds/{id}/records: keyed by phone number."""
    campaign = regular_campaign(ctx)
    items = ctx.batch_items("records", REGULAR_CREATE)
    return 207, _add_all(
        ctx, items, "phone_number", lambda item: add_regular_record(ctx, campaign, item)
    )


def create_crm_records(ctx: Ctx) -> Reply:
    """POST batch/crm_outbounds/{id}/records: keyed by customer id."""
    campaign = crm_campaign(ctx)
    items = ctx.batch_items("records", CRM_CREATE)
    return 207, _add_all(
        ctx, items, "customer_id", lambda item: add_crm_record(ctx, campaign, item)
    )


def _update_one(
    ctx: Ctx, campaign: Campaign, item: Mapping[str, Any], additional: bool
) -> dict[str, Any]:
    try:
        phone = item.get("phone_number")
        if not isinstance(phone, str) or not phone:
            raise bad_request("required", name="phone_number")
        found = campaign.find_by_phone(phone, additional=additional)
        if not found:
            raise ApiError(404, "record_not_found")
        if len(found) > 1:
            raise bad_request("duplicated_number_edit")
        parse_changes(ctx, campaign, item, found[0]).apply(found[0])
    except ApiError as exc:
        return {"http_status": exc.status, "message": ctx.message(exc.key, **exc.params)}
    return {"http_status": 204}


def update_records(ctx: Ctx) -> Reply:
    """PUT batch/outbounds/{id}/records: keyed by phone number, 204/400/404 per item."""
    campaign = regular_campaign(ctx)
    additional = query_bool(ctx.query, "search_in_additional_numbers")
    items = ctx.batch_items("records", REGULAR_UPDATE | {"phone_number"})
    return 207, {
        _key(item, "phone_number"): _update_one(ctx, campaign, item, additional) for item in items
    }


def _removal(campaign: Campaign, record: Record) -> dict[str, Any]:
    if record.in_call:
        return {"http_status": 400, "record_id": record.record_id, "status": "CALL_IN_PROGRESS"}
    campaign.remove(record)
    return {"http_status": 200, "record_id": record.record_id, "status": "REMOVED"}


_NOT_EXIST = {"http_status": 404, "status": "NOT_EXIST"}


def _query_list(ctx: Ctx, name: str, *, unique: bool = True) -> list[str]:
    values = ctx.query.getlist(name)
    if unique:
        values = list(dict.fromkeys(values))
    if not values:
        raise bad_request("required", name=name)
    return values


def delete_records(ctx: Ctx) -> Reply:
    """DELETE batch/outbounds/{id}/records?phone_number[]=: number -> array of outcomes."""
    campaign = regular_campaign(ctx)
    additional = query_bool(ctx.query, "search_in_additional_numbers")
    result: dict[str, Any] = {}
    for phone in _query_list(ctx, "phone_number[]"):
        found = campaign.find_by_phone(phone, additional=additional)
        result[phone] = [_removal(campaign, r) for r in found] or [dict(_NOT_EXIST)]
    return 207, result


def delete_crm_records(ctx: Ctx) -> Reply:
    """DELETE batch/crm_outbounds/{id}/records?customer_id[]=: customer id -> outcome."""
    campaign = crm_campaign(ctx)
    result: dict[str, Any] = {}
    for raw in _query_list(ctx, "customer_id[]"):
        record_id = campaign.by_customer.get(int(raw)) if raw.isdigit() else None
        if record_id is None:
            result[raw] = dict(_NOT_EXIST)
        else:
            result[raw] = _removal(campaign, campaign.records[record_id])
    return 207, result


def delete_campaigns(ctx: Ctx) -> Reply:
    """DELETE batch/outbounds?id[]=: an array of REMOVAL_QUEUED / NOT_EXIST / ALREADY_QUEUED."""
    state = ctx.state
    result = []
    # An array answer has room for a repeated id: its second entry is ALREADY_QUEUED.
    for campaign_id in _query_list(ctx, "id[]", unique=False):
        if campaign_id in state.campaigns:
            del state.campaigns[campaign_id]
            state.deleting.add(campaign_id)
            result.append({"http_status": 200, "id": campaign_id, "status": "REMOVAL_QUEUED"})
        elif campaign_id in state.deleting:
            result.append({"http_status": 400, "id": campaign_id, "status": "ALREADY_QUEUED"})
        else:
            result.append({"http_status": 404, "id": campaign_id, "status": "NOT_EXIST"})
    return 207, result
