"""The table of simulated endpoints with the query parameters and body fields each documents.

Anything not in this table is answered with 501 by the app. ``SIMULATED_ENDPOINTS``
is the published coverage list (``"METHOD path"``, paths relative to ``/api/``).
"""

from __future__ import annotations

from . import (
    _h_account,
    _h_agents,
    _h_batch_records,
    _h_calls,
    _h_campaigns,
    _h_chats,
    _h_crm,
    _h_crm_records,
    _h_customers,
    _h_records,
    _h_tickets,
)
from ._customer_input import CUSTOMER_FIELDS
from ._record_input import CRM_CREATE, CRM_UPDATE, REGULAR_CREATE, REGULAR_UPDATE
from ._record_lists import CRM_LIST_QUERY, REGULAR_LIST_QUERY
from ._routing import Route

__all__ = ["ROUTES", "SIMULATED_ENDPOINTS"]

_NONE: frozenset[str] = frozenset()
_ADDITIONAL = frozenset({"search_in_additional_numbers"})
_LOGINS = frozenset({"logins"})
_RECORDS = frozenset({"records"})
_CUSTOMERS = frozenset({"customers"})

ROUTES = (
    # campaigns
    Route("GET", "outbounds", _h_campaigns.list_),
    Route("POST", "outbounds", _h_campaigns.create, body=_h_campaigns.CAMPAIGN_CREATE),
    Route("GET", "outbounds/stats", _h_campaigns.stats_all),
    Route("PUT", "outbounds/{id}", _h_campaigns.update, body=_h_campaigns.CAMPAIGN_UPDATE),
    Route("DELETE", "outbounds/{id}", _h_campaigns.delete, query=frozenset({"delete_recordings"})),
    Route("POST", "outbounds/{id}/clone", _h_campaigns.clone, body=_h_campaigns.CLONE),
    Route("GET", "outbounds/{id}/stats", _h_campaigns.stats),
    Route("GET", "outbounds/{id}/statuses", _h_campaigns.statuses),
    Route("GET", "outbounds/{id}/agents", _h_campaigns.agents),
    Route("POST", "outbounds/{id}/add_agents", _h_campaigns.add_agents, body=_LOGINS),
    Route("POST", "outbounds/{id}/remove_agents", _h_campaigns.remove_agents, body=_LOGINS),
    Route("POST", "outbounds/{id}/set_agents", _h_campaigns.set_agents, body=_LOGINS),
    Route(
        "DELETE",
        "batch/outbounds",
        _h_batch_records.delete_campaigns,
        query=frozenset({"id[]", "delete_recordings"}),
    ),
    # regular campaign records
    Route("GET", "outbounds/{id}/records", _h_records.list_, query=REGULAR_LIST_QUERY),
    Route("POST", "outbounds/{id}/records", _h_records.create, body=REGULAR_CREATE),
    Route(
        "GET", "outbounds/{id}/records/{phone_number}", _h_records.get_by_phone, query=_ADDITIONAL
    ),
    Route(
        "PUT",
        "outbounds/{id}/records/{phone_number}",
        _h_records.update_by_phone,
        query=_ADDITIONAL,
        body=REGULAR_UPDATE,
    ),
    Route(
        "DELETE",
        "outbounds/{id}/records/{phone_number}",
        _h_records.delete_by_phone,
        query=_ADDITIONAL,
    ),
    Route("GET", "outbounds/{id}/records_by_identifier/{identifier}", _h_records.get_by_identifier),
    Route(
        "PUT",
        "outbounds/{id}/records_by_identifier/{identifier}",
        _h_records.update_by_identifier,
        body=REGULAR_UPDATE,
    ),
    Route(
        "DELETE",
        "outbounds/{id}/records_by_identifier/{identifier}",
        _h_records.delete_by_identifier,
    ),
    Route("GET", "outbounds_by_phone_number/{phone_number}", _h_records.campaigns_by_phone),
    Route(
        "POST",
        "outbound_status_by_phone_number",
        _h_records.set_status_by_phone,
        body=frozenset({"status_id", "phone_number"}),
    ),
    Route("POST", "batch/outbounds/{id}/records", _h_batch_records.create_records, body=_RECORDS),
    Route(
        "PUT",
        "batch/outbounds/{id}/records",
        _h_batch_records.update_records,
        query=_ADDITIONAL,
        body=_RECORDS,
    ),
    Route(
        "DELETE",
        "batch/outbounds/{id}/records",
        _h_batch_records.delete_records,
        query=_ADDITIONAL | {"phone_number[]"},
    ),
    # CRM campaign records
    Route("GET", "crm_outbounds/{id}/records", _h_crm_records.list_, query=CRM_LIST_QUERY),
    Route("POST", "crm_outbounds/{id}/records", _h_crm_records.create, body=CRM_CREATE),
    Route("GET", "crm_outbounds/{id}/records/{customer_id}", _h_crm_records.get),
    Route(
        "PUT", "crm_outbounds/{id}/records/{customer_id}", _h_crm_records.update, body=CRM_UPDATE
    ),
    Route("DELETE", "crm_outbounds/{id}/records/{customer_id}", _h_crm_records.delete),
    Route(
        "POST",
        "crm_outbounds/{id}/records/{customer_id}/copy_notes",
        _h_crm_records.copy_notes,
        body=_NONE,
    ),
    Route(
        "POST",
        "batch/crm_outbounds/{id}/records",
        _h_batch_records.create_crm_records,
        body=_RECORDS,
    ),
    Route(
        "DELETE",
        "batch/crm_outbounds/{id}/records",
        _h_batch_records.delete_crm_records,
        query=frozenset({"customer_id[]"}),
    ),
    # customers
    Route(
        "GET",
        "customers",
        _h_customers.list_,
        query=_h_customers.CUSTOMER_LIST_QUERY,
        query_prefixes=("custom_fields[",),
    ),
    Route("POST", "customers", _h_customers.create, body=CUSTOMER_FIELDS),
    Route("GET", "customers/{id}", _h_customers.get, query=_h_customers.CUSTOMER_GET_QUERY),
    Route("PUT", "customers/{id}", _h_customers.update, body=CUSTOMER_FIELDS),
    Route("DELETE", "customers/{id}", _h_customers.delete),
    Route("POST", "batch/customers", _h_customers.batch_create, body=_CUSTOMERS),
    Route("PUT", "batch/customers", _h_customers.batch_update, body=_CUSTOMERS),
    Route(
        "DELETE",
        "batch/customers",
        _h_customers.batch_delete,
        query=frozenset({"customer_id[]"}),
    ),
    *_h_agents.ROUTES,
    *_h_crm.ROUTES,
    *_h_chats.ROUTES,
    *_h_tickets.ROUTES,
    *_h_calls.ROUTES,
    *_h_account.ROUTES,
)

SIMULATED_ENDPOINTS: tuple[str, ...] = tuple(route.name for route in ROUTES)
