"""The tickets area's records: dictionaries, tickets, their messages, temporary files.

Times are naive local datetimes (seconds kept, so durations are exact); the
views format them as the API does (``YYYY-MM-DD hh:mm``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

__all__ = [
    "BODY_TYPES",
    "DIRECTIONS",
    "MESSAGE_TYPES",
    "RECEIVED",
    "SOURCES",
    "Attachment",
    "TemporaryFile",
    "Ticket",
    "TicketCategory",
    "TicketMessage",
    "TicketQueue",
    "TicketStatus",
    "TicketSubstatus",
]

SOURCES = ("email", "phone", "sms", "chat", "www")
DIRECTIONS = ("in_behalf_of", "out")
# "in": a ticket opened by a customer's e-mail to a queue mailbox, which the API
# cannot do (``FakeThulium.receive_ticket_email`` models it).
RECEIVED = "in"
BODY_TYPES = ("HTML", "PLAIN")
MESSAGE_TYPES = ("MAIL", "REPLY", "COMMENT")


@attrs.define(eq=False)
class TicketQueue:
    """A ticket queue; ``email`` is its mailbox (``""``: none), matched by ``to`` on create."""

    ticket_queue_id: int
    name: str
    email: str = ""


@attrs.define(eq=False)
class TicketCategory:
    """A ticket category."""

    category_id: int
    name: str


@attrs.define(eq=False)
class TicketSubstatus:
    """A sub-status; it belongs to exactly one status."""

    substatus_id: int
    name: str


@attrs.define(eq=False)
class TicketStatus:
    """A ticket status; ``closed`` statuses close the tickets that take them."""

    status_id: int
    name: str
    closed: bool = False
    substatuses: dict[int, TicketSubstatus] = attrs.field(factory=dict)


@attrs.define(eq=False)
class TemporaryFile:
    """A file uploaded with ``POST temporary_files``; ``ticket_id`` is set once attached."""

    token: str
    filename: str
    content: bytes
    content_type: str
    uploaded_at: dt.datetime
    ticket_id: int | None = None


@attrs.define(eq=False)
class Attachment:
    """A file attached to a ticket message, known by the token it was uploaded under."""

    token: str
    filename: str
    content: bytes
    content_type: str


@attrs.define(eq=False)
class TicketMessage:
    """A MAIL (from the customer), REPLY (to the customer) or COMMENT of a ticket."""

    message_id: int
    type: str
    created_at: dt.datetime
    user_login: str = ""
    body: str = ""
    body_type: str = ""
    comment: str = ""
    system_comment: str = ""
    attachments: list[Attachment] = attrs.field(factory=list)


@attrs.define(eq=False)
class Ticket:
    """A ticket with its messages.

    ``to``, ``cc``, ``source``, ``direction`` and ``tags`` are accepted by the API
    but never shown by it; ``FakeThulium.ticket_meta()`` exposes them to tests.
    ``ever_closed`` stays true once the ticket has been closed, reopened or not:
    TICKET_CLOSED is sent on the first closing only.
    """

    ticket_id: int
    subject: str
    queue: TicketQueue
    status: TicketStatus
    created_at: dt.datetime
    updated_at: dt.datetime
    substatus: TicketSubstatus | None = None
    category: TicketCategory | None = None
    from_: str = ""
    to: str = ""
    cc: list[str] = attrs.field(factory=list)
    customer_id: int | None = None
    user_login: str = ""
    source: str = "email"
    direction: str = "in_behalf_of"
    tags: list[str] = attrs.field(factory=list)
    custom_fields: dict[str, Any] = attrs.field(factory=dict)
    closed_at: dt.datetime | None = None
    ever_closed: bool = False
    first_agent_responded_at: dt.datetime | None = None
    messages: list[TicketMessage] = attrs.field(factory=list)

    @property
    def full_status_name(self) -> str:
        """``status - sub-status`` (the status alone when there is no sub-status)."""
        if self.substatus is None:
            return self.status.name
        return f"{self.status.name} - {self.substatus.name}"
