"""Handlers: a customer's notes and contact history, customer ids by CRM campaign status.

A note's text joins the customer's notes (where ``copy_notes`` of a CRM campaign
record puts the record's note too), and the note, with its author and time, is
an entry of the customer's contact history, as are feed records.
``FakeThulium.customer_notes()`` and ``customer_feed()`` show them: no endpoint
of the API reads them back.

Choices where the documentation is silent:
- ``user_login`` must name an agent of the account (400 otherwise, as for
  ``agent_login`` in record bodies); a blank ``message`` is refused.
- A note emits CUSTOMER_NOTE_SAVED (``agent_login`` null without a
  ``user_login``); a feed record emits nothing (it is contact history, not a
  note, and Thulium has no event for it).
- A feed record's ``type`` must be one of the documented ones (``ZOWIE``) and
  its ``payload`` a string holding valid JSON.
- ``customer_id_by_outbound_status`` reads its two arrays as sets (status ids
  are unique across the account, so this is also their pairing by campaign):
  the customers whose record in one of the campaigns has one of the statuses,
  ascending and without repeats. An unknown campaign is a 404, a regular one a
  400, and a status that none of the campaigns defines a 400.
"""

from __future__ import annotations

import orjson

from ..campaigns._models import Campaign
from ..server._clock import stamp
from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ..server._state import State
from ..shared._validate import as_int, as_str
from ._events import note_saved
from ._handlers_customers import path_customer
from ._models import Customer

__all__ = [
    "BY_STATUS_QUERY",
    "FEED_FIELDS",
    "FEED_TYPES",
    "NOTE_FIELDS",
    "add_feed_record",
    "add_note",
    "ids_by_status",
    "save_note",
]

NOTE_FIELDS = frozenset({"message", "user_login"})
FEED_FIELDS = frozenset({"type", "payload"})
FEED_TYPES = ("ZOWIE",)
BY_STATUS_QUERY = frozenset({"outbound_id[]", "status_id[]"})


def _required_text(data: dict[str, object], name: str) -> str:
    text = as_str(data.get(name, ""), name)
    if not text.strip():
        raise bad_request("required", name=name)
    return text


def add_note(ctx: Ctx) -> Reply:
    """POST customers/{id}/notes: empty answer."""
    customer = path_customer(ctx)
    data = ctx.fields()
    message = _required_text(data, "message")
    login = as_str(data.get("user_login", ""), "user_login")
    if login and login not in ctx.state.agents:
        raise bad_request("agent_not_found")
    save_note(ctx.state, customer, message, login)
    return 201, None


def save_note(state: State, customer: Customer, message: str, login: str) -> None:
    """Add a note to the customer: its notes, its contact history, CUSTOMER_NOTE_SAVED."""
    moment = state.moment()
    customer.notes.append(message)
    state.crm.add_entry(customer.customer_id, "NOTE", message, login, stamp(moment))
    state.emit(lambda: note_saved(state, customer, message, login, moment))


def add_feed_record(ctx: Ctx) -> Reply:
    """POST customers/{id}/feed_records: empty answer."""
    customer = path_customer(ctx)
    data = ctx.fields()
    kind = _required_text(data, "type")
    if kind not in FEED_TYPES:
        raise bad_request("invalid_value", name="type", expected=" or ".join(FEED_TYPES))
    payload = _required_text(data, "payload")
    try:
        orjson.loads(payload)
    except orjson.JSONDecodeError:
        raise bad_request(
            "invalid_value", name="payload", expected="a JSON-encoded string"
        ) from None
    ctx.state.crm.add_entry(customer.customer_id, kind, payload, "", ctx.state.now_seconds())
    return 201, None


def _crm_campaign(ctx: Ctx, campaign_id: str) -> Campaign:
    campaign = ctx.state.campaign(campaign_id)
    if not campaign.crm:
        raise bad_request("not_crm_campaign", id=campaign.id)
    return campaign


def ids_by_status(ctx: Ctx) -> Reply:
    """GET customer_id_by_outbound_status: ``{"customer_id": [1, 2]}``."""
    query = ctx.query
    raw_campaigns = list(dict.fromkeys(query.getlist("outbound_id[]")))
    if not raw_campaigns:
        raise bad_request("required", name="outbound_id[]")
    raw_statuses = query.getlist("status_id[]")
    if not raw_statuses:
        raise bad_request("required", name="status_id[]")
    campaigns = [_crm_campaign(ctx, raw) for raw in raw_campaigns]
    wanted = {as_int(raw, "status_id[]") for raw in raw_statuses}
    defined = {status.status_id for campaign in campaigns for status in campaign.statuses}
    if not wanted <= defined:
        raise bad_request("status_not_found")
    found = {
        record.customer_id
        for campaign in campaigns
        for record in campaign.records.values()
        if record.status.status_id in wanted and record.customer_id is not None
    }
    return 200, {"customer_id": sorted(found)}
