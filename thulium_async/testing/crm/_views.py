"""How the CRM area looks on the wire: customers, companies, field groups, item rows.

Key order and id types follow the catalogue's examples, quirks included:
``company_flag`` is ``""`` when false on ``GET customers/{id}`` but a boolean in
the list; the
``GET companies/{id}`` example shows fewer keys than the list (no identifier,
numbers or e-mails), and an item row of ``GET customer_field_group_items`` has
the shape the documentation shows (group id, group name, fields), listing the
fields the row fills. What an item holds is visible through the customer's
``custom_fields`` and ``FakeThulium.customer_field_group_items()``.
"""

from __future__ import annotations

from typing import Any

from ..server._state import State
from ._models import Customer
from ._store import Company, FeedEntry, FieldGroup, GroupItem

__all__ = [
    "company_view",
    "customer_view",
    "entry_view",
    "group_view",
    "item_row",
    "item_view",
]

_LIST_KEYS = (
    "identifier",
    "phone_number",
    "phone_numbers",
    "email",
    "emails",
    "type",
    "group",
    "nip",
    "account_manager",
)
_GET_KEYS = ("type", "group", "nip", "account_manager")
_INCLUDED = ("address", "invoice_address", "mail_drop_address", "custom_fields")


def company_view(
    state: State,
    company: Company,
    customer: Customer,
    *,
    listing: bool,
    include: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """A company as ``GET companies`` (``listing``) or ``GET companies/{id}`` shows it."""
    # The company's record in the list shape carries every key either view needs.
    record = customer_view(state, customer, listing=True, include=include)
    view: dict[str, Any] = {
        "name": customer.surname,
        "company_id": company.company_id,
        "customer_id": customer.customer_id,
    }
    for key in _LIST_KEYS if listing else _GET_KEYS:
        view[key] = record[key]
    for key in _INCLUDED:
        if key in record:
            view[key] = record[key]
    return view


def group_view(group: FieldGroup) -> dict[str, Any]:
    """An entry of ``GET customer_field_groups``."""
    return {
        "group_id": group.group_id,
        "name": group.name,
        "fields": [{"field_id": fid, "name": name} for fid, name in group.fields.items()],
    }


def item_row(group: FieldGroup, item: GroupItem) -> dict[str, Any]:
    """An entry of ``GET customer_field_group_items``: the group and the fields the row fills."""
    filled = {field_id for field_id, _ in item.values}
    return {
        "group_id": group.group_id,
        "name": group.name,
        "fields": [
            {"field_id": fid, "name": name} for fid, name in group.fields.items() if fid in filled
        ],
    }


def item_view(item: GroupItem) -> dict[str, Any]:
    """Everything an item row holds (for inspection from tests)."""
    return {
        "item_id": item.item_id,
        "group_id": item.group_id,
        "customer_id": item.customer_id,
        "values": [{"field_id": fid, "value": value} for fid, value in item.values],
        "created_at": item.created_at,
    }


def entry_view(entry: FeedEntry) -> dict[str, Any]:
    """A contact-history entry (for inspection from tests)."""
    return {
        "entry_id": entry.entry_id,
        "type": entry.type,
        "payload": entry.payload,
        "user_login": entry.user_login,
        "created_at": entry.created_at,
    }


ADDRESS_KEYS = (
    "street",
    "building",
    "flat",
    "postcode",
    "city",
    "post_office",
    "borough",
    "county",
    "voivodship",
    "country",
)


def _address(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {key: value.get(key) for key in ADDRESS_KEYS}


def customer_view(
    state: State, customer: Customer, *, listing: bool, include: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A customer as ``GET customers`` (``listing``) or ``GET customers/{id}`` shows it.

    ``include`` holds the ``include_*`` flags that were true.
    """
    view: dict[str, Any] = {
        "customer_id": customer.customer_id,
        "name": customer.name,
        "surname": customer.surname,
        "phone_number": customer.phone_numbers[0] if customer.phone_numbers else "",
        "phone_numbers": list(customer.phone_numbers),
        "email": customer.emails[0] if customer.emails else "",
    }
    if listing:
        view["emails"] = list(customer.emails)
    view["company_id"] = "" if customer.company_id is None else customer.company_id
    view["identifier"] = customer.identifier
    view["type"] = customer.type
    view["group"] = customer.group
    if listing:
        view["company_flag"] = customer.company_flag
        view["birthdate"] = customer.birthdate
        view["gender"] = customer.gender
        view["homepage"] = customer.homepage
        view["nip"] = customer.nip
    else:
        view["company_flag"] = customer.company_flag or ""
    view["account_manager"] = customer.account_manager
    view["updated_at"] = customer.updated_at
    for flag, attr in (
        ("include_address", "address"),
        ("include_invoice_address", "invoice_address"),
        ("include_mail_drop_address", "mail_drop_address"),
    ):
        if flag in include:
            view[attr] = _address(getattr(customer, attr))
    if "include_custom_fields" in include:
        values = customer.custom_fields
        view["custom_fields"] = {name: values.get(name) for name in state.custom_fields}
    return view
