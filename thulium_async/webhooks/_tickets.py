"""Ticket events: created, replied, commented, moved, re-statused and closed."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from ._base import WebhookEvent, register
from ._enums import TicketDirection

__all__ = [
    "TicketAgentReplied",
    "TicketClosed",
    "TicketCommentCreated",
    "TicketCreated",
    "TicketEvent",
    "TicketMessageReceived",
    "TicketQueueChanged",
    "TicketStatusChanged",
]


@attrs.frozen(kw_only=True)
class TicketEvent(WebhookEvent):
    """Base of the ticket events: something happened to one ticket."""

    ticket_id: int
    date: dt.datetime


@register
@attrs.frozen(kw_only=True)
class TicketCreated(TicketEvent):
    """TICKET_CREATED: a ticket was created; ``direction`` says how it was added."""

    ACTION: ClassVar[str] = "TICKET_CREATED"
    agent_login: str | None = None
    direction: TicketDirection | None = None


@register
@attrs.frozen(kw_only=True)
class TicketMessageReceived(TicketEvent):
    """TICKET_MESSAGE_RECEIVED: a customer's message arrived in a ticket."""

    ACTION: ClassVar[str] = "TICKET_MESSAGE_RECEIVED"
    message_id: int | None = None
    ticket_queue_id: int | None = None


@register
@attrs.frozen(kw_only=True)
class TicketAgentReplied(TicketEvent):
    """TICKET_AGENT_REPLIED: an agent replied in a ticket."""

    ACTION: ClassVar[str] = "TICKET_AGENT_REPLIED"
    message_id: int | None = None
    agent_login: str | None = None


@register
@attrs.frozen(kw_only=True)
class TicketCommentCreated(TicketEvent):
    """TICKET_COMMENT_CREATED: an agent added a comment to a ticket."""

    ACTION: ClassVar[str] = "TICKET_COMMENT_CREATED"
    message_id: int | None = None
    agent_login: str | None = None


@register
@attrs.frozen(kw_only=True)
class TicketQueueChanged(TicketEvent):
    """TICKET_QUEUE_CHANGED: a ticket was moved to another ticket queue."""

    ACTION: ClassVar[str] = "TICKET_QUEUE_CHANGED"
    ticket_queue_id: int | None = None
    agent_login: str | None = None


@register
@attrs.frozen(kw_only=True)
class TicketStatusChanged(TicketEvent):
    """TICKET_STATUS_CHANGED: a ticket's status (and sub-status) changed."""

    ACTION: ClassVar[str] = "TICKET_STATUS_CHANGED"
    status_id: int | None = None
    substatus_id: int | None = None
    agent_login: str | None = None


@register
@attrs.frozen(kw_only=True)
class TicketClosed(TicketEvent):
    """TICKET_CLOSED: a ticket was closed for the first time (later closings send nothing)."""

    ACTION: ClassVar[str] = "TICKET_CLOSED"
    agent_login: str | None = None
