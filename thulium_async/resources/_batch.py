"""``batch/...``: the multi-status (207) endpoints of the campaign area.

The 207 shapes differ by endpoint (conventions.md): keyed by phone number, by
customer id, or an array; a delete by phone number answers an array per key.
Every item result is mapped back to the input it belongs to (``index`` and
``input``); two inputs with the same key cannot be told apart in the answer,
so a call with duplicate keys is refused before sending.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from .. import _validation as check
from .._logging import logger
from .._transport import RawResponse
from ..errors import InputError
from ..models import (
    BatchItemResult,
    BatchResult,
    BatchStatus,
    NewCrmRecord,
    NewRecord,
    RecordUpdate,
)
from ._base import Context, Resource, array_param, bool_param
from ._batch_customers import BatchCustomers
from ._outbound_records import RecordResource, additional_numbers
from ._record_inputs import encode_changes, encode_new_crm_record, encode_new_record

__all__ = ["Batch", "BatchCrmOutboundRecords", "BatchOutboundRecords", "BatchOutbounds"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class _WireItem:
    http_status: int
    status: BatchStatus | None = None
    record_id: int | None = None
    message: str | None = None
    id: str | None = None


def _unique_keys(keys: Sequence[str], field: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in positions:
            raise InputError(
                f"{field}[{index}]",
                f"a key not already used in this batch (same as item {positions[key]})",
                key,
            )
        positions[key] = index
    if not positions:
        raise InputError(field, "at least one item", [])
    return positions


def _normal(key: str) -> str:
    return key.lstrip("+")


class _BatchResource(Resource):
    def _results(
        self, raw: RawResponse, keys: dict[str, int], inputs: Sequence[T], body: Any = None
    ) -> BatchResult[T]:
        """Map a keyed 207 body (object of key -> item or key -> [items]) to the inputs."""
        body = raw.json() if body is None else body
        if not isinstance(body, Mapping):
            body = self._structure(raw, dict[str, Any], body)
        fallback = {_normal(key): index for key, index in keys.items()}
        items: list[BatchItemResult[T]] = []
        answered: set[int] = set()
        for key, value in body.items():
            index = keys.get(str(key), fallback.get(_normal(str(key))))
            if index is None:
                logger.warning("batch answer has key %r that matches no input; ignored", key)
                continue
            answered.add(index)
            wires = self._structure(
                raw, list[_WireItem], value if isinstance(value, list) else [value]
            )
            items.extend(_item(index, str(key), inputs[index], wire) for wire in wires)
        unanswered = [(index, inputs[index]) for index in sorted(set(keys.values()) - answered)]
        items.sort(key=lambda item: item.index)
        return BatchResult(
            items=items, unanswered=unanswered, earlier_maybe_applied=raw.earlier_maybe_applied
        )


def _item(index: int, key: str, value: T, wire: _WireItem) -> BatchItemResult[T]:
    return BatchItemResult(
        index=index,
        key=key,
        input=value,
        http_status=wire.http_status,
        status=wire.status,
        record_id=wire.record_id,
        message=wire.message,
    )


class BatchOutboundRecords(_BatchResource, RecordResource):
    """``batch/outbounds/:id/records``: many regular-campaign records in one call."""

    async def create(
        self, campaign_id: str | int, records: Sequence[NewRecord | Mapping[str, Any]]
    ) -> BatchResult[NewRecord | Mapping[str, Any]]:
        """Add records; each result says ADDED, ALREADY_EXISTS (with record_id) or FAILED.

        The answer's shape is inferred (the doc example is truncated): an object
        keyed by phone number, like the CRM variant. Safe to repeat: numbers
        already added come back ALREADY_EXISTS with their record id.
        """
        cid = check.campaign_id(campaign_id)
        tz = self._context.timezone
        bodies = [
            encode_new_record(record, tz, f"records[{i}].") for i, record in enumerate(records)
        ]
        keys = _unique_keys([body["phone_number"] for body in bodies], "records")
        for index, body in enumerate(bodies):
            await self._check_statuses(cid, body, f"records[{index}].")
        raw = await self._call(
            "POST", f"batch/outbounds/{cid}/records", json={"records": bodies}, safe_to_repeat=True
        )
        return self._results(raw, keys, records)

    async def update(
        self,
        campaign_id: str | int,
        records: Sequence[RecordUpdate],
        *,
        search_in_additional_numbers: bool = False,
    ) -> BatchResult[RecordUpdate]:
        """Change records named by phone number (duplicated numbers cannot be edited here)."""
        cid = check.campaign_id(campaign_id)
        bodies = []
        for index, update in enumerate(records):
            prefix = f"records[{index}]."
            if not isinstance(update, RecordUpdate):
                raise InputError(prefix.rstrip("."), "a RecordUpdate", update)
            if update.identifier is not None or update.customer_id is not None:
                raise InputError(
                    f"{prefix}phone_number", "records named by phone_number only", None
                )
            if update.phone_number is None:
                raise InputError(
                    f"{prefix}phone_number", "the phone number of the record to change", None
                )
            changes = encode_changes(
                attrs.asdict(update, recurse=False), self._context.timezone, prefix
            )
            changes.pop("identifier", None)
            if not changes:
                raise InputError(prefix.rstrip("."), "at least one field to change", update)
            bodies.append(
                {
                    "phone_number": check.phone_number(
                        update.phone_number, f"{prefix}phone_number"
                    ),
                    **changes,
                }
            )
        keys = _unique_keys([body["phone_number"] for body in bodies], "records")
        # Every item is checked before the status lookup, the first request.
        for index, body in enumerate(bodies):
            await self._check_statuses(cid, body, f"records[{index}].")
        params = additional_numbers(search_in_additional_numbers)
        raw = await self._call(
            "PUT", f"batch/outbounds/{cid}/records", params=params, json={"records": bodies}
        )
        return self._results(raw, keys, list(records))

    async def delete(
        self,
        campaign_id: str | int,
        phone_numbers: Iterable[str],
        *,
        search_in_additional_numbers: bool = False,
    ) -> BatchResult[str]:
        """Remove every record with each number; one result per removed record.

        Statuses: REMOVED, NOT_EXIST, CALL_IN_PROGRESS (records in a call stay).
        """
        cid = check.campaign_id(campaign_id)
        params = array_param(
            "phone_number",
            check.items(phone_numbers, "phone_numbers", "phone numbers"),
            check.phone_number,
        )
        phones = [value for _, value in params]
        keys = _unique_keys(phones, "phone_numbers")
        params += additional_numbers(search_in_additional_numbers) or []
        raw = await self._call("DELETE", f"batch/outbounds/{cid}/records", params=params)
        return self._results(raw, keys, phones)


class BatchCrmOutboundRecords(_BatchResource, RecordResource):
    """``batch/crm_outbounds/:id/records``: many CRM customers in one call."""

    async def create(
        self, campaign_id: str | int, records: Sequence[NewCrmRecord | Mapping[str, Any]]
    ) -> BatchResult[NewCrmRecord | Mapping[str, Any]]:
        """Add customers; results keyed by customer id (ADDED, ALREADY_EXISTS, FAILED)."""
        cid = check.campaign_id(campaign_id)
        tz = self._context.timezone
        bodies = [
            encode_new_crm_record(record, tz, f"records[{i}].") for i, record in enumerate(records)
        ]
        keys = _unique_keys([str(body["customer_id"]) for body in bodies], "records")
        for index, body in enumerate(bodies):
            await self._check_statuses(cid, body, f"records[{index}].")
        raw = await self._call(
            "POST",
            f"batch/crm_outbounds/{cid}/records",
            json={"records": bodies},
            safe_to_repeat=True,
        )
        return self._results(raw, keys, records)

    async def delete(self, campaign_id: str | int, customer_ids: Iterable[int]) -> BatchResult[int]:
        """Remove customers' records: REMOVED, NOT_EXIST or CALL_IN_PROGRESS each."""
        cid = check.campaign_id(campaign_id)
        params = array_param(
            "customer_id",
            check.items(customer_ids, "customer_ids", "customer ids"),
            check.positive_id,
        )
        ids = [int(value) for _, value in params]
        keys = _unique_keys([str(value) for value in ids], "customer_ids")
        raw = await self._call("DELETE", f"batch/crm_outbounds/{cid}/records", params=params)
        return self._results(raw, keys, ids)


