"""Removing records: by phone number or customer id in batches, by identifier one at a time.

Deleting by phone number removes every record with that number (duplicates
included). "Not found" is success (NOT_FOUND): the record is gone either way;
after an attempt that may have been applied it is our own deletion (DELETED).
A record in a call stays and its item fails (CALL_IN_PROGRESS).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import InputError, NotFoundError
from ..models import (
    BatchItemResult,
    BatchResult,
    BatchStatus,
    NewCrmRecord,
    NewRecord,
    RecordUpdate,
)
from ._entry import Entry, Settled
from ._models import Outcome, RecordKey
from ._op_update import CUSTOMER, IDENTIFIER, PHONE, record_key, selector
from ._operation import Operation, Prepared, Sent, campaign, item_failure

if TYPE_CHECKING:
    from ._client_api import BulkClient

__all__ = ["DeleteRecords"]

_KEYS = (PHONE, IDENTIFIER, CUSTOMER)


def _route_and_value(item: Any) -> tuple[str, Any]:
    if isinstance(item, str):
        return PHONE, item
    if isinstance(item, NewRecord):
        return PHONE, item.phone_number
    if isinstance(item, NewCrmRecord):
        return CUSTOMER, item.customer_id
    if isinstance(item, Mapping):
        item = RecordKey(**{name: item.get(name) for name in _KEYS})
    if isinstance(item, (RecordKey, RecordUpdate)):
        route = selector(item, "an item")
        return route, getattr(item, route)
    raise InputError(
        "item", "a phone number, a RecordKey, a NewRecord/NewCrmRecord or a mapping", item
    )


class DeleteRecords(Operation):
    """``delete_records``: batch/outbounds and batch/crm_outbounds record deletes."""

    name = "delete_records"
    batch_routes = frozenset({PHONE, CUSTOMER})

    def prepare(self, campaign_id: Any, item: Any) -> Prepared:
        """Find the key naming the record(s) to remove."""
        cid = campaign(campaign_id)
        route, raw = _route_and_value(item)
        key, value = record_key(route, raw)
        return Prepared(cid, route, key, value, {"key": key})

    async def send(self, client: BulkClient, route: str, batch: bool, entries: list[Entry]) -> Sent:
        """One batch DELETE, or one single delete."""
        cid = entries[0].campaign_id
        assert cid is not None
        if not batch:
            return Sent([await self._one(client, cid, route, entries[0])], [])
        values = [entry.value for entry in entries]
        result: BatchResult[Any]
        if route == PHONE:
            result = await client.batch.outbounds.records.delete(cid, values)
        else:
            result = await client.batch.crm_outbounds.records.delete(cid, values)
        retried = result.earlier_maybe_applied
        by_index: dict[int, list[BatchItemResult[Any]]] = defaultdict(list)
        for answer in result.items:
            by_index[answer.index].append(answer)
        settled = [_settle(entries[index], answers, retried) for index, answers in by_index.items()]
        return Sent(settled, [entries[index] for index, _ in result.unanswered])

    async def _one(self, client: BulkClient, cid: str, route: str, entry: Entry) -> Settled:
        try:
            if route == PHONE:
                await client.outbounds.records.delete(cid, entry.value)
            elif route == CUSTOMER:
                await client.crm_outbounds.records.delete(cid, entry.value)
            else:
                await client.outbounds.records_by_identifier.delete(cid, entry.value)
        except NotFoundError as error:
            ours = entry.maybe_applied or error.earlier_maybe_applied
            return Settled(entry, Outcome.DELETED if ours else Outcome.NOT_FOUND)
        return Settled(entry, Outcome.DELETED)


def _settle(entry: Entry, answers: list[BatchItemResult[Any]], retried: bool) -> Settled:
    refused = [a for a in answers if not a.ok and a.status is not BatchStatus.NOT_EXIST]
    if refused:
        return item_failure(entry, refused[0])
    removed = [a for a in answers if a.ok]
    if removed:
        return Settled(entry, Outcome.DELETED, removed[0].record_id)
    ours = retried or entry.maybe_applied
    return Settled(entry, Outcome.DELETED if ours else Outcome.NOT_FOUND)
