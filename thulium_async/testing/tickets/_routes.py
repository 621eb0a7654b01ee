"""Routes of the tickets area: tickets, messages and attachments, dictionaries, uploads."""

from __future__ import annotations

from ..server._routing import Route
from . import _handlers as tickets
from . import _handlers_messages as messages
from . import _handlers_misc as misc
from . import _handlers_write as write

__all__ = ["ROUTES"]

ROUTES: tuple[Route, ...] = (
    Route(
        "GET",
        "tickets",
        tickets.list_,
        query=tickets.LIST_QUERY,
        query_prefixes=("custom_fields[",),
    ),
    Route("POST", "tickets", write.create, body=write.CREATE_FIELDS),
    Route("GET", "tickets/today_stats", misc.today),
    Route("GET", "tickets/{id}", tickets.get, query=frozenset({"include_custom_fields"})),
    Route("PUT", "tickets/{id}", write.update, body=write.UPDATE_FIELDS),
    Route("DELETE", "tickets/{id}", tickets.delete),
    Route(
        "POST",
        "tickets/{id}/agent_response",
        messages.agent_response,
        body=messages.AGENT_RESPONSE_FIELDS,
    ),
    Route(
        "POST",
        "tickets/{id}/customer_response",
        messages.customer_response,
        body=messages.CUSTOMER_RESPONSE_FIELDS,
    ),
    Route("POST", "tickets/{id}/comment", messages.comment, body=messages.COMMENT_FIELDS),
    Route("DELETE", "tickets/{id}/attachments/{token}", messages.delete_attachment),
    Route("GET", "ticket_categories", misc.categories),
    Route("GET", "ticket_queues", misc.queues),
    Route("GET", "ticket_statuses", misc.statuses),
    Route("POST", "temporary_files", misc.upload, query=frozenset({"filename"}), raw=True),
)
