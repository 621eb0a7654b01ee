"""How the CRM area looks on the wire: companies, field groups and their item rows.

Key order and id types follow the catalogue's examples, quirks included: the
``GET companies/{id}`` example shows fewer keys than the list (no identifier,
numbers or e-mails), and an item row of ``GET customer_field_group_items`` has
the shape the documentation shows (group id, group name, fields), listing the
fields the row fills. What an item holds is visible through the customer's
``custom_fields`` and ``FakeThulium.customer_field_group_items()``.
"""

from __future__ import annotations

from typing import Any

from ..server._state import State
from ..shared._models import Customer
from ..shared._views import customer_view
from ._store import Company, FeedEntry, FieldGroup, GroupItem

__all__ = ["company_view", "entry_view", "group_view", "item_row", "item_view"]

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
