"""``outbounds/:id/records`` and ``records_by_identifier``: regular campaigns' records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from .. import _validation as check
from .._logging import logger
from .._pagination import Paginator
from .._transport import QueryParams
from ..errors import (
    DecodeError,
    InputError,
    NotFoundError,
    ServerError,
    TransportError,
    ValidationError,
)
from ..models import CampaignRecord, CampaignStatus, SystemStatus
from ._base import Resource, array_param
from ._provenance import predates
from ._query_filters import flag_params
from ._record_inputs import encode_changes, encode_new_record, require_status_fields

__all__ = [
    "OutboundRecords",
    "OutboundRecordsByIdentifier",
    "RecordResource",
    "additional_numbers",
    "record_filters",
]

MAX_PAGE_SIZE = 100


def _system_status(value: Any, field: str) -> str:
    try:
        return str(SystemStatus(value))
    except ValueError:
        raise InputError(field, "a SystemStatus such as TO_CALL", value) from None


def record_filters(
    *,
    status_id: Iterable[int] | int | None,
    system_status: Iterable[SystemStatus | str] | SystemStatus | str | None,
    create_date_from: dt.date | str | None,
    create_date_to: dt.date | str | None,
    call_date_from: dt.date | str | None,
    call_date_to: dt.date | str | None,
) -> list[tuple[str, str]]:
    """The record-list filters in the API's wire form (``status_id[]=10&status_id[]=15``)."""
    params: list[tuple[str, str]] = []
    if status_id is not None:
        params += array_param("status_id", status_id, check.positive_id)
    if system_status is not None:
        values = [system_status] if isinstance(system_status, str) else system_status
        params += array_param("system_status", values, _system_status)
    for name, value in (
        ("create_date_from", create_date_from),
        ("create_date_to", create_date_to),
        ("call_date_from", call_date_from),
        ("call_date_to", call_date_to),
    ):
        if value is not None:
            params.append((name, check.date_value(value, name)))
    return params


def additional_numbers(search: bool) -> QueryParams | None:
    """``search_in_additional_numbers=true`` when asked; absent otherwise (the API's default)."""
    return flag_params(search_in_additional_numbers=search or None) or None


class RecordResource(Resource):
    """Shared by record resources: the status check before writes, the create path."""

    _area = "outbounds"  # where records are created: ``{_area}/{campaign_id}/records``
    _encode = staticmethod(encode_new_record)

    async def _check_statuses(
        self, campaign_id: str, body: dict[str, Any], prefix: str = ""
    ) -> None:
        if not self._context.check_statuses:
            return
        if "status_id" not in body and "dictionary_status_id" not in body:
            return
        statuses = await self._context.statuses.get(campaign_id, self._load_statuses)
        require_status_fields(body, statuses, prefix)

    async def _load_statuses(self, campaign_id: str) -> list[CampaignStatus]:
        raw = await self._call("GET", f"outbounds/{campaign_id}/statuses")
        return self._structure(raw, list[CampaignStatus])

    async def _create_once(
        self, path: str, body: dict[str, Any], existing: Callable[[], Awaitable[Any]]
    ) -> int:
        """POST a record create; after an ambiguous failure, settle it by a lookup.

        ``existing`` fetches the record the body would create. If an earlier
        attempt may have been applied (connection lost after sending, or a 5xx)
        and the call then failed (typically "duplicate" on the retry), the record
        being there means our create went through, unless its ``create_date``
        shows it was there before the call: then the error stands.
        """
        started = dt.datetime.now(dt.UTC)
        try:
            return await self._post_create(path, body)
        except (ValidationError, ServerError, TransportError) as error:
            if not error.maybe_applied:
                raise
            try:
                record = await existing()
            except (NotFoundError, TransportError, ServerError):
                raise error from None
            if predates(record.create_date, started):
                raise
            logger.info(
                "POST %s was ambiguous; record %d is there, counted as created",
                path,
                record.record_id,
            )
            return int(record.record_id)

    async def _post_create(self, path: str, body: dict[str, Any]) -> int:
        raw = await self._call("POST", path, json=body, safe_to_repeat=True)
        answer = raw.json()
        if not isinstance(answer, dict) or answer.get("record_id") is None:
            raise DecodeError(
                "unexpected answer shape: the field 'record_id' is missing",
                method=raw.method,
                url=raw.url,
                body=raw.content,
            )
        return self._structure(raw, int, answer["record_id"])

    async def send_create(self, campaign_id: str | int, record: Any) -> int:
        """Add one record (a NewRecord, NewCrmRecord or a mapping of its fields); returns its id.

        Unlike ``create``, an ambiguous failure is raised as is, never settled by
        a lookup: for callers that settle it themselves (the bulk engine).
        """
        campaign_id = check.campaign_id(campaign_id)
        body = self._encode(record, self._context.timezone)
        await self._check_statuses(campaign_id, body)
        return await self._post_create(f"{self._area}/{campaign_id}/records", body)

    async def _prepared(self, campaign_id: str, values: dict[str, Any]) -> dict[str, Any]:
        body = encode_changes(values, self._context.timezone)
        if not body:
            raise InputError("update", "at least one field to change", None)
        await self._check_statuses(campaign_id, body)
        return body


