"""Handlers: agent and customer responses, comments and attachment removal of a ticket.

Choices where the documentation is silent: responses and comments are
accepted whatever the ticket's status (a reply to a closed ticket does not
reopen it); a backdated ``date`` dates the message, while the ticket's
``updated_at`` records when the request arrived; an agent response credits the
agent with a ``ticket_responded`` act for the agents' work report; removing an
attachment also counts as a change of the ticket; the comment endpoint (no doc
page) takes ``comment`` and an optional ``user_login``, as the catalogue infers.
The webhooks they send are listed in ``_handlers``.
"""

from __future__ import annotations

from ..server._errors import bad_request, not_found
from ..server._routing import Ctx, Reply
from . import _events as events
from ._input import body_type, files, message_date, text, ticket_ref, user_ref
from ._ops import add_message, remove_attachment

__all__ = [
    "AGENT_RESPONSE_FIELDS",
    "COMMENT_FIELDS",
    "CUSTOMER_RESPONSE_FIELDS",
    "agent_response",
    "comment",
    "customer_response",
    "delete_attachment",
]

CUSTOMER_RESPONSE_FIELDS = frozenset({"body", "body_type", "date"})
AGENT_RESPONSE_FIELDS = CUSTOMER_RESPONSE_FIELDS | {"user_login", "attachments"}
COMMENT_FIELDS = frozenset({"comment", "user_login"})


def agent_response(ctx: Ctx) -> Reply:
    """POST tickets/{id}/agent_response: a REPLY to the customer; answers ``[]``."""
    ticket = ticket_ref(ctx)
    data, state = ctx.fields(), ctx.state
    body = text(data, "body", required=True) or ""
    kind_of_body = body_type(data, "HTML")
    if data.get("user_login") in (None, ""):
        raise bad_request("required", name="user_login")
    login = user_ref(ctx, data["user_login"], allow_empty=False)
    at = message_date(ctx, data)
    uploads = files(ctx, data["attachments"]) if data.get("attachments") is not None else []
    reply = add_message(
        state.tickets,
        ticket,
        "REPLY",
        at,
        user_login=login,
        body=body,
        body_type=kind_of_body,
        files=uploads,
    )
    ticket.updated_at = ctx.state.moment()
    events.agent_replied(state, ticket, reply)
    state.agents_store.note_activity(login, "ticket_responded", state.now_seconds())
    return 201, []


def customer_response(ctx: Ctx) -> Reply:
    """POST tickets/{id}/customer_response: a MAIL from the customer; empty answer."""
    ticket = ticket_ref(ctx)
    data = ctx.fields()
    body = text(data, "body", required=True) or ""
    kind_of_body = body_type(data, "HTML")
    at = message_date(ctx, data)
    mail = add_message(ctx.state.tickets, ticket, "MAIL", at, body=body, body_type=kind_of_body)
    ticket.updated_at = ctx.state.moment()
    events.message_received(ctx.state, ticket, mail)
    return 201, None


def comment(ctx: Ctx) -> Reply:
    """POST tickets/{id}/comment: an internal COMMENT; empty answer."""
    ticket = ticket_ref(ctx)
    data = ctx.fields()
    note = text(data, "comment", required=True) or ""
    login = ""
    if data.get("user_login") is not None:
        login = user_ref(ctx, data["user_login"], allow_empty=True)
    at = ctx.state.moment()
    added = add_message(ctx.state.tickets, ticket, "COMMENT", at, user_login=login, comment=note)
    ticket.updated_at = at
    events.comment_created(ctx.state, ticket, added)
    return 201, None


def delete_attachment(ctx: Ctx) -> Reply:
    """DELETE tickets/{id}/attachments/{token}: 404 when the ticket has no such attachment."""
    ticket = ticket_ref(ctx)
    if not remove_attachment(ticket, ctx.params["token"]):
        raise not_found("ticket_attachment_not_found")
    ticket.updated_at = ctx.state.moment()
    return 204, None
