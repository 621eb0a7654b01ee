"""Handlers: records of regular (phone-number) campaigns, one at a time."""

from __future__ import annotations

from ..server._errors import bad_request, not_found
from ..server._routing import Ctx, Reply
from ..shared._validate import as_int, check_phone, query_bool
from ._models import Campaign, Record
from ._record_input import add_regular_record, parse_changes, remove_records
from ._record_lists import list_records
from ._views import record_view

__all__ = [
    "create",
    "delete_by_identifier",
    "delete_by_phone",
    "get_by_identifier",
    "get_by_phone",
    "list_",
    "set_status_by_phone",
    "update_by_identifier",
    "update_by_phone",
    "campaigns_by_phone",
    "regular_campaign",
]


def regular_campaign(ctx: Ctx) -> Campaign:
    """The campaign of the path, which must not be CRM-fed."""
    campaign = ctx.state.campaign(ctx.params["id"])
    if campaign.crm:
        raise bad_request("crm_campaign", id=campaign.id)
    return campaign


def _by_phone(ctx: Ctx, campaign: Campaign) -> list[Record]:
    additional = query_bool(ctx.query, "search_in_additional_numbers")
    found = campaign.find_by_phone(ctx.params["phone_number"], additional=additional)
    if not found:
        raise not_found("record_not_found")
    return found


def _by_identifier(ctx: Ctx, campaign: Campaign) -> Record:
    record_id = campaign.by_identifier.get(ctx.params["identifier"])
    if record_id is None:
        raise not_found("record_not_found")
    return campaign.records[record_id]


def create(ctx: Ctx) -> Reply:
    """POST outbounds/{id}/records: ``{"record_id": "231"}`` (a string)."""
    record = add_regular_record(ctx, regular_campaign(ctx), ctx.fields())
    return 201, {"record_id": str(record.record_id)}


def list_(ctx: Ctx) -> Reply:
    """GET outbounds/{id}/records."""
    return list_records(ctx, regular_campaign(ctx))


def get_by_phone(ctx: Ctx) -> Reply:
    """GET outbounds/{id}/records/{phone_number}: the oldest record with the number."""
    campaign = regular_campaign(ctx)
    return 200, record_view(campaign, _by_phone(ctx, campaign)[0], ctx.state.agents)


def update_by_phone(ctx: Ctx) -> Reply:
    """PUT outbounds/{id}/records/{phone_number}: duplicated numbers cannot be edited."""
    campaign = regular_campaign(ctx)
    found = _by_phone(ctx, campaign)
    if len(found) > 1:
        raise bad_request("duplicated_number_edit")
    parse_changes(ctx, campaign, ctx.fields(), found[0]).apply(found[0])
    return 204, None


def delete_by_phone(ctx: Ctx) -> Reply:
    """DELETE outbounds/{id}/records/{phone_number}: every record with the number."""
    campaign = regular_campaign(ctx)
    remove_records(campaign, _by_phone(ctx, campaign))
    return 204, None


def get_by_identifier(ctx: Ctx) -> Reply:
    """GET outbounds/{id}/records_by_identifier/{identifier}."""
    campaign = regular_campaign(ctx)
    return 200, record_view(campaign, _by_identifier(ctx, campaign), ctx.state.agents)


def update_by_identifier(ctx: Ctx) -> Reply:
    """PUT outbounds/{id}/records_by_identifier/{identifier}."""
    campaign = regular_campaign(ctx)
    record = _by_identifier(ctx, campaign)
    parse_changes(ctx, campaign, ctx.fields(), record).apply(record)
    return 204, None


def delete_by_identifier(ctx: Ctx) -> Reply:
    """DELETE outbounds/{id}/records_by_identifier/{identifier}."""
    campaign = regular_campaign(ctx)
    remove_records(campaign, [_by_identifier(ctx, campaign)])
    return 204, None


def campaigns_by_phone(ctx: Ctx) -> Reply:
    """GET outbounds_by_phone_number/{phone_number}: regular campaigns holding the number.

    Both phone-number endpoints live in the docs' ``csv_outbounds`` section, so CRM
    campaigns are not searched.
    """
    phone = ctx.params["phone_number"]
    ids = [c.id for c in ctx.state.campaigns.values() if not c.crm and phone in c.by_phone]
    return 200, {"outbound_id": ids}


def set_status_by_phone(ctx: Ctx) -> Reply:
    """POST outbound_status_by_phone_number: ``status_id`` is a DICTIONARY status id.

    Only main numbers match. Campaigns without a status for that dictionary entry
    are left alone. All records are checked before any is changed.
    """
    data = ctx.fields()
    for name in ("phone_number", "status_id"):
        if name not in data:
            raise bad_request("required", name=name)
    phone = check_phone(data["phone_number"])
    dictionary_id = as_int(data["status_id"], "status_id")
    campaigns = [c for c in ctx.state.campaigns.values() if not c.crm]
    if all(c.status_by_dictionary(dictionary_id) is None for c in campaigns):
        raise bad_request("status_not_found")
    planned = []
    for campaign in campaigns:
        status = campaign.status_by_dictionary(dictionary_id)
        if status is None or phone not in campaign.by_phone:
            continue
        for record in campaign.find_by_phone(phone):
            change = {"status_id": status.status_id}
            planned.append((campaign, parse_changes(ctx, campaign, change, record), record))
    for _, changes, record in planned:
        changes.apply(record)
    ids = list(dict.fromkeys(campaign.id for campaign, _, _ in planned))
    return 201, {"outbound_id": ids}
