"""Handlers: CRM customers, one at a time and in batches (207).

Each customer created here, by ``POST customers`` or as an item of ``POST
batch/customers`` (in input order; failed items emit nothing), emits
CUSTOMER_CREATED (see ``_routes`` for the CRM webhooks).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

from ..server._errors import ApiError, bad_request, not_found
from ..server._routing import Ctx, Reply
from ..shared._validate import Query, as_int, page, query_bool
from ._customer_input import CUSTOMER_FIELDS, apply_customer, parse_customer, remove_customer
from ._events import customer_created
from ._models import Customer
from ._views import customer_view

__all__ = [
    "CUSTOMER_GET_QUERY",
    "CUSTOMER_LIST_QUERY",
    "batch_create",
    "batch_delete",
    "batch_update",
    "create",
    "crm_filters",
    "delete",
    "get",
    "includes",
    "list_",
    "path_customer",
    "sort_by_order",
    "update",
]

_INCLUDES = (
    "include_custom_fields",
    "include_address",
    "include_invoice_address",
    "include_mail_drop_address",
)
CUSTOMER_GET_QUERY = frozenset(_INCLUDES)
_TEXT_FILTERS = ("identifier", "nip", "type", "group")
CUSTOMER_LIST_QUERY = CUSTOMER_GET_QUERY | {
    *_TEXT_FILTERS,
    "email",
    "phone_number",
    "company_id",
    "company_flag",
    "limit",
    "offset",
    "order",
}
_SORTABLE = ("surname", "name", "nip", "company_id", "customer_id", "identifier")
_CUSTOM_FILTER = re.compile(r"custom_fields\[([^\]]+)\](?:\[\d*\])?\Z")
MAX_LIMIT = 1000
_T = TypeVar("_T")


def includes(ctx: Ctx) -> frozenset[str]:
    """The ``include_*`` flags that are true (customers and companies)."""
    return frozenset(name for name in _INCLUDES if query_bool(ctx.query, name))


def path_customer(ctx: Ctx) -> Customer:
    """The customer named by the path's ``{id}``, or a 404."""
    raw = ctx.params["id"]
    if not raw.isdigit():
        raise not_found("customer_not_found")
    return ctx.state.customer(int(raw))


def _custom_filters(ctx: Ctx) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {}
    for key, value in ctx.query.pairs:
        if key.startswith("custom_fields["):
            match = _CUSTOM_FILTER.match(key)
            if match is None:
                raise bad_request("invalid_value", name=key, expected="custom_fields[Name][]")
            wanted.setdefault(match.group(1), set()).add(value)
    return wanted


def crm_filters(ctx: Ctx, *, companies: bool = False) -> list[Callable[[Customer], bool]]:
    """One predicate per filter given; an empty identifier/phone means "has none".

    ``companies`` leaves out the filters ``GET companies`` does not document
    (company_id, company_flag), so a non-strict fake ignores them there.
    """
    query = ctx.query
    tests: list[Callable[[Customer], bool]] = []
    for name in _TEXT_FILTERS:
        value = query.get(name)
        if value is not None:
            tests.append(_attribute_is(name, value))
    email = query.get("email")
    if email is not None:
        tests.append(lambda c: email in c.emails)
    phone = query.get("phone_number")
    if phone is not None:
        tests.append(lambda c: phone in c.phone_numbers if phone else not c.phone_numbers)
    if not companies:
        tests.extend(_company_filters(query))
    tests.extend(_custom_field_in(f, vs) for f, vs in _custom_filters(ctx).items())
    return tests


def _company_filters(query: Query) -> list[Callable[[Customer], bool]]:
    tests: list[Callable[[Customer], bool]] = []
    if query.get("company_id") is not None:
        company = as_int(query.get("company_id"), "company_id")
        tests.append(lambda c: c.company_id == company)
    if query.get("company_flag") is not None:
        flag = query_bool(query, "company_flag")
        tests.append(lambda c: c.company_flag == flag)
    return tests


def _attribute_is(name: str, value: str) -> Callable[[Customer], bool]:
    return lambda customer: bool(getattr(customer, name) == value)


def _custom_field_in(field: str, values: set[str]) -> Callable[[Customer], bool]:
    return lambda customer: str(customer.custom_fields.get(field)) in values


def _sort_key(item: Any, name: str, value: Callable[[Any, str], Any]) -> tuple[bool, Any]:
    found = value(item, name)
    return (found is None, 0 if found is None else found)  # no company sorts last


