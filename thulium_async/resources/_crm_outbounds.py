"""``crm_outbounds/:id/records``: records of CRM-fed campaigns, keyed by customer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .. import _validation as check
from .._pagination import Paginator
from ..errors import InputError
from ..models import CrmCampaignRecord, SystemStatus
from ._base import Context, Resource, bool_param
from ._outbound_records import MAX_PAGE_SIZE, RecordResource, record_filters
from ._record_inputs import encode_new_crm_record

__all__ = ["CrmOutboundRecords", "CrmOutbounds"]

_SORTABLE = frozenset({"next_call_date", "-next_call_date"})


class CrmOutboundRecords(RecordResource):
    """``crm_outbounds/:id/records``: one record per CRM customer in the campaign."""

    _area = "crm_outbounds"
    _encode = staticmethod(encode_new_crm_record)

    def list(
        self,
        campaign_id: str | int,
        *,
        order: str | None = None,
        status_id: Iterable[int] | int | None = None,
        system_status: Iterable[SystemStatus | str] | SystemStatus | str | None = None,
        create_date_from: dt.date | str | None = None,
        create_date_to: dt.date | str | None = None,
        call_date_from: dt.date | str | None = None,
        call_date_to: dt.date | str | None = None,
        include_customer: bool | None = None,
        include_custom_fields: bool | None = None,
        include_address: bool | None = None,
        include_invoice_address: bool | None = None,
        include_mail_drop_address: bool | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        concurrency: int = 8,
    ) -> Paginator[CrmCampaignRecord]:
        """A paginator over the campaign's records (insertion order unless ``order``).

        ``order`` sorts by ``next_call_date`` (``"-next_call_date"`` descending).
        A sorted scan is more exposed to drift than insertion order: see Paginator.
        """
        cid = check.campaign_id(campaign_id)
        params: list[tuple[str, str]] = []
        if order is not None:
            if order not in _SORTABLE:
                raise InputError("order", "'next_call_date' or '-next_call_date'", order)
            params.append(("order", order))
        params += record_filters(
            status_id=status_id,
            system_status=system_status,
            create_date_from=create_date_from,
            create_date_to=create_date_to,
            call_date_from=call_date_from,
            call_date_to=call_date_to,
        )
        for name, flag in (
            ("include_customer", include_customer),
            ("include_custom_fields", include_custom_fields),
            ("include_address", include_address),
            ("include_invoice_address", include_invoice_address),
            ("include_mail_drop_address", include_mail_drop_address),
        ):
            if flag is not None:
                params.append((name, bool_param(flag)))
        return self._paginate(
            f"crm_outbounds/{cid}/records",
            params,
            CrmCampaignRecord,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=concurrency,
        )

    async def get(self, campaign_id: str | int, customer_id: int) -> CrmCampaignRecord:
        """The campaign's record of this customer."""
        cid = check.campaign_id(campaign_id)
        customer = check.positive_id(customer_id, "customer_id")
        raw = await self._call("GET", f"crm_outbounds/{cid}/records/{customer}")
        return self._structure(raw, CrmCampaignRecord)

    async def create(
        self,
        campaign_id: str | int,
        *,
        customer_id: int,
        status_id: int | None = None,
        dictionary_status_id: int | None = None,
        agent_login: str | None = None,
        next_call_date: dt.datetime | str | None = None,
        order: int | None = None,
    ) -> int:
        """Add a CRM customer to the campaign; returns the record id.

        Safe to repeat like regular record creation: a customer appears once per
        CRM campaign, so a retry refused after an ambiguous failure is settled
        by looking the customer's record up.
        """
        cid = check.campaign_id(campaign_id)
        body = encode_new_crm_record(
            {
                "customer_id": customer_id,
                "status_id": status_id,
                "dictionary_status_id": dictionary_status_id,
                "agent_login": agent_login,
                "next_call_date": next_call_date,
                "order": order,
            },
            self._context.timezone,
        )
        await self._check_statuses(cid, body)
        return await self._create_once(
            f"crm_outbounds/{cid}/records", body, lambda: self.get(cid, body["customer_id"])
        )

    async def update(
        self,
        campaign_id: str | int,
        customer_id: int,
        *,
        status_id: int | None = None,
        dictionary_status_id: int | None = None,
        agent_login: str | None = None,
        next_call_date: dt.datetime | str | None = None,
        order: int | None = None,
    ) -> None:
        """Change the customer's record (only the arguments given are sent)."""
        cid = check.campaign_id(campaign_id)
        customer = check.positive_id(customer_id, "customer_id")
        values: dict[str, Any] = {
            "status_id": status_id,
            "dictionary_status_id": dictionary_status_id,
            "agent_login": agent_login,
            "next_call_date": next_call_date,
            "order": order,
        }
        body = await self._prepared(cid, values)
        await self._call("PUT", f"crm_outbounds/{cid}/records/{customer}", json=body)

    async def delete(self, campaign_id: str | int, customer_id: int) -> None:
        """Remove the customer's record from the campaign (a record in a call stays)."""
        cid = check.campaign_id(campaign_id)
        customer = check.positive_id(customer_id, "customer_id")
        await self._call("DELETE", f"crm_outbounds/{cid}/records/{customer}")

    async def copy_notes(self, campaign_id: str | int, customer_id: int) -> None:
        """Copy the record's campaign notes into the customer's CRM notes.

        Inferred endpoint: only its path and purpose are documented; an empty
        body is sent. Not retried after an ambiguous failure (notes could double).
        """
        cid = check.campaign_id(campaign_id)
        customer = check.positive_id(customer_id, "customer_id")
        await self._call("POST", f"crm_outbounds/{cid}/records/{customer}/copy_notes")


class CrmOutbounds(Resource):
    """``crm_outbounds``: CRM-fed campaigns; see ``records``."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.records = CrmOutboundRecords(context)
