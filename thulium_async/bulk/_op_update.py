"""Changing records (RecordUpdate items) and statuses by phone number.

A RecordUpdate names its record by exactly one key: ``phone_number`` goes
through ``PUT batch/outbounds/:id/records``; ``identifier`` (regular
campaigns) and ``customer_id`` (CRM campaigns) have no batch endpoint and go
one request per item. Every change is a PUT (or a status POST that is safe to
repeat), so resending after a lost answer changes nothing twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .. import _validation as check
from ..errors import InputError
from ..models import RecordUpdate
from ..resources._record_inputs import encode_changes
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

__all__ = ["SetStatusByPhoneNumber", "UpdateRecords"]

PHONE, IDENTIFIER, CUSTOMER = "phone_number", "identifier", "customer_id"
_SELECTORS = (PHONE, IDENTIFIER, CUSTOMER)
_FIELDS = tuple(field.name for field in attrs.fields(RecordUpdate))
_CHANGES = tuple(name for name in _FIELDS if name not in _SELECTORS)
# What each single endpoint takes: regular records have no order, CRM records no fields.
_REGULAR_CHANGES = tuple(name for name in _CHANGES if name != "order")
_CRM_CHANGES = tuple(name for name in _CHANGES if name != "record_fields")


def selector(item: Any, kind: str) -> str:
    """The one key naming the record (phone_number, identifier or customer_id)."""
    named = [name for name in _SELECTORS if getattr(item, name) is not None]
    if len(named) != 1:
        raise InputError(
            PHONE, f"{kind} naming its record by exactly one of {', '.join(_SELECTORS)}", named
        )
    return named[0]


def record_key(route: str, value: Any) -> tuple[str, Any]:
    """(key, value to send) of a record named by phone number, identifier or customer id."""
    if route == PHONE:
        phone = check.phone_number(value)
        return normal_phone(phone), phone
    if route == IDENTIFIER:
        ident = check.identifier(value)
        return ident, ident
    customer = check.positive_id(value, CUSTOMER)
    return str(customer), customer


class UpdateRecords(Operation):
    """``update_records``: status edits and other changes to existing records."""

    name = "update_records"
    batch_routes = frozenset({PHONE})

    def prepare(self, campaign_id: Any, item: Any) -> Prepared:
        """Check the selector and the changes (and that the endpoint takes them)."""
        cid = campaign(campaign_id)
        if isinstance(item, Mapping):
            check_unknown(dict(item), _FIELDS, "RecordUpdate")
            item = RecordUpdate(**item)
        if not isinstance(item, RecordUpdate):
            raise InputError("item", "a RecordUpdate or a mapping of its fields", item)
        route = selector(item, "a RecordUpdate")
        changes = encode_changes({name: getattr(item, name) for name in _CHANGES}, UTC)
        if not changes:
            raise InputError("update", "at least one field to change", item)
        if route == CUSTOMER and "record_fields" in changes:
            raise InputError("record_fields", "no record_fields for a CRM campaign record", None)
        if route != CUSTOMER and "order" in changes:
            raise InputError("order", "no order change for a regular campaign record", item.order)
        key, _ = record_key(route, getattr(item, route))
        return Prepared(cid, route, key, item, {"key": key, **changes})

    async def send(self, client: BulkClient, route: str, batch: bool, entries: list[Entry]) -> Sent:
        """One batch PUT, or one single change."""
        cid = entries[0].campaign_id
        assert cid is not None
        if batch:
            result = await client.batch.outbounds.records.update(
                cid, [entry.value for entry in entries]
            )
            settled = [
                Settled(entries[item.index], Outcome.UPDATED)
                if item.ok
                else item_failure(entries[item.index], item)
                for item in result.items
            ]
            return Sent(settled, [entries[index] for index, _ in result.unanswered])
        entry = entries[0]
        update: RecordUpdate = entry.value
        if route == PHONE:
            await client.outbounds.records.update(
                cid, update.phone_number or "", **present(update, _REGULAR_CHANGES)
            )
        elif route == IDENTIFIER:
            await client.outbounds.records_by_identifier.update(
                cid, update.identifier or "", **present(update, _REGULAR_CHANGES)
            )
        else:
            await client.crm_outbounds.records.update(
                cid, update.customer_id or 0, **present(update, _CRM_CHANGES)
            )
        return Sent([Settled(entry, Outcome.UPDATED)], [])


class SetStatusByPhoneNumber(Operation):
    """``set_status_by_phone_number``: a dictionary status for every record with a number.

    Items are ``(phone_number, dictionary_status_id)`` pairs; one request per
    item (the endpoint has no batch form). NOT_FOUND when no campaign held the
    number.
    """

    name = "set_status_by_phone_number"
    keyed = False

    def prepare(self, campaign_id: Any, item: Any) -> Prepared:
        """Check the pair: a phone number and a dictionary status id."""
        if not isinstance(item, Sequence) or isinstance(item, str) or len(item) != 2:
            raise InputError("item", "a (phone_number, dictionary_status_id) pair", item)
        phone = check.phone_number(item[0])
        status = check.positive_id(item[1], "status_id")
        key = normal_phone(phone)
        return Prepared(None, "status", key, (phone, status), {"key": key, "status_id": status})

    async def send(self, client: BulkClient, route: str, batch: bool, entries: list[Entry]) -> Sent:
        """One status change; the answer lists the campaigns it touched."""
        entry = entries[0]
        phone, status = entry.value
        campaigns = await client.outbound_status_by_phone_number.create(
            phone_number=phone, status_id=status
        )
        outcome = Outcome.UPDATED if campaigns else Outcome.NOT_FOUND
        return Sent([Settled(entry, outcome, campaigns=tuple(campaigns))], [])
