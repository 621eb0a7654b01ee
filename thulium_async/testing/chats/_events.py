"""The chat webhook events the fake emits, built from its conversations.

Each event is dated by the conversation's own time of the change (to the
second, in the account's zone), so a conversation stored whole by
``FakeThulium.add_chat`` reports when things happened in it, and a live change
reports the fake's wall time at which it was made.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ...webhooks import ChatAgentAssigned, ChatConversationClosed, ChatConversationCreated

if TYPE_CHECKING:
    from ..server._state import State
    from ._store import Conversation

__all__ = [
    "agent_assigned",
    "conversation_closed",
    "conversation_created",
    "emit_history",
]


def _date(state: State, moment: dt.datetime) -> dt.datetime:
    return state.aware(moment.replace(microsecond=0))


def conversation_created(state: State, conversation: Conversation) -> ChatConversationCreated:
    """CHAT_CONVERSATION_CREATED, dated when the conversation started."""
    return ChatConversationCreated(
        conversation_id=conversation.conversation_id,
        date=_date(state, conversation.created_at),
        chat_queue_id=conversation.chat_queue_id,
        client_name=conversation.client_name,
        client_email=conversation.client_email,
    )


def agent_assigned(
    state: State, conversation: Conversation, login: str, moment: dt.datetime
) -> ChatAgentAssigned:
    """CHAT_AGENT_ASSIGNED: agent ``login`` took the conversation at ``moment``."""
    return ChatAgentAssigned(
        conversation_id=conversation.conversation_id,
        date=_date(state, moment),
        chat_queue_id=conversation.chat_queue_id,
        agent_login=login,
    )


def conversation_closed(state: State, conversation: Conversation) -> ChatConversationClosed:
    """CHAT_CONVERSATION_CLOSED, dated when the conversation was closed."""
    if conversation.closed_at is None:
        raise ValueError(f"conversation {conversation.conversation_id} is not closed")
    return ChatConversationClosed(
        conversation_id=conversation.conversation_id,
        date=_date(state, conversation.closed_at),
        chat_queue_id=conversation.chat_queue_id,
    )


def _assigned_at(conversation: Conversation, login: str) -> dt.datetime:
    """When the chat's agent took it: their first line, else the start (assigned unanswered)."""
    return next(
        (
            line.date
            for line in conversation.lines
            if line.sent_by == "USER" and line.user_login == login
        ),
        conversation.created_at,
    )


def emit_history(state: State, conversation: Conversation) -> None:
    """Emit what a conversation stored whole went through: created, assigned, closed.

    One CHAT_AGENT_ASSIGNED names the chat's agent (the one it ends up with),
    not every agent who wrote in it: the stored conversation keeps no
    transfer history to replay.
    """
    state.emit(lambda: conversation_created(state, conversation))
    login = conversation.user_login
    if login is not None:
        moment = _assigned_at(conversation, login)
        state.emit(lambda: agent_assigned(state, conversation, login, moment))
    if conversation.closed_at is not None:
        state.emit(lambda: conversation_closed(state, conversation))
