"""Handlers: ``POST agents/{login}/call`` and ``call_preview``, calls placed for a FREE agent.

Choices where the documentation is silent: the agent must be FREE and have a
SIP account (else 400). ``call`` reports under the campaign ``outbound_id``
names (400 if unknown, inactive or not the agent's), else under the first
active campaign the agent is assigned to (400 when there is none, as the doc
says the agent must be assigned to one); ``customer_id`` alone dials the
customer's main number, with ``phone_number`` the number must be one of the
customer's (400 otherwise); without ``customer_id`` the call is tied to the
first customer having the number. The presented number is ``caller_id``, else
the campaign's ``caller_id`` parameter, else the agent's extension.
``custom_data`` is kept with the call (``FakeThulium.agent_call``).
``call_preview`` dials the first TO_CALL record (insertion order, not in a
call) of the agent's active preview campaigns, sets its ``call_date`` and
moves it to the campaign's IN_PROGRESS status, so the next preview call dials
the next record; 400 when the agent has no preview campaign or nothing is left.
It emits PREVIEW_RECORD (the record's card shown to the agent) before the
call's OUTBOUND_CONNECTING; moving the record to IN_PROGRESS is the dialler's
doing, not an agent saving it, so no OUTBOUND_RECORD_SAVED.
"""

from __future__ import annotations

from ..calls._events import preview_shown
from ..campaigns._models import Campaign, Record
from ..server._clock import minute_stamp
from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ..server._state import State
from ..shared._validate import as_int, as_str, check_phone
from ._calls import place
from ._checks import DONE, number_field, path_agent, require_phone, status_in
from ._models import Agent

__all__ = ["call", "call_preview"]

CALL_BODY = frozenset({"phone_number", "outbound_id", "customer_id", "caller_id", "custom_data"})
_FREE = frozenset({"FREE"})


def _campaign_for(state: State, agent: Agent, outbound_id: str | None) -> Campaign:
    if outbound_id is None:
        for campaign in state.campaigns.values():
            if campaign.active and agent.login in campaign.agents:
                return campaign
        raise bad_request("no_campaign")
    found = state.campaigns.get(outbound_id)
    if found is None:
        raise bad_request("campaign_not_found")
    if agent.login not in found.agents:
        raise bad_request("not_in_campaign", id=outbound_id)
    if not found.active:
        raise bad_request("campaign_inactive", id=outbound_id)
    return found


def _number_to_call(ctx: Ctx) -> tuple[str, int | None]:
    """(number, customer id) from ``phone_number`` and/or ``customer_id``."""
    fields = ctx.fields()
    phone = fields.get("phone_number")
    if phone is not None:
        check_phone(phone)
    if fields.get("customer_id") is None:
        if phone is None:
            raise bad_request("required", name="phone_number")
        return phone, None
    customer_id = as_int(fields["customer_id"], "customer_id", minimum=1)
    customer = ctx.state.customers.get(customer_id)
    if customer is None:
        raise bad_request("customer_not_found")
    if phone is None:
        if not customer.phone_numbers:
            raise bad_request("customer_without_phone", customer_id=customer_id)
        return customer.phone_numbers[0], customer_id
    if phone not in customer.phone_numbers:
        raise bad_request("not_customer_number", phone_number=phone, customer_id=customer_id)
    return phone, customer_id


def call(ctx: Ctx) -> Reply:
    """POST agents/{login}/call: FREE -> OUTBOUND_CALL, filed under a campaign."""
    agent = path_agent(ctx)
    state = ctx.state
    phone, customer_id = _number_to_call(ctx)
    fields = ctx.fields()
    outbound_id = fields.get("outbound_id")
    if outbound_id is not None and len(as_str(outbound_id, "outbound_id")) != 5:
        raise bad_request("invalid_value", name="outbound_id", expected="a five-character id")
    caller_id = number_field(fields, "caller_id")
    custom_data = fields.get("custom_data")
    if custom_data is not None and not isinstance(custom_data, (str, dict)):
        expected = "a string or a JSON object"
        raise bad_request("invalid_value", name="custom_data", expected=expected)
    require_phone(agent)
    status_in(state, agent, "call", _FREE)
    campaign = _campaign_for(state, agent, outbound_id)
    place(
        state,
        agent,
        phone,
        status="OUTBOUND_CALL",
        customer_id=customer_id,
        outbound_id=campaign.id,
        caller_id=caller_id or campaign.parameters.get("caller_id"),
        custom_data=custom_data,
    )
    return DONE


def _next_preview(state: State, agent: Agent) -> tuple[Campaign, Record]:
    campaigns = [
        c
        for c in state.campaigns.values()
        if c.dialer == "preview" and c.active and agent.login in c.agents
    ]
    if not campaigns:
        raise bad_request("no_preview_campaign")
    for campaign in campaigns:
        for record in campaign.records.values():
            if record.status.system_status == "TO_CALL" and not record.in_call:
                return campaign, record
    raise bad_request("no_preview_record")


def call_preview(ctx: Ctx) -> Reply:
    """POST agents/{login}/call_preview: FREE -> OUTBOUND_PREVIEW, the next record dialled."""
    agent = path_agent(ctx)
    state = ctx.state
    require_phone(agent)
    status_in(state, agent, "call_preview", _FREE)
    campaign, record = _next_preview(state, agent)
    preview_shown(state, agent.login, campaign, record)
    record.in_call = True
    record.call_date = minute_stamp(state.moment())
    for status in campaign.statuses:
        if status.system_status == "IN_PROGRESS":
            record.status = status
            break
    record.cached = None
    place(
        state,
        agent,
        record.phone_number,
        status="OUTBOUND_PREVIEW",
        customer_id=record.customer_id,
        outbound_id=campaign.id,
        caller_id=campaign.parameters.get("caller_id"),
        record=(campaign.id, record.record_id),
    )
    return DONE
