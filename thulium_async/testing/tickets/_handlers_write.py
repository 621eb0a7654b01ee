"""Handlers: creating (``POST tickets``) and changing (``PUT tickets/{id}``) tickets.

Choices where the documentation is silent: ``to`` must be the mailbox of a
queue even when ``ticket_queue_id`` picks the queue explicitly; a new ticket
gets the first open status unless ``status_id`` says otherwise; its first
message is a MAIL from the customer, or with ``direction: "out"`` a REPLY by
``user_login`` (which counts as the agent's first response); ``comment`` adds
an internal COMMENT after it; without ``from`` the customer's first e-mail
address is used. On update, a new ``status_id`` without ``substatus_id``
clears the sub-status; ``tags`` replace the ticket's tags; ``updated_at``
moves only when something actually changes. Closing a ticket (a status marked
closed) credits its assigned agent with a ``ticket_closed`` act for the agents'
work report. The webhooks both send are listed in ``_handlers``.
"""

from __future__ import annotations

from typing import Any

from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from . import _events as events
from ._input import (
    body_type,
    category_ref,
    choice,
    custom_fields,
    customer_ref,
    email,
    files,
    queue_ref,
    status_ref,
    string_list,
    substatus_ref,
    text,
    ticket_ref,
    user_ref,
)
from ._models import DIRECTIONS, SOURCES, Ticket, TicketSubstatus
from ._ops import add_message, mark_closed, set_custom_fields, set_status

__all__ = ["CREATE_FIELDS", "UPDATE_FIELDS", "create", "update"]

UPDATE_FIELDS = frozenset(
    {"user_login", "status_id", "substatus_id", "category_id", "tags", "ticket_queue_id"}
    | {"custom_fields"}
)
CREATE_FIELDS = UPDATE_FIELDS | {
    "to",
    "from",
    "subject",
    "body",
    "body_type",
    "comment",
    "cc",
    "attachments",
    "source",
    "direction",
    "customer_id",
}


def _present(data: dict[str, Any], name: str) -> bool:
    return data.get(name) is not None


def create(ctx: Ctx) -> Reply:
    """POST tickets: ``{"ticket_id": 1232}`` (an integer)."""
    data, state = ctx.fields(), ctx.state
    store = state.tickets
    to = email(text(data, "to", required=True), "to")
    subject = text(data, "subject", required=True)
    body = text(data, "body", required=True)
    sender = email(data["from"], "from") if _present(data, "from") else ""
    kind_of_body = body_type(data, "PLAIN")
    comment = text(data, "comment", required=False)
    cc = [email(v, "cc") for v in string_list(data["cc"], "cc")] if _present(data, "cc") else []
    source = choice(data["source"], "source", SOURCES) if _present(data, "source") else "email"
    direction = "in_behalf_of"
    if _present(data, "direction"):
        direction = choice(data["direction"], "direction", DIRECTIONS)
    login = (
        user_ref(ctx, data["user_login"], allow_empty=True) if _present(data, "user_login") else ""
    )
    customer_id = customer_ref(ctx, data["customer_id"]) if _present(data, "customer_id") else None
    tags = string_list(data["tags"], "tags") if _present(data, "tags") else []
    mailbox_queue = store.queue_for(to)
    if mailbox_queue is None:
        raise bad_request("ticket_mailbox_unknown", address=to)
    queue = queue_ref(store, data["ticket_queue_id"]) if _present(data, "ticket_queue_id") else None
    status = status_ref(store, data["status_id"]) if _present(data, "status_id") else None
    status = status or store.initial_status()
    substatus = (
        substatus_ref(status, data["substatus_id"]) if _present(data, "substatus_id") else None
    )
    category = category_ref(store, data["category_id"]) if _present(data, "category_id") else None
    fields = custom_fields(data["custom_fields"]) if _present(data, "custom_fields") else {}
    uploads = files(ctx, data["attachments"]) if _present(data, "attachments") else []
    if not sender and customer_id is not None:
        emails = state.customers[customer_id].emails
        sender = emails[0] if emails else ""

    at = ctx.state.moment()
    ticket = Ticket(
        store.new_ticket_id(),
        subject or "",
        queue or mailbox_queue,
        status,
        at,
        at,
        substatus=substatus,
        category=category,
        from_=sender,
        to=to,
        cc=cc,
        customer_id=customer_id,
        user_login=login,
        source=source,
        direction=direction,
        tags=tags,
    )
    store.tickets[ticket.ticket_id] = ticket
    set_custom_fields(store, ticket, fields)
    outgoing = direction == "out"
    add_message(
        store,
        ticket,
        "REPLY" if outgoing else "MAIL",
        at,
        user_login=login if outgoing else "",
        body=body or "",
        body_type=kind_of_body,
        files=uploads,
    )
    if comment:
        add_message(store, ticket, "COMMENT", at, comment=comment)
    events.created(state, ticket)
    activity = state.agents_store
    if outgoing and login:
        activity.note_activity(login, "ticket_responded", state.now_seconds())
    if status.closed:
        mark_closed(ticket, at)
        events.closed(state, ticket)
        if login:
            activity.note_activity(login, "ticket_closed", state.now_seconds())
    return 201, {"ticket_id": ticket.ticket_id}


def update(ctx: Ctx) -> Reply:
    """PUT tickets/{id}: omitted or ``null`` fields keep their values."""
    ticket = ticket_ref(ctx)
    data, state = ctx.fields(), ctx.state
    store = state.tickets
    login = (
        user_ref(ctx, data["user_login"], allow_empty=True)
        if _present(data, "user_login")
        else None
    )
    status = status_ref(store, data["status_id"]) if _present(data, "status_id") else ticket.status
    substatus: TicketSubstatus | None
    if _present(data, "substatus_id"):
        substatus = substatus_ref(status, data["substatus_id"])
    else:
        substatus = ticket.substatus if status is ticket.status else None
    category = category_ref(store, data["category_id"]) if _present(data, "category_id") else None
    queue = queue_ref(store, data["ticket_queue_id"]) if _present(data, "ticket_queue_id") else None
    tags = string_list(data["tags"], "tags") if _present(data, "tags") else None
    fields = custom_fields(data["custom_fields"]) if _present(data, "custom_fields") else {}

    at = ctx.state.moment()
    before = (
        ticket.user_login,
        ticket.category,
        ticket.queue,
        list(ticket.tags),
        dict(ticket.custom_fields),
        ticket.status,
        ticket.substatus,
    )
    if login is not None:
        ticket.user_login = login
    ticket.category = category or ticket.category
    moved = queue is not None and queue is not ticket.queue
    ticket.queue = queue or ticket.queue
    ticket.tags = ticket.tags if tags is None else tags
    set_custom_fields(store, ticket, fields)
    restatused = (status, substatus) != (ticket.status, ticket.substatus)
    first_closing = not ticket.ever_closed
    closing = set_status(store, ticket, status, substatus, at)
    after = (
        ticket.user_login,
        ticket.category,
        ticket.queue,
        ticket.tags,
        ticket.custom_fields,
        ticket.status,
        ticket.substatus,
    )
    if after != before:
        ticket.updated_at = at
    if moved:
        events.queue_changed(state, ticket)
    if restatused:
        events.status_changed(state, ticket)
    if closing and first_closing:
        events.closed(state, ticket)
    if closing and ticket.user_login:
        state.agents_store.note_activity(ticket.user_login, "ticket_closed", state.now_seconds())
    return 204, None
