"""Changes to tickets shared by the handlers and the setup helpers (no validation here).

Choices where the documentation is silent: ``closed_at`` is the time of the
latest closing (a status marked closed) and goes back to ``""`` when the
ticket is reopened, ``close_time`` running from creation to that closing;
``first_agent_responded_at`` is the date of the earliest agent REPLY (a
backdated ``date`` counts as given); a status change adds a COMMENT message
whose ``system_comment`` reads ``Changed status from [old] to [new]`` (the
wording of the documentation's example); replies never change the status
by themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ._models import (
    Attachment,
    TemporaryFile,
    Ticket,
    TicketMessage,
    TicketStatus,
    TicketSubstatus,
)
from ._store import TicketsStore

__all__ = [
    "add_message",
    "attach",
    "mark_closed",
    "remove_attachment",
    "set_custom_fields",
    "set_status",
]


def attach(files: Iterable[TemporaryFile], ticket_id: int) -> list[Attachment]:
    """Attachments from uploaded files, each token then used up by ``ticket_id``."""
    attachments = []
    for file in files:
        file.ticket_id = ticket_id
        attachments.append(Attachment(file.token, file.filename, file.content, file.content_type))
    return attachments


def add_message(
    store: TicketsStore,
    ticket: Ticket,
    kind: str,
    at: dt.datetime,
    *,
    user_login: str = "",
    body: str = "",
    body_type: str = "",
    comment: str = "",
    system_comment: str = "",
    files: Iterable[TemporaryFile] = (),
    message_id: int | None = None,
) -> TicketMessage:
    """Append a message; an agent's REPLY may become the ticket's first agent response."""
    message = TicketMessage(
        store.new_message_id(message_id),
        kind,
        at,
        user_login=user_login,
        body=body,
        body_type=body_type,
        comment=comment,
        system_comment=system_comment,
        attachments=attach(files, ticket.ticket_id),
    )
    ticket.messages.append(message)
    first = ticket.first_agent_responded_at
    if kind == "REPLY" and user_login and (first is None or at < first):
        ticket.first_agent_responded_at = at
    return message


def set_status(
    store: TicketsStore,
    ticket: Ticket,
    status: TicketStatus,
    substatus: TicketSubstatus | None,
    at: dt.datetime,
) -> bool:
    """Move the ticket to a status; True when this closes an open ticket."""
    before = ticket.full_status_name
    was_closed = ticket.status.closed
    ticket.status, ticket.substatus = status, substatus
    after = ticket.full_status_name
    if after != before:
        text = f"Changed status from [{before}] to [{after}]"
        add_message(store, ticket, "COMMENT", at, system_comment=text)
    if status.closed and not was_closed:
        mark_closed(ticket, at)
        return True
    if not status.closed:
        ticket.closed_at = None
    return False


def mark_closed(ticket: Ticket, at: dt.datetime) -> None:
    """Record a closing at ``at``; ``ever_closed`` then keeps later closings from TICKET_CLOSED."""
    ticket.closed_at = at
    ticket.ever_closed = True


def set_custom_fields(store: TicketsStore, ticket: Ticket, values: Mapping[str, Any]) -> None:
    """Merge values in; an unknown name creates the field, ``""``/``null`` clears one."""
    for name, value in values.items():
        store.custom_fields.setdefault(name, None)
        if value is None or value == "":
            ticket.custom_fields.pop(name, None)
        else:
            ticket.custom_fields[name] = value


def remove_attachment(ticket: Ticket, token: str) -> bool:
    """Drop the attachment with ``token`` from whichever message holds it; False if none."""
    for message in ticket.messages:
        for attachment in message.attachments:
            if attachment.token == token:
                message.attachments.remove(attachment)
                return True
    return False
