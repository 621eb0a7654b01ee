"""Validation of ticket request bodies: types, enums, and references to the account.

Every reference is checked against the account before anything changes, so a
refused request leaves no trace: queues, categories, statuses (a sub-status
must belong to the ticket's status), users (agent logins) and customers.
Choices where the documentation is silent: a reference to something missing is
a 400 naming the field; ``user_login: ""`` means "nobody"; ``null`` (or an
omitted field) keeps a value, on create as on update; a token in
``attachments`` must come from ``POST temporary_files``, be under 24 hours old
and not be attached yet (each upload is usable once), else 400.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from ..server._clock import MINUTE
from ..server._errors import bad_request, not_found
from ..server._routing import Ctx
from ..shared._validate import as_int, as_str, check_datetime
from ._models import (
    BODY_TYPES,
    TemporaryFile,
    Ticket,
    TicketCategory,
    TicketQueue,
    TicketStatus,
    TicketSubstatus,
)
from ._store import TicketsStore

__all__ = [
    "body_type",
    "category_ref",
    "choice",
    "custom_fields",
    "customer_ref",
    "email",
    "files",
    "message_date",
    "queue_ref",
    "status_ref",
    "string_list",
    "substatus_ref",
    "text",
    "ticket_ref",
    "user_ref",
]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\Z")


def text(data: dict[str, Any], name: str, *, required: bool) -> str | None:
    """A string field; a required one must be non-empty."""
    value = data.get(name)
    if value is None or (required and value == ""):
        if required:
            raise bad_request("required", name=name)
        return None
    return as_str(value, name)


def email(value: Any, name: str) -> str:
    """An e-mail address."""
    if not isinstance(value, str) or not _EMAIL.match(value):
        raise bad_request("invalid_value", name=name, expected="an e-mail address")
    return value


def choice(value: Any, name: str, options: Sequence[str]) -> str:
    """One of ``options``."""
    if value not in options:
        raise bad_request("invalid_value", name=name, expected=" or ".join(options))
    return str(value)


def body_type(data: dict[str, Any], default: str) -> str:
    """``body_type`` (HTML or PLAIN), ``default`` when absent."""
    value = data.get("body_type")
    return default if value is None else choice(value, "body_type", BODY_TYPES)


def string_list(value: Any, name: str) -> list[str]:
    """A JSON array of non-empty strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise bad_request("invalid_value", name=name, expected="a list of strings")
    return list(value)


def queue_ref(store: TicketsStore, value: Any) -> TicketQueue:
    """An existing ticket queue by id."""
    queue = store.queues.get(as_int(value, "ticket_queue_id"))
    if queue is None:
        raise bad_request("ticket_queue_unknown", id=value)
    return queue


def category_ref(store: TicketsStore, value: Any) -> TicketCategory:
    """An existing ticket category by id."""
    category = store.categories.get(as_int(value, "category_id"))
    if category is None:
        raise bad_request("ticket_category_unknown", id=value)
    return category


def status_ref(store: TicketsStore, value: Any) -> TicketStatus:
    """An existing ticket status by id."""
    status = store.statuses.get(as_int(value, "status_id"))
    if status is None:
        raise bad_request("ticket_status_unknown", id=value)
    return status


def substatus_ref(status: TicketStatus, value: Any) -> TicketSubstatus:
    """A sub-status of ``status`` by id."""
    substatus = status.substatuses.get(as_int(value, "substatus_id"))
    if substatus is None:
        raise bad_request("ticket_substatus_unknown", id=value, status_id=status.status_id)
    return substatus


def user_ref(ctx: Ctx, value: Any, *, allow_empty: bool) -> str:
    """An agent login of the account (``""`` for nobody, where allowed)."""
    login = as_str(value, "user_login")
    if not login:
        if allow_empty:
            return ""
        raise bad_request("required", name="user_login")
    if login not in ctx.state.agents:
        raise bad_request("ticket_user_unknown", login=login)
    return login


def customer_ref(ctx: Ctx, value: Any) -> int:
    """The id of an existing CRM customer."""
    customer_id = as_int(value, "customer_id")
    if customer_id not in ctx.state.customers:
        raise bad_request("ticket_customer_unknown", id=customer_id)
    return customer_id


def custom_fields(value: Any) -> dict[str, Any]:
    """A map of custom-field name to a string or number (``""``/``null`` clears)."""
    if not isinstance(value, dict):
        raise bad_request("invalid_value", name="custom_fields", expected="an object")
    for name, item in value.items():
        if not name or (item is not None and not _scalar(item)):
            expected = "a string or a number per field"
            raise bad_request("invalid_value", name="custom_fields", expected=expected)
    return dict(value)


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def files(ctx: Ctx, value: Any) -> list[TemporaryFile]:
    """The uploads behind ``attachments`` tokens, each usable once within 24 hours."""
    tokens = string_list(value, "attachments")
    store, now = ctx.state.tickets, ctx.state.wall_clock()
    found = []
    for token in dict.fromkeys(tokens):
        file = store.usable_file(token, now)
        if file is None:
            raise bad_request("attachment_token_invalid", token=token)
        found.append(file)
    return found


def message_date(ctx: Ctx, data: dict[str, Any]) -> dt.datetime:
    """``date`` (``YYYY-MM-DD hh:mm``) of a message, now when absent."""
    value = data.get("date")
    if value is None:
        return ctx.state.moment()
    return dt.datetime.strptime(check_datetime(value, "date"), MINUTE)


def ticket_ref(ctx: Ctx) -> Ticket:
    """The ticket named by the path's ``id``, or a 404."""
    raw = ctx.params["id"]
    ticket = ctx.state.tickets.tickets.get(int(raw)) if raw.isdigit() else None
    if ticket is None:
        raise not_found("ticket_not_found")
    return ticket