class OutboundRecords(RecordResource):
    """``outbounds/:id/records``: records of regular (phone-number) campaigns."""

    def list(
        self,
        campaign_id: str | int,
        *,
        status_id: Iterable[int] | int | None = None,
        system_status: Iterable[SystemStatus | str] | SystemStatus | str | None = None,
        create_date_from: dt.date | str | None = None,
        create_date_to: dt.date | str | None = None,
        call_date_from: dt.date | str | None = None,
        call_date_to: dt.date | str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        concurrency: int = 8,
    ) -> Paginator[CampaignRecord]:
        """A paginator over the campaign's records, in insertion order.

        Filters combine; several values of one filter are alternatives. Pages
        hold up to 100 records (the API's maximum); after the first page the rest
        are fetched ``concurrency`` at a time, within the client's limits.
        """
        cid = check.campaign_id(campaign_id)
        params: QueryParams = record_filters(
            status_id=status_id,
            system_status=system_status,
            create_date_from=create_date_from,
            create_date_to=create_date_to,
            call_date_from=call_date_from,
            call_date_to=call_date_to,
        )
        return self._paginate(
            f"outbounds/{cid}/records",
            params,
            CampaignRecord,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=concurrency,
        )

    async def get(
        self,
        campaign_id: str | int,
        phone_number: str,
        *,
        search_in_additional_numbers: bool = False,
    ) -> CampaignRecord:
        """The record with this phone number.

        Inferred endpoint (no doc page): shaped like a list item. When duplicates
        exist, which record the API returns is undocumented.
        """
        cid = check.campaign_id(campaign_id)
        phone = check.phone_number(phone_number)
        params = additional_numbers(search_in_additional_numbers)
        raw = await self._call("GET", f"outbounds/{cid}/records/{phone}", params=params)
        return self._structure(raw, CampaignRecord)

    async def create(
        self,
        campaign_id: str | int,
        *,
        phone_number: str,
        status_id: int | None = None,
        dictionary_status_id: int | None = None,
        identifier: str | None = None,
        agent_login: str | None = None,
        next_call_date: dt.datetime | str | None = None,
        record_fields: Mapping[str, str] | None = None,
        order: int | None = None,
    ) -> int:
        """Add a phone-number record; returns its record id.

        Safe to repeat: the API refuses a number already in the campaign, so a
        create whose answer was lost is retried, and a retry refused as a
        duplicate (or a final ambiguous failure) is settled by looking the
        number up: if the record is there, its id is returned, never a second
        record or an error. Caveat: a number that was already in the campaign
        before the call is indistinguishable from our own lost create in that
        one case (an ambiguous failure first); without one, a duplicate is a
        ValidationError as usual.
        """
        cid = check.campaign_id(campaign_id)
        body = encode_new_record(
            {
                "phone_number": phone_number,
                "status_id": status_id,
                "dictionary_status_id": dictionary_status_id,
                "identifier": identifier,
                "agent_login": agent_login,
                "next_call_date": next_call_date,
                "record_fields": record_fields,
                "order": order,
            },
            self._context.timezone,
        )
        await self._check_statuses(cid, body)
        return await self._create_once(
            f"outbounds/{cid}/records", body, lambda: self.get(cid, body["phone_number"])
        )

    async def update(
        self,
        campaign_id: str | int,
        phone_number: str,
        *,
        status_id: int | None = None,
        dictionary_status_id: int | None = None,
        agent_login: str | None = None,
        next_call_date: dt.datetime | str | None = None,
        record_fields: Mapping[str, str] | None = None,
        search_in_additional_numbers: bool = False,
    ) -> None:
        """Change the record with this phone number (only the arguments given are sent).

        Inferred endpoint: body as the by-identifier and batch variants document.
        """
        cid = check.campaign_id(campaign_id)
        phone = check.phone_number(phone_number)
        body = await self._prepared(
            cid,
            {
                "status_id": status_id,
                "dictionary_status_id": dictionary_status_id,
                "agent_login": agent_login,
                "next_call_date": next_call_date,
                "record_fields": record_fields,
            },
        )
        params = additional_numbers(search_in_additional_numbers)
        await self._call("PUT", f"outbounds/{cid}/records/{phone}", params=params, json=body)

    async def delete(
        self,
        campaign_id: str | int,
        phone_number: str,
        *,
        search_in_additional_numbers: bool = False,
    ) -> None:
        """Remove every record with this phone number (records in a call stay)."""
        cid = check.campaign_id(campaign_id)
        phone = check.phone_number(phone_number)
        params = additional_numbers(search_in_additional_numbers)
        await self._call("DELETE", f"outbounds/{cid}/records/{phone}", params=params)


