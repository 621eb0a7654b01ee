"""The rules every record write follows, single or batch, regular or CRM.

- a status is chosen by ``status_id`` (campaign status) or ``dictionary_status_id``;
  fresh records get the campaign's TO_CALL status;
- ``agent_login`` must name an existing agent (``""`` clears it);
- ``next_call_date`` is ``YYYY-MM-DD hh:mm`` (``""`` clears it);
- MY_RECORD needs an agent and a next call date, CALL_NO_SOONER_THAN a next call
  date; the check is on the record as it would be after the change;
- ``record_fields`` only in regular campaigns and only for the campaign's fields;
- a phone number is in a regular campaign at most once, a customer in a CRM one;
- a record in a call is never deleted (nor, then, its duplicates).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ..server._errors import ApiError, bad_request
from ..server._routing import Ctx
from ..shared._validate import as_int, as_str, check_datetime, check_phone
from ._models import Campaign, Record, Status

__all__ = [
    "CRM_CREATE",
    "CRM_UPDATE",
    "REGULAR_CREATE",
    "REGULAR_UPDATE",
    "AlreadyExists",
    "Changes",
    "add_crm_record",
    "add_regular_record",
    "parse_changes",
    "remove_records",
]

_COMMON = frozenset({"status_id", "dictionary_status_id", "agent_login", "next_call_date"})
REGULAR_CREATE = _COMMON | {"phone_number", "identifier", "record_fields", "order"}
REGULAR_UPDATE = _COMMON | {"record_fields"}
# record_fields is "known" to CRM endpoints only to answer the documented 400.
CRM_CREATE = _COMMON | {"customer_id", "order", "record_fields"}
CRM_UPDATE = _COMMON | {"order", "record_fields"}


class AlreadyExists(ApiError):
    """The number (or customer) is already in the campaign as ``record_id``."""

    def __init__(self, key: str, record_id: int) -> None:
        super().__init__(400, key)
        self.record_id = record_id


@attrs.define
class Changes:
    """Validated changes to a record; None means "not sent"."""

    status: Status | None = None
    agent_login: str | None = None
    next_call_date: str | None = None
    order: int | None = None
    record_fields: dict[str, str] | None = None
    # Told about an edit of an existing record (webhooks); None for new records.
    on_applied: Callable[[Record, Status], None] | None = None

    def apply(self, record: Record) -> None:
        """Write the changes into the record (and drop its cached JSON)."""
        previous = record.status
        if self.status is not None:
            record.status = self.status
        if self.agent_login is not None:
            record.agent_login = self.agent_login
        if self.next_call_date is not None:
            record.next_call_date = self.next_call_date
        if self.order is not None:
            record.order = self.order
        if self.record_fields is not None:
            record.record_fields.update(self.record_fields)
        record.cached = None
        if self.on_applied is not None:
            self.on_applied(record, previous)


def _record_fields(campaign: Campaign, value: Any) -> dict[str, str]:
    if campaign.crm:
        raise bad_request("record_fields_crm")
    if not isinstance(value, dict):
        raise bad_request("invalid_value", name="record_fields", expected="an object")
    unknown = sorted(set(value) - set(campaign.fields))
    if unknown:
        raise bad_request("unknown_record_fields", names=", ".join(unknown))
    fields: dict[str, str] = {}
    for name, raw in value.items():
        if raw is None:
            raw = ""
        elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raw = str(raw)
        fields[name] = as_str(raw, f"record_fields.{name}")
    return fields


def _status(campaign: Campaign, data: Mapping[str, Any]) -> Status | None:
    if "status_id" in data:
        status = campaign.status(as_int(data["status_id"], "status_id"))
    elif "dictionary_status_id" in data:
        dictionary_id = as_int(data["dictionary_status_id"], "dictionary_status_id")
        status = campaign.status_by_dictionary(dictionary_id)
    else:
        return None
    if status is None:
        raise bad_request("status_not_found")
    return status


def parse_changes(
    ctx: Ctx, campaign: Campaign, data: Mapping[str, Any], current: Record | None
) -> Changes:
    """Validate a record body against the campaign and the record's current values."""
    if "record_fields" in data and campaign.crm:
        raise bad_request("record_fields_crm")
    changes = Changes(status=_status(campaign, data))
    if "agent_login" in data:
        login = as_str(data["agent_login"], "agent_login")
        if login and login not in ctx.state.agents:
            raise bad_request("agent_not_found")
        changes.agent_login = login
    if "next_call_date" in data:
        date = as_str(data["next_call_date"], "next_call_date")
        changes.next_call_date = check_datetime(date, "next_call_date") if date else ""
    if "order" in data:
        changes.order = as_int(data["order"], "order")
    if "record_fields" in data:
        changes.record_fields = _record_fields(campaign, data["record_fields"])
    _check_status_needs(campaign, changes, current)
    if current is not None:
        changes.on_applied = functools.partial(ctx.state.record_saved, campaign)
    return changes


