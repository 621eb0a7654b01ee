"""Routes of the chats area: conversations, chat queues, the summary report."""

from __future__ import annotations

from ..server._routing import Route
from . import _handlers as chats

__all__ = ["ROUTES"]

ROUTES: tuple[Route, ...] = (
    Route("GET", "chats", chats.list_, query=chats.LIST_QUERY),
    Route("GET", "chats/queues", chats.queues),
    Route("GET", "chats/reports/summary", chats.summary, query=chats.SUMMARY_QUERY),
    Route("POST", "chat_conversations/start", chats.start, query=chats.START_QUERY),
    Route("POST", "chat_conversations/{id}/message", chats.message, body=frozenset({"text"})),
    Route("POST", "chat_conversations/{id}/stop", chats.stop),
    Route("DELETE", "chat_conversations/{id}", chats.delete),
    Route("DELETE", "chat_conversations/content/{id}/{participant}", chats.delete_content),
)
