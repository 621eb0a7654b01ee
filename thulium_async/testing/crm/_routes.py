"""Routes of the CRM area: customers, companies, notes and feed records, field groups.

The handlers live in ``_handlers_customers``, ``_handlers_companies``,
``_handlers_notes`` (also customer ids by campaign status) and
``_handlers_field_groups``; each module's docstring lists the choices it makes
where the documentation is silent.

Webhooks of the CRM (built in ``_events``). Thulium documents when they
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

from ..server._routing import Route
from . import _handlers_companies as companies
from . import _handlers_customers as customers
from . import _handlers_field_groups as field_groups
from . import _handlers_notes as notes
from ._customer_input import CUSTOMER_FIELDS

__all__ = ["ROUTES"]

_BATCH = frozenset({"customers"})

ROUTES: tuple[Route, ...] = (
    Route(
        "GET",
        "customers",
        customers.list_,
        query=customers.CUSTOMER_LIST_QUERY,
        query_prefixes=("custom_fields[",),
    ),
    Route("POST", "customers", customers.create, body=CUSTOMER_FIELDS),
    Route("GET", "customers/{id}", customers.get, query=customers.CUSTOMER_GET_QUERY),
    Route("PUT", "customers/{id}", customers.update, body=CUSTOMER_FIELDS),
    Route("DELETE", "customers/{id}", customers.delete),
    Route("POST", "batch/customers", customers.batch_create, body=_BATCH),
    Route("PUT", "batch/customers", customers.batch_update, body=_BATCH),
    Route(
        "DELETE",
        "batch/customers",
        customers.batch_delete,
        query=frozenset({"customer_id[]"}),
    ),
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
    Route("POST", "customers/{id}/notes", notes.add_note, body=notes.NOTE_FIELDS),
    Route(
        "POST",
        "customers/{id}/feed_records",
        notes.add_feed_record,
        body=notes.FEED_FIELDS,
    ),
    Route(
        "GET",
        "customer_id_by_outbound_status",
        notes.ids_by_status,
        query=notes.BY_STATUS_QUERY,
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
    Route(
        "PUT",
        "customer_field_group_items/{id}",
        field_groups.update_item,
        body=field_groups.ITEM_UPDATE_FIELDS,
    ),
    Route("DELETE", "customer_field_group_items/{id}", field_groups.delete_item),
)