def _check_status_needs(campaign: Campaign, changes: Changes, current: Record | None) -> None:
    status = changes.status or (current.status if current else campaign.default_status())
    system = status.system_status
    if system not in ("MY_RECORD", "CALL_NO_SOONER_THAN"):
        return
    agent = changes.agent_login
    if agent is None:
        agent = current.agent_login if current else ""
    date = changes.next_call_date
    if date is None:
        date = current.next_call_date if current else ""
    if system == "MY_RECORD" and not agent:
        raise bad_request("agent_login_required")
    if not date:
        raise bad_request("next_call_date_required", system_status=system)


def _new_record(ctx: Ctx, campaign: Campaign, phone: str, changes: Changes) -> Record:
    state = ctx.state
    record = Record(
        state.new_record_id(),
        phone,
        changes.status or campaign.default_status(),
        state.now(),
    )
    changes.apply(record)
    return record


def add_regular_record(ctx: Ctx, campaign: Campaign, data: Mapping[str, Any]) -> Record:
    """Create a record in a regular campaign, or raise (AlreadyExists for duplicates)."""
    if "phone_number" not in data:
        raise bad_request("required", name="phone_number")
    phone = check_phone(data["phone_number"])
    existing = campaign.by_phone.get(phone)
    if existing:
        raise AlreadyExists("duplicate_phone", existing[0])
    identifier = as_str(data.get("identifier", ""), "identifier")
    if identifier and identifier in campaign.by_identifier:
        raise bad_request("duplicate_identifier")
    changes = parse_changes(ctx, campaign, data, None)
    record = _new_record(ctx, campaign, phone, changes)
    record.identifier = identifier
    campaign.insert(record)
    return record


def add_crm_record(ctx: Ctx, campaign: Campaign, data: Mapping[str, Any]) -> Record:
    """Add a customer to a CRM campaign, or raise (AlreadyExists when already there)."""
    if "customer_id" not in data:
        raise bad_request("required", name="customer_id")
    customer_id = as_int(data["customer_id"], "customer_id")
    customer = ctx.state.customers.get(customer_id)
    if customer is None:
        raise bad_request("customer_not_found")
    existing = campaign.by_customer.get(customer_id)
    if existing is not None:
        raise AlreadyExists("duplicate_customer", existing)
    changes = parse_changes(ctx, campaign, data, None)
    phone = customer.phone_numbers[0] if customer.phone_numbers else ""
    record = _new_record(ctx, campaign, phone, changes)
    record.customer_id = customer_id
    campaign.insert(record)
    return record


def remove_records(campaign: Campaign, records: list[Record]) -> None:
    """Delete records of one request (a number's duplicates, or one record), or none."""
    # All or nothing: a record in a call is never deleted, so neither are its duplicates.
    if any(r.in_call for r in records):
        raise bad_request("call_in_progress")
    for record in records:
        campaign.remove(record)