class OutboundRecordsByIdentifier(RecordResource):
    """``outbounds/:id/records_by_identifier/:identifier``: records by their unique identifier."""

    async def get(self, campaign_id: str | int, identifier: str) -> CampaignRecord:
        """The record with this identifier (inferred endpoint, shaped like a list item)."""
        cid = check.campaign_id(campaign_id)
        ident = check.path_segment(check.identifier(identifier))
        raw = await self._call("GET", f"outbounds/{cid}/records_by_identifier/{ident}")
        return self._structure(raw, CampaignRecord)

    async def update(
        self,
        campaign_id: str | int,
        identifier: str,
        *,
        status_id: int | None = None,
        dictionary_status_id: int | None = None,
        agent_login: str | None = None,
        next_call_date: dt.datetime | str | None = None,
        record_fields: Mapping[str, str] | None = None,
    ) -> None:
        """Change the record with this identifier (only the arguments given are sent)."""
        cid = check.campaign_id(campaign_id)
        ident = check.path_segment(check.identifier(identifier))
        body = await self._prepared(
            cid,
            {
                "status_id": status_id,
                "dictionary_status_id": dictionary_status_id,
                "agent_login": agent_login,
                "next_call_date": next_call_date,
                "record_fields": record_fields,
            },
        )
        await self._call("PUT", f"outbounds/{cid}/records_by_identifier/{ident}", json=body)

    async def delete(self, campaign_id: str | int, identifier: str) -> None:
        """Remove the record with this identifier (a record in a call stays)."""
        cid = check.campaign_id(campaign_id)
        ident = check.path_segment(check.identifier(identifier))
        await self._call("DELETE", f"outbounds/{cid}/records_by_identifier/{ident}")
