"""Handlers: CRM companies, each a customer record flagged as a company.

``POST companies`` creates a customer record with ``company_flag: true`` (its
``surname`` is the company name, its ``company_id`` the company's own id) and the
company id that points at it, so the documented pair ``company_id`` /
``customer_id`` comes back and every customer endpoint (notes, CRM campaigns,
custom fields) works on a company too. Bodies are checked by the customers' own
code: the same phone, e-mail, address and custom-field rules.

Choices where the documentation is silent:
- NIP uniqueness ("must be unique when given") is among companies, whichever
  endpoint writes it (``PUT customers/{id}`` of a company's record included);
  people may share a NIP with a company. The NIP's format is not checked, as
  for customers (foreign tax ids exist).
- ``email`` is one address for a company (the docs type it as a string).
- Deleting a company deletes its record and what hangs on it (CRM campaign
  records, contact history, field group items); the people attached to it
  stay in the CRM with ``company_id`` cleared. Deleting the company's record
  through ``DELETE customers/{id}`` deletes the company the same way.
- A company's own record cannot be moved to another company (400), and a
  customer's ``company_id`` must name an existing company (400).
- ``order`` takes the four documented fields only: the docs' example sorts by
  ``customer_id`` too, which their own list omits (400 here, as in the client).
- ``POST companies`` emits CUSTOMER_CREATED for the company's record, with the
  company's id as ``company_id``: Thulium has no company event, and the record
  is a customer every customer endpoint sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..server._errors import bad_request, not_found
from ..server._routing import Ctx, Reply
from ..shared._validate import as_str, page
from ._customer_input import apply_customer, parse_customer, remove_customer
from ._events import customer_created
from ._handlers_customers import CUSTOMER_GET_QUERY, crm_filters, includes, sort_by_order
from ._models import Customer
from ._store import Company
from ._views import company_view

__all__ = [
    "COMPANY_FIELDS",
    "COMPANY_GET_QUERY",
    "COMPANY_LIST_QUERY",
    "create",
    "delete",
    "get",
    "list_",
    "update",
]

COMPANY_FIELDS = frozenset(
    {
        "name",
        "nip",
        "email",
        "phone_number",
        "type",
        "group",
        "identifier",
        "note",
        "custom_fields",
        "fill_read_only_custom_fields",
        "account_manager",
        "vip",
        "address",
        "invoice_address",
        "mail_drop_address",
    }
)
COMPANY_GET_QUERY = CUSTOMER_GET_QUERY
COMPANY_LIST_QUERY = COMPANY_GET_QUERY | {
    "identifier",
    "email",
    "phone_number",
    "nip",
    "type",
    "group",
    "limit",
    "offset",
    "order",
}
_SORTABLE = ("name", "nip", "company_id", "identifier")
MAX_LIMIT = 1000

_Pair = tuple[Company, Customer]


def _path_company(ctx: Ctx) -> _Pair:
    raw = ctx.params["id"]
    company = ctx.state.crm.companies.get(int(raw)) if raw.isdigit() else None
    if company is None:
        raise not_found("company_not_found")
    return company, ctx.state.customers[company.customer_id]


def _parse(ctx: Ctx, body: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    """Validated changes of the company's record (``name`` goes to its surname).

    A new company's NIP is checked here, before anything is stored; changes of an
    existing company's record are checked by ``apply_customer``.
    """
    data = {key: value for key, value in body.items() if key in COMPANY_FIELDS}
    name = None
    if creating or "name" in data:
        name = as_str(data.get("name", ""), "name")
        if not name.strip():
            raise bad_request("required", name="name")
    if "email" in data:
        as_str(data["email"], "email")
    changes = parse_customer(
        ctx, {key: value for key, value in data.items() if key != "name"}, creating=False
    )
    if name is not None:
        changes["surname"] = name
    nip = changes.get("nip")
    if creating and nip and ctx.state.crm.nip_owner(nip, ctx.state.customers):
        raise bad_request("nip_taken", nip=nip)
    return changes


def _field(pair: _Pair, name: str) -> Any:
    company, customer = pair
    if name == "company_id":
        return company.company_id
    return getattr(customer, "surname" if name == "name" else name)


def list_(ctx: Ctx) -> Reply:
    """GET companies: a plain array (no count), at most 1000 per page, in creation order."""
    limit, offset = page(ctx.query, MAX_LIMIT)
    include = includes(ctx)
    tests = crm_filters(ctx, companies=True)
    state = ctx.state
    pairs = [(c, state.customers[c.customer_id]) for c in state.crm.companies.values()]
    chosen = [pair for pair in pairs if all(test(pair[1]) for test in tests)]
    chosen = sort_by_order(ctx, chosen, _SORTABLE, _field)[offset : offset + limit]
    return 200, [
        company_view(state, company, customer, listing=True, include=include)
        for company, customer in chosen
    ]


def get(ctx: Ctx) -> Reply:
    """GET companies/{id}."""
    company, customer = _path_company(ctx)
    return 200, company_view(ctx.state, company, customer, listing=False, include=includes(ctx))


def create(ctx: Ctx) -> Reply:
    """POST companies: ``{"company_id": "21", "customer_id": "121"}`` (strings)."""
    state = ctx.state
    changes = _parse(ctx, ctx.fields(), creating=True)
    customer = state.add_customer(surname=changes["surname"], company_flag=True)
    company = state.crm.add_company(customer.customer_id)
    customer.company_id = company.company_id
    apply_customer(state, customer, changes)
    moment = state.moment()
    state.emit(lambda: customer_created(state, customer, moment))
    return 201, {"company_id": str(company.company_id), "customer_id": str(customer.customer_id)}


def update(ctx: Ctx) -> Reply:
    """PUT companies/{id}: only the fields sent change."""
    _, customer = _path_company(ctx)
    apply_customer(ctx.state, customer, _parse(ctx, ctx.fields(), creating=False))
    return 204, None


def delete(ctx: Ctx) -> Reply:
    """DELETE companies/{id}: the company and its record go, its people are detached."""
    _, customer = _path_company(ctx)
    remove_customer(ctx.state, customer)
    return 204, None