def sort_by_order(
    ctx: Ctx,
    items: list[_T],
    sortable: tuple[str, ...],
    value: Callable[[Any, str], Any] = getattr,
) -> list[_T]:
    """``items`` sorted in place by ``order=a,-b`` (``value(item, name)`` reads a field).

    A field outside ``sortable`` is a 400; without ``order`` the order is kept.
    """
    order = ctx.query.get("order")
    if not order:
        return items
    keys = order.split(",")
    for key in reversed(keys):  # stable sorts, least significant key first
        name = key.lstrip("-")
        if name not in sortable:
            expected = "comma-separated " + ", ".join(sortable)
            raise bad_request("invalid_value", name="order", expected=expected)
        sort_key = functools.partial(_sort_key, name=name, value=value)
        items.sort(key=sort_key, reverse=key.startswith("-"))
    return items


def list_(ctx: Ctx) -> Reply:
    """GET customers: a plain array (no count), at most 1000 per page."""
    limit, offset = page(ctx.query, MAX_LIMIT)
    include = includes(ctx)
    tests = crm_filters(ctx)
    chosen = [c for c in ctx.state.customers.values() if all(t(c) for t in tests)]
    chosen = sort_by_order(ctx, chosen, _SORTABLE)[offset : offset + limit]
    state = ctx.state
    return 200, [customer_view(state, c, listing=True, include=include) for c in chosen]


def get(ctx: Ctx) -> Reply:
    """GET customers/{id}."""
    customer = path_customer(ctx)
    return 200, customer_view(ctx.state, customer, listing=False, include=includes(ctx))


def _create(ctx: Ctx, data: dict[str, Any]) -> Customer:
    state = ctx.state
    changes = parse_customer(ctx, data, creating=True)
    customer = state.add_customer(surname=changes["surname"])
    apply_customer(state, customer, changes)
    moment = state.moment()
    state.emit(lambda: customer_created(state, customer, moment))
    return customer


def create(ctx: Ctx) -> Reply:
    """POST customers: ``{"customer_id": "324"}`` (a string)."""
    return 201, {"customer_id": str(_create(ctx, ctx.fields()).customer_id)}


def update(ctx: Ctx) -> Reply:
    """PUT customers/{id}."""
    customer = path_customer(ctx)
    apply_customer(ctx.state, customer, parse_customer(ctx, ctx.fields(), creating=False))
    return 204, None


def delete(ctx: Ctx) -> Reply:
    """DELETE customers/{id}: also removes the customer's CRM campaign records."""
    remove_customer(ctx.state, path_customer(ctx))
    return 204, None


def _failure(ctx: Ctx, exc: ApiError) -> dict[str, Any]:
    return {"http_status": exc.status, "message": ctx.message(exc.key, **exc.params)}


def batch_create(ctx: Ctx) -> Reply:
    """POST batch/customers: keyed by zero-based input index."""
    items = ctx.batch_items("customers", CUSTOMER_FIELDS)
    return 207, {str(index): _create_one(ctx, item) for index, item in enumerate(items)}


def _create_one(ctx: Ctx, item: dict[str, Any]) -> dict[str, Any]:
    try:
        customer = _create(ctx, item)
    except ApiError as exc:
        return _failure(ctx, exc)
    return {"http_status": 201, "customer_id": str(customer.customer_id)}


def batch_update(ctx: Ctx) -> Reply:
    """PUT batch/customers: keyed by customer id; 204, 400 or 404 per item."""
    items = ctx.batch_items("customers", CUSTOMER_FIELDS | {"customer_id"})
    return 207, {str(item.get("customer_id", "")): _update_one(ctx, item) for item in items}


def _update_one(ctx: Ctx, item: dict[str, Any]) -> dict[str, Any]:
    raw = item.get("customer_id", "")
    try:
        if raw == "":
            raise bad_request("required", name="customer_id")
        customer = ctx.state.customers.get(as_int(raw, "customer_id"))
        if customer is None:
            raise not_found("customer_not_found")
        apply_customer(ctx.state, customer, parse_customer(ctx, item, creating=False))
    except ApiError as exc:
        return _failure(ctx, exc)
    return {"http_status": 204}


def batch_delete(ctx: Ctx) -> Reply:
    """DELETE batch/customers?customer_id[]=: keyed by customer id; 204 or 404."""
    raw_ids = list(dict.fromkeys(ctx.query.getlist("customer_id[]")))
    if not raw_ids:
        raise bad_request("required", name="customer_id[]")
    result: dict[str, Any] = {}
    for raw in raw_ids:
        customer = ctx.state.customers.get(int(raw)) if raw.isdigit() else None
        if customer is None:
            message = ctx.message("customer_not_found")
            result[raw] = {"http_status": 404, "message": message}
        else:
            remove_customer(ctx.state, customer)
            result[raw] = {"http_status": 204}
    return 207, result
