"""Routes: companies, customer notes and feed records, field groups, ids by campaign status.

The handlers live in ``_h_crm_companies``, ``_h_crm_customers`` and
``_h_crm_field_groups``; each module's docstring lists the choices it makes
where the documentation is silent.

Webhooks of the CRM (built in ``_crm_events``). Thulium documents when they
are sent, not whether API calls count; the fake emits them for API calls too,
as it does OUTBOUND_RECORD_SAVED, so receivers can be tested end to end:

- CUSTOMER_CREATED: ``POST customers``, each created item of ``POST
  batch/customers`` (in input order) and ``POST companies`` (for the company's
  own record, ``company_id`` its company). ``FakeThulium.add_customer`` and
  ``add_company`` emit nothing: they stand for data imported or present before
  the test, like the other ``add_*`` helpers that seed an account.
- CUSTOMER_NOTE_SAVED: ``POST customers/{id}/notes``.
- CUSTOMER_FILE_ATTACHED: nothing; the fake keeps no customer files (the API
  has no endpoint for them), so no simulated action attaches one. Send it with
  ``FakeThulium.emit_webhook``.

Updates, deletions, feed records and field group items emit nothing: Thulium
has no event for them.
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
