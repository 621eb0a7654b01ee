"""How tickets, their dictionaries and temporary files look on the wire.

Ticket shapes follow the catalogue's examples: ``status_id``, ``substatus_id``
and ``category_id`` are strings while ``ticket_id``, ``ticket_queue_id`` and
``customer_id`` are integers; missing values are ``""``; dates are local
``YYYY-MM-DD hh:mm``; ``close_time`` and ``first_agent_response_time`` are
``hh:mm:ss`` durations whose hours may pass 24.

Choices where the documentation is silent: the dictionaries (no doc page) are
plain arrays with integer ids named as the ticket fields they feed
(``{"ticket_queue_id", "name", "email"}``, ``{"category_id", "name"}``,
``{"status_id", "name", "closed", "substatuses": [{"substatus_id", "name"}]}``);
a message's attachments are ``{"filename", "token", "size"}``, the shape
``POST temporary_files`` answers; ``custom_fields`` (with
``include_custom_fields=true``) maps every ticket custom field of the account to
its value, ``null`` when unset, as customers do; ``today_stats`` is described at
``today_stats``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..server._clock import hms, minute_stamp
from ._models import (
    Attachment,
    TemporaryFile,
    Ticket,
    TicketCategory,
    TicketMessage,
    TicketQueue,
    TicketStatus,
)
from ._store import TicketsStore

__all__ = [
    "attachment_view",
    "category_view",
    "duration",
    "file_view",
    "message_view",
    "minute",
    "queue_view",
    "status_view",
    "ticket_item",
    "ticket_view",
    "today_stats",
]


def minute(value: dt.datetime | None) -> str:
    """``YYYY-MM-DD hh:mm``, or ``""`` for a missing date."""
    return "" if value is None else minute_stamp(value)


def duration(start: dt.datetime, end: dt.datetime | None) -> str:
    """``hh:mm:ss`` from ``start`` to ``end`` (hours unbounded), ``""`` without an end."""
    return "" if end is None else hms((end - start).total_seconds())


def ticket_item(ticket: Ticket) -> dict[str, Any]:
    """An entry of ``GET tickets`` (no messages).

    The doc page is cut before its example; beyond the fields the catalog's
    inferred example shows, a row carries ``from``, ``ticket_queue_name``,
    ``full_status_name`` (as ``GET tickets/{id}`` writes them) and ``source``
    (how the ticket came in), because a public consumer of the list reads them
    from list rows. Inferred, not documented.
    """
    return {
        "ticket_id": ticket.ticket_id,
        "subject": ticket.subject,
        "from": ticket.from_,
        "status_id": str(ticket.status.status_id),
        "full_status_name": ticket.full_status_name,
        "ticket_queue_id": ticket.queue.ticket_queue_id,
        "ticket_queue_name": ticket.queue.name,
        "source": ticket.source,
        "customer_id": "" if ticket.customer_id is None else ticket.customer_id,
        "user_login": ticket.user_login,
        "created_at": minute(ticket.created_at),
        "updated_at": minute(ticket.updated_at),
    }


def ticket_view(
    store: TicketsStore, ticket: Ticket, *, include_custom_fields: bool
) -> dict[str, Any]:
    """``GET tickets/{id}``: the ticket with its messages (and custom fields when asked)."""
    substatus, category = ticket.substatus, ticket.category
    view: dict[str, Any] = {
        "ticket_id": ticket.ticket_id,
        "from": ticket.from_,
        "ticket_queue_name": ticket.queue.name,
        "ticket_queue_id": ticket.queue.ticket_queue_id,
        "subject": ticket.subject,
        "status_id": str(ticket.status.status_id),
        "substatus_id": "" if substatus is None else str(substatus.substatus_id),
        "customer_id": "" if ticket.customer_id is None else ticket.customer_id,
        "full_status_name": ticket.full_status_name,
        "category_id": "" if category is None else str(category.category_id),
        "user_login": ticket.user_login,
        "created_at": minute(ticket.created_at),
        "updated_at": minute(ticket.updated_at),
        "closed_at": minute(ticket.closed_at),
        "close_time": duration(ticket.created_at, ticket.closed_at),
        "first_agent_responded_at": minute(ticket.first_agent_responded_at),
        "first_agent_response_time": duration(ticket.created_at, ticket.first_agent_responded_at),
        "messages": [message_view(m) for m in ticket.messages],
    }
    if include_custom_fields:
        values = ticket.custom_fields
        view["custom_fields"] = {name: values.get(name) for name in store.custom_fields}
    return view


def message_view(message: TicketMessage) -> dict[str, Any]:
    """A ticket message (``body_type`` is stored but, as in the docs, not shown)."""
    return {
        "message_id": message.message_id,
        "user_login": message.user_login,
        "type": message.type,
        "body": message.body,
        "comment": message.comment,
        "system_comment": message.system_comment,
        "created_at": minute(message.created_at),
        "attachments": [attachment_view(a) for a in message.attachments],
    }


def attachment_view(attachment: Attachment) -> dict[str, Any]:
    """A message attachment: the uploaded file's name, token and size."""
    return {
        "filename": attachment.filename,
        "token": attachment.token,
        "size": len(attachment.content),
    }


