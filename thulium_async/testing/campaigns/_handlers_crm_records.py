"""Handlers: records of CRM-fed campaigns, addressed by customer id."""

from __future__ import annotations

from ..crm._handlers_notes import save_note
from ..server._errors import bad_request, not_found
from ..server._routing import Ctx, Reply
from ._models import Campaign, Record
from ._record_input import add_crm_record, parse_changes, remove_records
from ._record_lists import list_records
from ._views import record_view

__all__ = ["copy_notes", "create", "crm_campaign", "delete", "get", "list_", "update"]


def crm_campaign(ctx: Ctx) -> Campaign:
    """The campaign of the path, which must be CRM-fed."""
    campaign = ctx.state.campaign(ctx.params["id"])
    if not campaign.crm:
        raise bad_request("not_crm_campaign", id=campaign.id)
    return campaign


def _record(ctx: Ctx, campaign: Campaign) -> Record:
    raw = ctx.params["customer_id"]
    record_id = campaign.by_customer.get(int(raw)) if raw.isdigit() else None
    if record_id is None:
        raise not_found("record_not_found")
    return campaign.records[record_id]


def list_(ctx: Ctx) -> Reply:
    """GET crm_outbounds/{id}/records."""
    return list_records(ctx, crm_campaign(ctx))


def get(ctx: Ctx) -> Reply:
    """GET crm_outbounds/{id}/records/{customer_id}."""
    campaign = crm_campaign(ctx)
    return 200, record_view(campaign, _record(ctx, campaign), ctx.state.agents)


def create(ctx: Ctx) -> Reply:
    """POST crm_outbounds/{id}/records: ``{"record_id": "231"}`` (a string)."""
    record = add_crm_record(ctx, crm_campaign(ctx), ctx.fields())
    return 201, {"record_id": str(record.record_id)}


def update(ctx: Ctx) -> Reply:
    """PUT crm_outbounds/{id}/records/{customer_id}."""
    campaign = crm_campaign(ctx)
    record = _record(ctx, campaign)
    parse_changes(ctx, campaign, ctx.fields(), record).apply(record)
    return 204, None


def delete(ctx: Ctx) -> Reply:
    """DELETE crm_outbounds/{id}/records/{customer_id}: never while in a call."""
    campaign = crm_campaign(ctx)
    remove_records(campaign, [_record(ctx, campaign)])
    return 204, None


def copy_notes(ctx: Ctx) -> Reply:
    """POST .../copy_notes: the record's note becomes a note of the customer.

    As one added through ``customers/{id}/notes``: in the contact history too,
    and CUSTOMER_NOTE_SAVED with the record's agent as its author.
    """
    campaign = crm_campaign(ctx)
    record = _record(ctx, campaign)
    customer = ctx.state.customers.get(record.customer_id or 0)
    if customer is not None and record.last_note:
        save_note(ctx.state, customer, record.last_note, record.agent_login)
    return 201, None
