"""Chat events: conversations created, assigned and closed."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from ._base import WebhookEvent, register

__all__ = ["ChatAgentAssigned", "ChatConversationClosed", "ChatConversationCreated", "ChatEvent"]


@attrs.frozen(kw_only=True)
class ChatEvent(WebhookEvent):
    """Base of the chat events: one conversation (a UUID) in one chat queue."""

    conversation_id: str
    date: dt.datetime
    chat_queue_id: int | None = None


@register
@attrs.frozen(kw_only=True)
class ChatAgentAssigned(ChatEvent):
    """CHAT_AGENT_ASSIGNED: an agent was assigned to a chat conversation."""

    ACTION: ClassVar[str] = "CHAT_AGENT_ASSIGNED"
    agent_login: str | None = None


@register
@attrs.frozen(kw_only=True)
class ChatConversationClosed(ChatEvent):
    """CHAT_CONVERSATION_CLOSED: a chat conversation ended."""

    ACTION: ClassVar[str] = "CHAT_CONVERSATION_CLOSED"


@register
@attrs.frozen(kw_only=True)
class ChatConversationCreated(ChatEvent):
    """CHAT_CONVERSATION_CREATED: a client started a new chat conversation."""

    ACTION: ClassVar[str] = "CHAT_CONVERSATION_CREATED"
    client_name: str | None = None
    client_email: str | None = None
