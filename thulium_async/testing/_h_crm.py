"""Routes: companies, customer notes and feed records, field groups, ids by campaign status.

The handlers live in ``_h_crm_companies``, ``_h_crm_customers`` and
``_h_crm_field_groups``; each module's docstring lists the choices it makes
where the documentation is silent.
"""

from __future__ import annotations

from . import _h_crm_companies as companies
from . import _h_crm_customers as customers
from . import _h_crm_field_groups as field_groups
from ._routing import Route

__all__ = ["ROUTES"]

ROUTES: tuple[Route, ...] = (
    Route(
        "GET",
        "companies",
        companies.list_,
        query=companies.COMPANY_LIST_QUERY,
        query_prefixes=("custom_fields[",),
    ),
    Route("POST", "companies", companies.create, body=companies.COMPANY_FIELDS),
    Route("GET", "companies/{id}", companies.get, query=companies.COMPANY_GET_QUERY),
    Route("PUT", "companies/{id}", companies.update, body=companies.COMPANY_FIELDS),
    Route("DELETE", "companies/{id}", companies.delete),
    Route("POST", "customers/{id}/notes", customers.add_note, body=customers.NOTE_FIELDS),
    Route(
        "POST",
        "customers/{id}/feed_records",
        customers.add_feed_record,
        body=customers.FEED_FIELDS,
    ),
    Route(
        "GET",
        "customer_id_by_outbound_status",
        customers.ids_by_status,
        query=customers.BY_STATUS_QUERY,
    ),
    Route("GET", "customer_field_groups", field_groups.list_groups),
    Route(
        "GET",
        "customer_field_group_items",
        field_groups.list_items,
        query=field_groups.ITEM_LIST_QUERY,
    ),
    Route(
        "POST",
        "customer_field_group_items",
        field_groups.create_item,
        body=field_groups.ITEM_FIELDS,
    ),
)