def file_view(file: TemporaryFile) -> dict[str, Any]:
    """``POST temporary_files``'s answer."""
    return {"filename": file.filename, "token": file.token, "size": len(file.content)}


def queue_view(queue: TicketQueue) -> dict[str, Any]:
    """An entry of ``GET ticket_queues``."""
    return {"ticket_queue_id": queue.ticket_queue_id, "name": queue.name, "email": queue.email}


def category_view(category: TicketCategory) -> dict[str, Any]:
    """An entry of ``GET ticket_categories``."""
    return {"category_id": category.category_id, "name": category.name}


def status_view(status: TicketStatus) -> dict[str, Any]:
    """An entry of ``GET ticket_statuses`` with its sub-statuses."""
    return {
        "status_id": status.status_id,
        "name": status.name,
        "closed": status.closed,
        "substatuses": [
            {"substatus_id": s.substatus_id, "name": s.name} for s in status.substatuses.values()
        ],
    }


def today_stats(store: TicketsStore, now: dt.datetime) -> dict[str, Any]:
    """``GET tickets/today_stats``: counts over the account's local day of ``now``.

    ``created``/``closed``: tickets created or closed today; ``responded``:
    tickets an agent replied to today; ``agent_responses``,
    ``customer_responses`` and ``comments``: today's REPLY, MAIL and (non-system)
    COMMENT messages; ``open``: tickets not closed right now, whatever their
    age; ``average_first_agent_response_time``: over tickets first answered
    today (``"00:00:00"`` when none).
    """
    today = now.date()
    created = closed = responded = replies = mails = comments = is_open = 0
    waits: list[int] = []
    for ticket in store.tickets.values():
        created += ticket.created_at.date() == today
        closed += ticket.closed_at is not None and ticket.closed_at.date() == today
        is_open += ticket.closed_at is None
        first = ticket.first_agent_responded_at
        if first is not None and first.date() == today:
            waits.append(max(0, int((first - ticket.created_at).total_seconds())))
        answered = False
        for message in ticket.messages:
            if message.created_at.date() != today:
                continue
            if message.type == "REPLY" and message.user_login:
                replies += 1
                answered = True
            elif message.type == "MAIL":
                mails += 1
            elif message.type == "COMMENT" and not message.system_comment:
                comments += 1
        responded += answered
    average = sum(waits) // len(waits) if waits else 0
    start = dt.datetime.combine(today, dt.time())
    return {
        "date": today.isoformat(),
        "created": created,
        "closed": closed,
        "responded": responded,
        "agent_responses": replies,
        "customer_responses": mails,
        "comments": comments,
        "open": is_open,
        "average_first_agent_response_time": duration(start, start + dt.timedelta(seconds=average)),
    }
