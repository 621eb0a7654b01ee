"""How chats look on the wire: the shapes of the ``GET chats`` and ``chats/queues`` examples.

The chat endpoints write missing values as ``null`` (``user_name``/``user_login``
of a client's message, ``display_name`` of a queue), unlike most of the API;
``created_at``/``closed_at`` carry milliseconds, message and file dates seconds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..agents._models import Agent
from ..server._clock import stamp
from ._store import CLIENT_DATA_KEYS, ChatFile, ChatLine, ChatQueue, Conversation

__all__ = ["chat_view", "millis", "queue_view"]


def millis(moment: dt.datetime) -> str:
    """``YYYY-MM-DD hh:mm:ss.SSS``."""
    return f"{stamp(moment)}.{moment.microsecond // 1000:03d}"


def queue_view(queue: ChatQueue) -> dict[str, Any]:
    """A queue as ``GET chats/queues`` lists it."""
    return {
        "chat_queue_id": queue.chat_queue_id,
        "name": queue.name,
        "display_name": queue.display_name,
    }


def _author(item: ChatLine | ChatFile, agents: dict[str, Agent]) -> tuple[str | None, str | None]:
    """(user_name, user_login) of an agent's line; both None for the client and the system."""
    if item.sent_by != "USER" or item.user_login is None:
        return None, None
    agent = agents.get(item.user_login)
    return (agent.full_name if agent else item.user_login), item.user_login


def _line_view(line: ChatLine, agents: dict[str, Agent]) -> dict[str, Any]:
    user_name, user_login = _author(line, agents)
    return {
        "date": stamp(line.date),
        "message": line.text,
        "sent_by": line.sent_by,
        "user_name": user_name,
        "user_login": user_login,
    }


def _file_view(item: ChatFile, agents: dict[str, Agent]) -> dict[str, Any]:
    user_name, user_login = _author(item, agents)
    return {
        "date": stamp(item.date),
        "token": item.token,
        "sent_by": item.sent_by,
        "user_name": user_name,
        "user_login": user_login,
    }


def chat_view(
    conversation: Conversation,
    agents: dict[str, Agent],
    *,
    messages: bool = False,
    files: bool = False,
    client_data: bool = False,
) -> dict[str, Any]:
    """A conversation as ``GET chats`` lists it; the ``include_*`` parts only when asked."""
    closed_at = conversation.closed_at
    view: dict[str, Any] = {
        "chat_queue_id": conversation.chat_queue_id,
        "client_email": conversation.client_email,
        "client_name": conversation.client_name,
        "customer_id": conversation.customer_id,
        "conversation_id": conversation.conversation_id,
        "created_at": millis(conversation.created_at),
        "closed_at": None if closed_at is None else millis(closed_at),
        "status": conversation.status,
        "user_login": conversation.user_login,
        "rating": conversation.rating,
    }
    if messages:
        view["messages"] = [_line_view(line, agents) for line in conversation.lines]
    if files:
        view["files"] = [_file_view(item, agents) for item in conversation.files]
    if client_data:
        data = conversation.client_data
        view["client_data"] = {key: data.get(key, "") for key in CLIENT_DATA_KEYS}
    return view
