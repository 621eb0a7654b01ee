"""Handlers: customer custom-field groups and their item rows.

Groups are defined in the panel (``FakeThulium.add_customer_field_group``); each
of their fields is also a custom field of the account, named as in the group,
so customers show it in ``custom_fields`` and can be searched by it. A row added
through ``POST customer_field_group_items`` copies its values into the
customer's custom fields of those names (the newest row wins; ``""`` clears, as
in customer bodies).

Choices where the documentation is silent:
- ``GET customer_field_groups`` (no page, inferred) answers ``{"count",
  "result"}`` with every group, unpaginated, in creation order.
- ``GET customer_field_group_items`` rows have the documented shape (group id,
  group name, fields): the fields listed are those the row fills. Rows come in
  creation order; an unknown ``group_id`` or ``customer_id`` filter matches
  nothing.
- In ``POST customer_field_group_items`` a group or customer that does not
  exist is a 400 (ids referenced from a body, like ``customer_id`` of CRM
  records), as is a field of another group or a field given twice; a value is
  a string or a number.
- ``PUT`` and ``DELETE customer_field_group_items/{id}`` are not documented
  (seen in a CRM sync bridge's traffic). PUT takes ``values`` as POST does:
  the fields named take the new values (copied into the customer's custom
  fields, as on POST), the others keep theirs; 204. DELETE removes the row
  and leaves the customer's custom fields as they are (they are the
  customer's own values, which the row only filled); 204. An unknown item
  is a 404.
"""

from __future__ import annotations

from typing import Any

from ..server._errors import bad_request, not_found
from ..server._routing import Ctx, Reply
from ..shared._validate import as_int, page
from ._store import FieldGroup, GroupItem
from ._views import group_view, item_row

__all__ = [
    "ITEM_FIELDS",
    "ITEM_LIST_QUERY",
    "ITEM_UPDATE_FIELDS",
    "create_item",
    "delete_item",
    "list_groups",
    "list_items",
    "update_item",
]

ITEM_FIELDS = frozenset({"group_id", "customer_id", "values"})
ITEM_UPDATE_FIELDS = frozenset({"values"})
ITEM_LIST_QUERY = frozenset({"group_id", "customer_id", "limit", "offset"})
_VALUE_FIELDS = frozenset({"field_id", "value"})
MAX_LIMIT = 1000


def list_groups(ctx: Ctx) -> Reply:
    """GET customer_field_groups."""
    groups = [group_view(group) for group in ctx.state.crm.groups.values()]
    return 200, {"count": len(groups), "result": groups}


def _optional_id(ctx: Ctx, name: str) -> int | None:
    raw = ctx.query.get(name)
    return None if raw is None else as_int(raw, name)


def list_items(ctx: Ctx) -> Reply:
    """GET customer_field_group_items: ``{"count", "result"}``, at most 1000 per page."""
    limit, offset = page(ctx.query, MAX_LIMIT)
    group_id = _optional_id(ctx, "group_id")
    customer_id = _optional_id(ctx, "customer_id")
    crm = ctx.state.crm
    rows = [
        item
        for item in crm.items.values()
        if (group_id is None or item.group_id == group_id)
        and (customer_id is None or item.customer_id == customer_id)
    ]
    result = [item_row(crm.groups[item.group_id], item) for item in rows[offset : offset + limit]]
    return 200, {"count": len(rows), "result": result}


def _required(data: dict[str, Any], name: str, shown: str = "") -> Any:
    if name not in data or data[name] in ("", None):
        raise bad_request("required", name=shown or name)
    return data[name]


def create_item(ctx: Ctx) -> Reply:
    """POST customer_field_group_items: ``{"item_id": 38}`` (an int)."""
    state = ctx.state
    data = ctx.fields()
    group = state.crm.groups.get(as_int(_required(data, "group_id"), "group_id"))
    if group is None:
        raise bad_request("field_group_not_found")
    customer = state.customers.get(as_int(_required(data, "customer_id"), "customer_id"))
    if customer is None:
        raise bad_request("customer_not_found")
    values = _values(ctx, group, data.get("values"))
    item = state.crm.add_item(group, customer, values, state.now())
    return 201, {"item_id": item.item_id}


def _values(ctx: Ctx, group: FieldGroup, entries: Any) -> list[tuple[int, Any]]:
    """``values`` of a POST or PUT body: (field_id, value) pairs of fields of ``group``."""
    if not isinstance(entries, list) or not entries:
        raise bad_request("empty_list", name="values")
    values: list[tuple[int, Any]] = []
    for index, entry in enumerate(entries):
        where = f"values[{index}]"
        if not isinstance(entry, dict):
            raise bad_request("invalid_value", name=where, expected="an object")
        ctx.check_fields(entry, _VALUE_FIELDS)
        field_id = as_int(_required(entry, "field_id", f"{where}.field_id"), f"{where}.field_id")
        if field_id not in group.fields:
            raise bad_request("field_not_in_group", field_id=field_id, group_id=group.group_id)
        if any(field_id == seen for seen, _ in values):
            raise bad_request("invalid_value", name=f"{where}.field_id", expected="each field once")
        if "value" not in entry:
            raise bad_request("required", name=f"{where}.value")
        value = entry["value"]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise bad_request("invalid_value", name=f"{where}.value", expected="a string or number")
        values.append((field_id, value))
    return values


def _item(ctx: Ctx) -> GroupItem:
    raw_id = ctx.params["id"]
    item = ctx.state.crm.items.get(int(raw_id)) if raw_id.isdigit() else None
    if item is None:
        raise not_found("field_group_item_not_found")
    return item


def update_item(ctx: Ctx) -> Reply:
    """PUT customer_field_group_items/{id}: the named fields take new values; 204."""
    state = ctx.state
    item = _item(ctx)
    group = state.crm.groups[item.group_id]
    changes = dict(_values(ctx, group, ctx.fields().get("values")))
    kept = [(field_id, value) for field_id, value in item.values if field_id not in changes]
    item.values = kept + list(changes.items())
    customer = state.customers.get(item.customer_id)
    if customer is not None:
        for field_id, value in changes.items():
            customer.custom_fields[group.fields[field_id]] = None if value == "" else value
        customer.updated_at = state.now()
    return 204, None


def delete_item(ctx: Ctx) -> Reply:
    """DELETE customer_field_group_items/{id}: the row goes, the customer's fields stay; 204."""
    del ctx.state.crm.items[_item(ctx).item_id]
    return 204, None
