"""The webhook events of the tickets area, emitted where the fake changes a ticket.

Each function hands one event to ``State.emit`` (built only when a
subscription listens), dated with the account's current local time: the time
Thulium registers the change, even when a message carries a backdated
``date``. ``agent_login`` is the agent the request names (the author of a
reply or comment) or, for changes made to the ticket itself, the ticket's
assigned agent after the change; ``None`` when there is none. Which changes
emit which event is described in ``_handlers``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ...webhooks import (
    TicketAgentReplied,
    TicketClosed,
    TicketCommentCreated,
    TicketCreated,
    TicketDirection,
    TicketMessageReceived,
    TicketQueueChanged,
    TicketStatusChanged,
)
from ._models import Ticket, TicketMessage

if TYPE_CHECKING:
    from ..server._state import State

__all__ = [
    "agent_replied",
    "closed",
    "comment_created",
    "created",
    "message_received",
    "queue_changed",
    "status_changed",
]


def _now(state: State) -> dt.datetime:
    return state.aware(state.moment())


def _agent(ticket: Ticket) -> str | None:
    return ticket.user_login or None


def created(state: State, ticket: Ticket) -> None:
    """TICKET_CREATED for a new ticket; ``direction`` is how it was added."""
    state.emit(
        lambda: TicketCreated(
            ticket_id=ticket.ticket_id,
            date=_now(state),
            agent_login=_agent(ticket),
            direction=TicketDirection(ticket.direction),
        )
    )


def message_received(state: State, ticket: Ticket, message: TicketMessage) -> None:
    """TICKET_MESSAGE_RECEIVED for a customer's MAIL added to an existing ticket."""
    state.emit(
        lambda: TicketMessageReceived(
            ticket_id=ticket.ticket_id,
            date=_now(state),
            message_id=message.message_id,
            ticket_queue_id=ticket.queue.ticket_queue_id,
        )
    )


def agent_replied(state: State, ticket: Ticket, message: TicketMessage) -> None:
    """TICKET_AGENT_REPLIED for an agent's REPLY; the agent is the message's author."""
    state.emit(
        lambda: TicketAgentReplied(
            ticket_id=ticket.ticket_id,
            date=_now(state),
            message_id=message.message_id,
            agent_login=message.user_login or None,
        )
    )


def comment_created(state: State, ticket: Ticket, message: TicketMessage) -> None:
    """TICKET_COMMENT_CREATED for a COMMENT; the agent is its author, if any."""
    state.emit(
        lambda: TicketCommentCreated(
            ticket_id=ticket.ticket_id,
            date=_now(state),
            message_id=message.message_id,
            agent_login=message.user_login or None,
        )
    )


def queue_changed(state: State, ticket: Ticket) -> None:
    """TICKET_QUEUE_CHANGED for a ticket moved to another queue (the new one's id)."""
    state.emit(
        lambda: TicketQueueChanged(
            ticket_id=ticket.ticket_id,
            date=_now(state),
            ticket_queue_id=ticket.queue.ticket_queue_id,
            agent_login=_agent(ticket),
        )
    )


def status_changed(state: State, ticket: Ticket) -> None:
    """TICKET_STATUS_CHANGED with the ticket's new status and sub-status."""
    state.emit(
        lambda: TicketStatusChanged(
            ticket_id=ticket.ticket_id,
            date=_now(state),
            status_id=ticket.status.status_id,
            substatus_id=None if ticket.substatus is None else ticket.substatus.substatus_id,
            agent_login=_agent(ticket),
        )
    )


def closed(state: State, ticket: Ticket) -> None:
    """TICKET_CLOSED; the callers send it on a ticket's first closing only."""
    state.emit(
        lambda: TicketClosed(
            ticket_id=ticket.ticket_id,
            date=_now(state),
            agent_login=_agent(ticket),
        )
    )
