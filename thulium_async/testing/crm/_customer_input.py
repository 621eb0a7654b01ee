"""Validation and storage of customer bodies (``POST/PUT customers`` and their batch).

``custom_fields`` follow the CRM rule: an unknown field name is created for the
account, an empty value clears the field. Addresses are merged key by key.
``company_id`` must name an existing company (400 otherwise, like other ids
referenced from a body); ``""`` detaches the customer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..server._errors import bad_request
from ..server._routing import Ctx
from ..server._state import State
from ..shared._validate import as_bool, as_int, as_str, check_phone
from ._models import Customer

__all__ = ["CUSTOMER_FIELDS", "apply_customer", "parse_customer", "remove_customer"]

_TEXT = (
    "name",
    "surname",
    "type",
    "group",
    "identifier",
    "gender",
    "homepage",
    "birthdate",
    "nip",
    "note",
    "pesel",
    "job",
    "job_title",
    "account_manager",
)
_ADDRESSES = ("address", "invoice_address", "mail_drop_address")
_ADDRESS_KEYS = frozenset({"street", "building", "flat", "postcode", "city", "country"})
CUSTOMER_FIELDS = frozenset(
    {*_TEXT, *_ADDRESSES, "email", "phone_number", "company_id", "vip"}
    | {"custom_fields", "fill_read_only_custom_fields"}
)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\Z")


def _one_or_many(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _address(ctx: Ctx, name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad_request("invalid_value", name=name, expected="an object")
    unknown = sorted(set(value) - _ADDRESS_KEYS)
    if unknown and ctx.strict:
        raise bad_request("unknown_fields", names=", ".join(f"{name}.{k}" for k in unknown))
    return {k: v for k, v in value.items() if k in _ADDRESS_KEYS}


def _emails(value: Any) -> list[str]:
    emails = [as_str(e, "email") for e in _one_or_many(value)]
    for email in emails:
        if not _EMAIL.match(email):
            raise bad_request("invalid_value", name="email", expected="an e-mail address")
    return emails


def _custom_fields(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad_request("invalid_value", name="custom_fields", expected="an object")
    fields: dict[str, Any] = {}
    for name, raw in value.items():
        if raw is not None and not isinstance(raw, (str, int, float)):
            raise bad_request("invalid_value", name=f"custom_fields.{name}", expected="a value")
        fields[name] = None if raw in ("", None) else raw
    return fields


def parse_customer(ctx: Ctx, data: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    """Validated customer attributes from a body (``surname`` required when creating)."""
    changes: dict[str, Any] = {}
    for name in _TEXT:
        if name in data:
            changes[name] = as_str(data[name], name)
    if (creating or "surname" in changes) and not changes.get("surname"):
        raise bad_request("required", name="surname")
    if "phone_number" in data:
        changes["phone_numbers"] = [check_phone(p) for p in _one_or_many(data["phone_number"])]
    if "email" in data:
        changes["emails"] = _emails(data["email"])
    if "company_id" in data:
        raw = data["company_id"]
        company_id = None if raw in ("", None) else as_int(raw, "company_id")
        if company_id is not None and company_id not in ctx.state.crm.companies:
            raise bad_request("company_not_found")
        changes["company_id"] = company_id
    if "vip" in data:
        changes["vip"] = as_bool(data["vip"], "vip")
    if "fill_read_only_custom_fields" in data:
        as_bool(data["fill_read_only_custom_fields"], "fill_read_only_custom_fields")
    for name in _ADDRESSES:
        if name in data:
            changes[name] = _address(ctx, name, data[name])
    if "custom_fields" in data:
        changes["custom_fields"] = _custom_fields(data["custom_fields"])
    return changes


def apply_customer(state: State, customer: Customer, changes: dict[str, Any]) -> None:
    """Store validated changes; CRM records follow the customer's main number.

    A company's own record keeps its company_id and a NIP no other company has.
    """
    state.crm.check_record_change(customer, changes, state.customers)
    changes = dict(changes)
    for name, value in changes.pop("custom_fields", {}).items():
        state.custom_fields.setdefault(name, None)
        customer.custom_fields[name] = value
    for name in _ADDRESSES:
        if name in changes:
            setattr(customer, name, {**(getattr(customer, name) or {}), **changes.pop(name)})
    for name, value in changes.items():
        setattr(customer, name, value)
    customer.updated_at = state.now()
    if "phone_numbers" in changes:
        phone = customer.phone_numbers[0] if customer.phone_numbers else ""
        for campaign in state.campaigns.values():
            record_id = campaign.by_customer.get(customer.customer_id)
            if record_id is not None:
                campaign.rephone(campaign.records[record_id], phone)


def remove_customer(state: State, customer: Customer) -> None:
    """Delete a customer and its dependants (CRM campaign records, contact history,
    field group items; a company's record takes the company along)."""
    del state.customers[customer.customer_id]
    state.crm.customer_removed(customer.customer_id, state.customers)
    for campaign in state.campaigns.values():
        record_id = campaign.by_customer.get(customer.customer_id)
        if record_id is not None:
            campaign.remove(campaign.records[record_id])
