"""Adding records: NewRecord items to regular campaigns, NewCrmRecord items to CRM campaigns.

Exactly once: creation is keyed by phone number (customer id in CRM
campaigns) and the API refuses a second record with the same key, so a
resent create can never make a second record. An "already exists" answer is
our own record when an earlier attempt carrying the item may have been
applied (CREATED), else the record was there before (ALREADY_EXISTED).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import InputError, NotFoundError, ValidationError
from ..models import BatchResult, BatchStatus, NewCrmRecord, NewRecord
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

    async def send(self, client: BulkClient, route: str, batch: bool, entries: list[Entry]) -> Sent:
        """One batch call, or one single create."""
        cid = entries[0].campaign_id
        assert cid is not None
        if not batch:
            return Sent([await self._one(client, cid, route, entries[0])], [])
        values = [entry.value for entry in entries]
        result: BatchResult[Any]
        if route == REGULAR:
            result = await client.batch.outbounds.records.create(cid, values)
        else:
            result = await client.batch.crm_outbounds.records.create(cid, values)
        return _settle_batch(result, entries, result.earlier_maybe_applied)

    async def _one(self, client: BulkClient, cid: str, route: str, entry: Entry) -> Settled:
        # The resource settles a lost answer itself (it looks the record up), so a
        # returned id is always ours. A duplicate without such a loss raises
        # ValidationError: look the key up to tell "already there" from a refusal.
        try:
            if route == REGULAR:
                record_id = await client.outbounds.records.create(
                    cid, **present(entry.value, _REGULAR_FIELDS)
                )
            else:
                record_id = await client.crm_outbounds.records.create(
                    cid, **present(entry.value, _CRM_FIELDS)
                )
        except ValidationError as error:
            existing = await _lookup(client, cid, route, entry)
            if existing is None:
                raise
            ours = entry.maybe_applied or error.earlier_maybe_applied
            outcome = Outcome.CREATED if ours else Outcome.ALREADY_EXISTED
            return Settled(entry, outcome, existing)
        return Settled(entry, Outcome.CREATED, record_id)


async def _lookup(client: BulkClient, cid: str, route: str, entry: Entry) -> int | None:
    value = entry.value
    try:
        if route == REGULAR:
            phone = value["phone_number"] if isinstance(value, dict) else value.phone_number
            return (await client.outbounds.records.get(cid, phone)).record_id
        customer = value["customer_id"] if isinstance(value, dict) else value.customer_id
        return (await client.crm_outbounds.records.get(cid, customer)).record_id
    except NotFoundError:
        return None


def _settle_batch(result: BatchResult[Any], entries: list[Entry], retried: bool) -> Sent:
    settled = []
    for item in result.items:
        entry = entries[item.index]
        if item.status is BatchStatus.ALREADY_EXISTS:
            ours = retried or entry.maybe_applied
            outcome = Outcome.CREATED if ours else Outcome.ALREADY_EXISTED
            settled.append(Settled(entry, outcome, item.record_id))
        elif item.ok:
            settled.append(Settled(entry, Outcome.CREATED, item.record_id))
        else:
            settled.append(item_failure(entry, item))
    return Sent(settled, [entries[index] for index, _ in result.unanswered])
