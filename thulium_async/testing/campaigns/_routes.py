"""Routes of the campaigns area: outbounds, their statuses and agents, records, batches.

Regular and CRM campaign records, single and batch; ``_record_input`` holds the
rules every record write follows and ``_record_lists`` the list filters.
"""

from __future__ import annotations

from ..server._routing import Route
from . import _handlers as campaigns
from . import _handlers_batch as batch
from . import _handlers_crm_records as crm_records
from . import _handlers_records as records
from ._record_input import CRM_CREATE, CRM_UPDATE, REGULAR_CREATE, REGULAR_UPDATE
from ._record_lists import CRM_LIST_QUERY, REGULAR_LIST_QUERY

__all__ = ["ROUTES"]

_NONE: frozenset[str] = frozenset()
_ADDITIONAL = frozenset({"search_in_additional_numbers"})
_LOGINS = frozenset({"logins"})
_RECORDS = frozenset({"records"})

ROUTES: tuple[Route, ...] = (
    # campaigns
    Route("GET", "outbounds", campaigns.list_),
    Route("POST", "outbounds", campaigns.create, body=campaigns.CAMPAIGN_CREATE),
    Route("GET", "outbounds/stats", campaigns.stats_all),
    Route("PUT", "outbounds/{id}", campaigns.update, body=campaigns.CAMPAIGN_UPDATE),
    Route("DELETE", "outbounds/{id}", campaigns.delete, query=frozenset({"delete_recordings"})),
    Route("POST", "outbounds/{id}/clone", campaigns.clone, body=campaigns.CLONE),
    Route("GET", "outbounds/{id}/stats", campaigns.stats),
    Route("GET", "outbounds/{id}/statuses", campaigns.statuses),
    Route("GET", "outbounds/{id}/agents", campaigns.agents),
    Route("POST", "outbounds/{id}/add_agents", campaigns.add_agents, body=_LOGINS),
    Route("POST", "outbounds/{id}/remove_agents", campaigns.remove_agents, body=_LOGINS),
    Route("POST", "outbounds/{id}/set_agents", campaigns.set_agents, body=_LOGINS),
    Route(
        "DELETE",
        "batch/outbounds",
        batch.delete_campaigns,
        query=frozenset({"id[]", "delete_recordings"}),
    ),
    # regular campaign records
    Route("GET", "outbounds/{id}/records", records.list_, query=REGULAR_LIST_QUERY),
    Route("POST", "outbounds/{id}/records", records.create, body=REGULAR_CREATE),
    Route("GET", "outbounds/{id}/records/{phone_number}", records.get_by_phone, query=_ADDITIONAL),
    Route(
        "PUT",
        "outbounds/{id}/records/{phone_number}",
        records.update_by_phone,
        query=_ADDITIONAL,
        body=REGULAR_UPDATE,
    ),
    Route(
        "DELETE",
        "outbounds/{id}/records/{phone_number}",
        records.delete_by_phone,
        query=_ADDITIONAL,
    ),
    Route("GET", "outbounds/{id}/records_by_identifier/{identifier}", records.get_by_identifier),
    Route(
        "PUT",
        "outbounds/{id}/records_by_identifier/{identifier}",
        records.update_by_identifier,
        body=REGULAR_UPDATE,
    ),
    Route(
        "DELETE",
        "outbounds/{id}/records_by_identifier/{identifier}",
        records.delete_by_identifier,
    ),
    Route("GET", "outbounds_by_phone_number/{phone_number}", records.campaigns_by_phone),
    Route(
        "POST",
        "outbound_status_by_phone_number",
        records.set_status_by_phone,
        body=frozenset({"status_id", "phone_number"}),
    ),
    Route("POST", "batch/outbounds/{id}/records", batch.create_records, body=_RECORDS),
    Route(
        "PUT",
        "batch/outbounds/{id}/records",
        batch.update_records,
        query=_ADDITIONAL,
        body=_RECORDS,
    ),
    Route(
        "DELETE",
        "batch/outbounds/{id}/records",
        batch.delete_records,
        query=_ADDITIONAL | {"phone_number[]"},
    ),
    # CRM campaign records
    Route("GET", "crm_outbounds/{id}/records", crm_records.list_, query=CRM_LIST_QUERY),
    Route("POST", "crm_outbounds/{id}/records", crm_records.create, body=CRM_CREATE),
    Route("GET", "crm_outbounds/{id}/records/{customer_id}", crm_records.get),
    Route("PUT", "crm_outbounds/{id}/records/{customer_id}", crm_records.update, body=CRM_UPDATE),
    Route("DELETE", "crm_outbounds/{id}/records/{customer_id}", crm_records.delete),
    Route(
        "POST",
        "crm_outbounds/{id}/records/{customer_id}/copy_notes",
        crm_records.copy_notes,
        body=_NONE,
    ),
    Route(
        "POST",
        "batch/crm_outbounds/{id}/records",
        batch.create_crm_records,
        body=_RECORDS,
    ),
    Route(
        "DELETE",
        "batch/crm_outbounds/{id}/records",
        batch.delete_crm_records,
        query=frozenset({"customer_id[]"}),
    ),
)