class BatchOutbounds(_BatchResource):
    """``batch/outbounds``: campaigns in bulk; ``records`` for their records."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.records = BatchOutboundRecords(context)

    async def delete(
        self, campaign_ids: Iterable[str | int], *, delete_recordings: bool = False
    ) -> BatchResult[str]:
        """Queue campaigns for deletion: REMOVAL_QUEUED, NOT_EXIST or ALREADY_QUEUED each.

        This endpoint answers an array of ``{http_status, id, status}`` objects.
        """
        params = array_param(
            "id", check.items(campaign_ids, "campaign_ids", "campaign ids"), check.campaign_id
        )
        ids = [value for _, value in params]
        keys = _unique_keys(ids, "campaign_ids")
        if delete_recordings:
            params.append(("delete_recordings", bool_param(True)))
        raw = await self._call("DELETE", "batch/outbounds", params=params)
        answer = raw.json()
        if not isinstance(answer, list):
            answer = self._structure(raw, list[dict[str, Any]])
        # An array of {http_status, id, status}: key it by id like the other 207s.
        body = {str(item.get("id")): item for item in answer if isinstance(item, Mapping)}
        return self._results(raw, keys, ids, body)


class BatchCrmOutbounds(Resource):
    """``batch/crm_outbounds``: see ``records``."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.records = BatchCrmOutboundRecords(context)


class Batch(Resource):
    """``batch``: the API's multi-status endpoints."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.outbounds = BatchOutbounds(context)
        self.crm_outbounds = BatchCrmOutbounds(context)
        self.customers = BatchCustomers(context)
