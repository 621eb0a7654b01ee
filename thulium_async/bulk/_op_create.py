"""Adding records: NewRecord items to regular campaigns, NewCrmRecord items to CRM campaigns.

Exactly once: creation is keyed by phone number (customer id in CRM
campaigns) and the API refuses a second record with the same key, so a
resent create can never make a second record. An "already exists" answer
without an earlier attempt that may have been applied means the record was
there before (ALREADY_EXISTED). After such an attempt, the record is read back
and its ``create_date`` compared with the item's first send: before it,
ALREADY_EXISTED; after it, CREATED; too close to tell, CREATED_OR_EXISTED.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._concurrency import map_ordered
from ..errors import (
    InputError,
    NotFoundError,
    ServerError,
    ThuliumError,
    TransportError,
    ValidationError,
)
from ..models import BatchResult, BatchStatus, NewCrmRecord, NewRecord
from ..resources._provenance import predates
from ..resources._record_inputs import encode_new_crm_record, encode_new_record
from ._entry import Entry, Settled
from ._models import Outcome
from ._operation import (
    UTC,
    Operation,
    Prepared,
    Sent,
    campaign,
    check_unknown,
    failed,
    item_failure,
    normal_phone,
    present,
)

if TYPE_CHECKING:
    from ._client_api import BulkClient

__all__ = ["CreateRecords"]

REGULAR, CRM = "regular", "crm"
_REGULAR_FIELDS = tuple(field.name for field in attrs.fields(NewRecord))
_CRM_FIELDS = tuple(field.name for field in attrs.fields(NewCrmRecord))


class CreateRecords(Operation):
    """``create_records``: batch/outbounds and batch/crm_outbounds record adds."""

    name = "create_records"
    batch_routes = frozenset({REGULAR, CRM})

    def prepare(self, campaign_id: Any, item: Any) -> Prepared:
        """Route by item type; check the item as the resource will before sending it."""
        cid = campaign(campaign_id)
        if isinstance(item, NewRecord):
            route = REGULAR
        elif isinstance(item, NewCrmRecord):
            route = CRM
        elif isinstance(item, Mapping):
            item = dict(item)
            route = CRM if "customer_id" in item and "phone_number" not in item else REGULAR
            if route == CRM:
                check_unknown(item, _CRM_FIELDS, "NewCrmRecord")
            else:
                check_unknown(item, _REGULAR_FIELDS, "NewRecord")
        else:
            raise InputError(
                "item", "a NewRecord, a NewCrmRecord or a mapping of their fields", item
            )
        if route == REGULAR:
            body = encode_new_record(item, UTC)
            return Prepared(cid, route, normal_phone(body["phone_number"]), item, body)
        body = encode_new_crm_record(item, UTC)
        return Prepared(cid, route, str(body["customer_id"]), item, body)

    def identity(self, prepared: Prepared) -> int:
        """The number exactly as sent (the API keeps "+48..." and "48..." apart) or customer.

        As one int (a leading 1 or 2 for "no +" or "+" keeps leading zeros;
        customers negative): a run remembers one per item, so it stays small.
        """
        if prepared.route == REGULAR:
            phone: str = prepared.payload["phone_number"]
            return int(("2" + phone[1:]) if phone.startswith("+") else ("1" + phone))
        return -int(prepared.payload["customer_id"])

    def as_update(self, prepared: Prepared) -> dict[str, Any] | None:
        """The fields a repeated row would change, as the single update takes them."""
        regular = prepared.route == REGULAR
        fields = present(prepared.value, _REGULAR_UPDATE if regular else _CRM_UPDATE)
        if not fields:
            return None
        key = "phone_number" if regular else "customer_id"
        return {key: prepared.payload[key], **fields}

    async def send(self, client: BulkClient, route: str, batch: bool, entries: list[Entry]) -> Sent:
        """One batch call, or one single create; repeated rows go as single updates after."""
        cid = entries[0].campaign_id
        assert cid is not None
        updates = [entry for entry in entries if entry.repeat_of is not None]
        if updates:
            entries = [entry for entry in entries if entry.repeat_of is None]
        sent = Sent([], [])
        if entries and not batch:
            sent = Sent([await self._one(client, cid, route, entries[0])], [])
        elif entries:
            sent = await self._batch(client, cid, route, entries)
        for entry in updates:
            sent.settled.append(await _update(client, cid, route, entry))
        return sent

    async def _batch(self, client: BulkClient, cid: str, route: str, entries: list[Entry]) -> Sent:
        values = [entry.value for entry in entries]
        result: BatchResult[Any]
        if route == REGULAR:
            result = await client.batch.outbounds.records.create(cid, values)
        else:
            result = await client.batch.crm_outbounds.records.create(cid, values)
        settled: list[Settled] = []
        doubtful: list[tuple[Entry, int | None]] = []
        for item in result.items:
            entry = entries[item.index]
            if item.status is BatchStatus.ALREADY_EXISTS:
                if result.earlier_maybe_applied or entry.maybe_applied:
                    doubtful.append((entry, item.record_id))
                else:
                    settled.append(Settled(entry, Outcome.ALREADY_EXISTED, item.record_id))
            elif item.ok:
                settled.append(Settled(entry, Outcome.CREATED, item.record_id))
            else:
                settled.append(item_failure(entry, item))

        async def judge(job: tuple[Entry, int | None]) -> Settled:
            return await _provenance(client, cid, route, *job)

        settled += await map_ordered(judge, doubtful, concurrency=_LOOKUPS)
        return Sent(settled, [entries[index] for index, _ in result.unanswered])

    async def _one(self, client: BulkClient, cid: str, route: str, entry: Entry) -> Settled:
        # An "already exists" is a real duplicate unless an attempt carrying the
        # item may have been applied: then the record's create_date decides.
        records = client.outbounds.records if route == REGULAR else client.crm_outbounds.records
        try:
            record_id = await records.send_create(cid, entry.value)
        except (ValidationError, ServerError, TransportError) as error:
            if not (entry.maybe_applied or error.maybe_applied):
                if not isinstance(error, ValidationError):
                    raise
                existing = await _lookup(client, cid, route, entry)
                if existing is None:
                    raise  # a refusal, not a duplicate
                return Settled(entry, Outcome.ALREADY_EXISTED, existing.record_id)
            # A failed look-up raises its own error: a transient one sends the item
            # again in a later pass, where the duplicate is looked up once more.
            existing = await _lookup(client, cid, route, entry)
            if existing is None:
                raise
            return _judged(entry, existing.record_id, existing.create_date)
        return Settled(entry, Outcome.CREATED, record_id)


_REGULAR_UPDATE = (
    "status_id",
    "dictionary_status_id",
    "agent_login",
    "next_call_date",
    "record_fields",
)
_CRM_UPDATE = ("status_id", "dictionary_status_id", "agent_login", "next_call_date", "order")


async def _update(client: BulkClient, cid: str, route: str, entry: Entry) -> Settled:
    """A repeated row applied as an update of the record its earlier row made or found."""
    try:
        if route == REGULAR:
            await client.outbounds.records.update(cid, **entry.value)
        else:
            await client.crm_outbounds.records.update(cid, **entry.value)
    except ThuliumError as error:
        settled = failed(entry, error)
        return settled._replace(repeats=entry.repeat_of)
    return Settled(entry, Outcome.UPDATED, repeats=entry.repeat_of)


_LOOKUPS = 8  # look-ups in flight while one ambiguous chunk is settled
_DOUBT = (
    "an attempt may have been applied and the record's create_date is too close"
    " to the first send to tell whether this run made it"
)


async def _lookup(client: BulkClient, cid: str, route: str, entry: Entry) -> Any:
    """The record the entry would create (CampaignRecord or CrmCampaignRecord), or None."""
    value = entry.value
    try:
        if route == REGULAR:
            phone = value["phone_number"] if isinstance(value, dict) else value.phone_number
            return await client.outbounds.records.get(cid, phone)
        customer = value["customer_id"] if isinstance(value, dict) else value.customer_id
        return await client.crm_outbounds.records.get(cid, customer)
    except NotFoundError:
        return None


async def _provenance(
    client: BulkClient, cid: str, route: str, entry: Entry, record_id: int | None
) -> Settled:
    """Settle an "already exists" that followed an attempt that may have been applied."""
    try:
        existing = await _lookup(client, cid, route, entry)
    except ThuliumError:
        existing = None  # the look-up itself failed: the doubt stays
    if existing is None:
        return Settled(entry, Outcome.CREATED_OR_EXISTED, record_id, _DOUBT)
    return _judged(entry, existing.record_id, existing.create_date)


def _judged(entry: Entry, record_id: int | None, create_date: dt.datetime | None) -> Settled:
    there_before = predates(create_date, entry.first_sent)
    if there_before:
        return Settled(entry, Outcome.ALREADY_EXISTED, record_id)
    if there_before is None:
        return Settled(entry, Outcome.CREATED_OR_EXISTED, record_id, _DOUBT)
    return Settled(entry, Outcome.CREATED, record_id)
