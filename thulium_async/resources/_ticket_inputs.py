"""Checking and encoding ticket bodies and list filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .. import _validation as check
from .._validation import choice, date_filter, email, text, texts
from ..errors import InputError
from ..models import TicketBodyType, TicketDirection, TicketSource
from ._base import array_param
from ._query_filters import custom_field_params

__all__ = ["encode_reply", "encode_ticket", "ticket_filters"]

_IDS = ("status_id", "substatus_id", "category_id", "ticket_queue_id", "customer_id")


def encode_ticket(values: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON body of a ticket create or change: only values that are set (ids as numbers)."""
    body: dict[str, Any] = {}
    for name in ("to", "from"):
        if values.get(name) is not None:
            body[name] = email(values[name], name)
    for name in ("subject", "body", "comment"):
        if values.get(name) is not None:
            body[name] = text(values[name], name)
    if values.get("body_type") is not None:
        body["body_type"] = choice(values["body_type"], TicketBodyType, "body_type")
    if values.get("cc") is not None:
        body["cc"] = [email(item, f"cc[{i}]") for i, item in enumerate(_many(values["cc"], "cc"))]
    for name in ("attachments", "tags"):
        if values.get(name) is not None:
            body[name] = texts(values[name], name, allow_empty=True)
    if values.get("source") is not None:
        body["source"] = choice(values["source"], TicketSource, "source")
    if values.get("direction") is not None:
        body["direction"] = choice(values["direction"], TicketDirection, "direction")
    if values.get("user_login") is not None:
        body["user_login"] = check.login(values["user_login"], "user_login")
    for name in _IDS:
        if values.get(name) is not None:
            body[name] = check.positive_id(values[name], name)
    if values.get("custom_fields") is not None:
        body["custom_fields"] = check.string_map(values["custom_fields"], "custom_fields")
    return body


def _many(values: Any, field: str) -> list[Any]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputError(field, "a list", values)
    return list(values)


def encode_reply(
    *,
    body: str,
    body_type: TicketBodyType | str | None,
    date: dt.datetime | str | None,
    tz: dt.tzinfo,
    user_login: str | None = None,
    attachments: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The body of an agent or customer response (``date`` as ``YYYY-MM-DD hh:mm``)."""
    result: dict[str, Any] = {"body": text(body, "body")}
    if body_type is not None:
        result["body_type"] = choice(body_type, TicketBodyType, "body_type")
    if user_login is not None:
        result["user_login"] = check.login(user_login, "user_login")
    if date is not None:
        result["date"] = check.datetime_value(date, "date", tz)
    if attachments is not None:
        result["attachments"] = texts(attachments, "attachments", allow_empty=True)
    return result


def ticket_filters(values: Mapping[str, Any], tz: dt.tzinfo) -> list[tuple[str, str]]:
    """The ticket-list filters in the API's wire form (``status_id[]=1&status_id[]=2``)."""
    params: list[tuple[str, str]] = []
    params += [
        (name, date_filter(values[name], name, tz))
        for name in ("date_from", "date_to", "create_date_from", "create_date_to")
        if values.get(name) is not None
    ]
    params += [
        (name, str(check.positive_id(values[name], name)))
        for name in ("company_id", "customer_id", "ticket_queue_id", "category_id", "message_id")
        if values.get(name) is not None
    ]
    if values.get("user_login") is not None:
        params.append(("user_login", check.login(values["user_login"], "user_login")))
    if values.get("source") is not None:
        params.append(("source", choice(values["source"], TicketSource, "source")))
    if values.get("status_id") is not None:
        params += array_param("status_id", values["status_id"], check.positive_id)
    if values.get("custom_fields") is not None:
        params += custom_field_params(values["custom_fields"])
    return params
