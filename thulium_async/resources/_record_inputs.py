"""Checking and encoding record inputs (new records, changes) for the wire."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from .. import _validation as check
from ..errors import InputError
from ..models import CampaignStatus, NewCrmRecord, NewRecord, RecordUpdate, SystemStatus
from ._statuses_cache import system_status_of

__all__ = [
    "encode_changes",
    "encode_new_crm_record",
    "encode_new_record",
    "require_status_fields",
]


def encode_changes(values: dict[str, Any], tz: dt.tzinfo, prefix: str = "") -> dict[str, Any]:
    """The JSON body for record fields that are set (None means "not sent").

    Ids go out as JSON numbers (the docs' examples use both numbers and strings).
    ``status_id`` and ``dictionary_status_id`` are alternatives: giving both is
    refused, since which one the API would apply is undocumented.
    """
    body: dict[str, Any] = {}
    if values.get("status_id") is not None:
        body["status_id"] = check.positive_id(values["status_id"], f"{prefix}status_id")
    if values.get("dictionary_status_id") is not None:
        if "status_id" in body:
            raise InputError(
                f"{prefix}dictionary_status_id",
                "status_id or dictionary_status_id, not both",
                values["dictionary_status_id"],
            )
        body["dictionary_status_id"] = check.positive_id(
            values["dictionary_status_id"], f"{prefix}dictionary_status_id"
        )
    if values.get("identifier") is not None:
        body["identifier"] = check.identifier(values["identifier"], f"{prefix}identifier")
    if values.get("agent_login") is not None:
        body["agent_login"] = check.login(values["agent_login"], f"{prefix}agent_login")
    if values.get("next_call_date") is not None:
        body["next_call_date"] = check.datetime_value(
            values["next_call_date"], f"{prefix}next_call_date", tz
        )
    if values.get("record_fields") is not None:
        body["record_fields"] = check.string_map(values["record_fields"], f"{prefix}record_fields")
    if values.get("order") is not None:
        body["order"] = check.number_in_range(values["order"], f"{prefix}order", 0, 2**31 - 1)
    check.wire_safe(body, prefix.rstrip("."))
    return body


def encode_new_record(record: Any, tz: dt.tzinfo, prefix: str = "") -> dict[str, Any]:
    """The body for a new regular-campaign record (a NewRecord or a mapping of its fields)."""
    values = _values(record, NewRecord, prefix)
    if values.get("phone_number") is None:
        raise InputError(f"{prefix}phone_number", "a phone number (required)", None)
    phone = check.phone_number(values["phone_number"], f"{prefix}phone_number")
    return {"phone_number": phone, **encode_changes(values, tz, prefix)}


def encode_new_crm_record(record: Any, tz: dt.tzinfo, prefix: str = "") -> dict[str, Any]:
    """The body for a customer added to a CRM campaign (NewCrmRecord or a mapping)."""
    values = _values(record, NewCrmRecord, prefix)
    if values.get("customer_id") is None:
        raise InputError(f"{prefix}customer_id", "a CRM customer id (required)", None)
    customer = check.positive_id(values["customer_id"], f"{prefix}customer_id")
    return {"customer_id": customer, **encode_changes(values, tz, prefix)}


def require_status_fields(
    body: dict[str, Any], statuses: list[CampaignStatus], prefix: str = ""
) -> None:
    """Refuse a status whose system status needs fields the body lacks, or an unknown status."""
    status_id = body.get("status_id")
    dictionary_id = body.get("dictionary_status_id")
    if status_id is None and dictionary_id is None:
        return
    system = system_status_of(statuses, status_id=status_id, dictionary_status_id=dictionary_id)
    if system is None:
        if status_id is not None:
            known = sorted(status.status_id for status in statuses)
            raise InputError(
                f"{prefix}status_id", f"one of the campaign's status ids {known}", status_id
            )
        return  # a dictionary status not used by this campaign: the API decides
    if system is SystemStatus.MY_RECORD:
        for name in ("agent_login", "next_call_date"):
            if name not in body:
                raise InputError(f"{prefix}{name}", "a value: the status is MY_RECORD", None)
    if system is SystemStatus.CALL_NO_SOONER_THAN and "next_call_date" not in body:
        raise InputError(
            f"{prefix}next_call_date", "a value: the status is CALL_NO_SOONER_THAN", None
        )


_FIELDS: dict[type, frozenset[str]] = {
    cls: frozenset(field.name for field in attrs.fields(cls))
    for cls in (NewRecord, NewCrmRecord, RecordUpdate)
}


def _values(record: Any, cls: type, prefix: str) -> dict[str, Any]:
    """Field values of an input model, or of a plain mapping with the model's keys."""
    if isinstance(record, cls):
        return {name: getattr(record, name) for name in _FIELDS[cls]}
    if isinstance(record, dict):
        unknown = set(record) - _FIELDS[cls]
        if unknown:
            raise InputError(
                f"{prefix}{sorted(unknown)[0]}",
                f"one of {cls.__name__}'s fields {sorted(_FIELDS[cls])}",
                None,
            )
        return record
    raise InputError(
        prefix.rstrip(".") or "record", f"a {cls.__name__} or a mapping of its fields", record
    )
