"""The fake account's chats: chat queues and conversations with their messages and files.

Times are kept as naive local datetimes (microseconds included) and rendered per
field on the wire: ``created_at``/``closed_at`` with milliseconds, message and
file dates with seconds. A conversation's status is derived, never stored:
CLOSED once it has a ``closed_at``, IN_PROGRESS once an agent (``USER``) has
written in it, CREATED before.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

import attrs

from ..server._errors import bad_request, not_found

__all__ = [
    "CLIENT_DATA_KEYS",
    "PARTICIPANTS",
    "SENDERS",
    "STATUSES",
    "ChatFile",
    "ChatLine",
    "ChatQueue",
    "ChatsStore",
    "Conversation",
]

STATUSES = ("CREATED", "IN_PROGRESS", "CLOSED")
SENDERS = ("USER", "CLIENT", "AUTO")
# Whose lines ``DELETE chat_conversations/content/{id}/{participant}`` erases.
PARTICIPANTS: dict[str, frozenset[str]] = {
    "user": frozenset({"USER"}),
    "customer": frozenset({"CLIENT"}),
    "both": frozenset({"USER", "CLIENT"}),
}
CLIENT_DATA_KEYS = ("browser", "ip", "last_visited_url", "os", "referrer", "resolution")


@attrs.define(eq=False)
class ChatQueue:
    """A chat queue (``GET chats/queues``); ``display_name`` None when not set."""

    chat_queue_id: int
    name: str
    display_name: str | None = None


@attrs.define(eq=False)
class ChatLine:
    """One message of a conversation; ``user_login`` is the agent's for ``USER`` lines."""

    date: dt.datetime
    text: str
    sent_by: str
    user_login: str | None = None


@attrs.define(eq=False)
class ChatFile:
    """A file sent in a conversation, named by its download token."""

    date: dt.datetime
    token: str
    sent_by: str
    user_login: str | None = None


@attrs.define(eq=False)
class Conversation:
    """A chat conversation; ``user_login`` is the agent it is assigned to (None: nobody)."""

    conversation_id: str
    chat_queue_id: int
    created_at: dt.datetime
    client_name: str | None = None
    client_email: str | None = None
    client_id: str | None = None
    customer_id: int | None = None
    user_login: str | None = None
    closed_at: dt.datetime | None = None
    rating: int | None = None
    lines: list[ChatLine] = attrs.field(factory=list)
    files: list[ChatFile] = attrs.field(factory=list)
    client_data: dict[str, str] = attrs.field(factory=dict)

    @property
    def status(self) -> str:
        """CREATED, IN_PROGRESS (an agent has written) or CLOSED."""
        if self.closed_at is not None:
            return "CLOSED"
        if self.first_reply is not None:
            return "IN_PROGRESS"
        return "CREATED"

    @property
    def first_reply(self) -> dt.datetime | None:
        """When an agent first wrote, or None (erased texts still count: the line stays)."""
        return next((line.date for line in self.lines if line.sent_by == "USER"), None)

    @property
    def from_client(self) -> bool:
        """Whether the client wrote anything (an "empty" chat has no client line)."""
        return any(line.sent_by == "CLIENT" for line in self.lines)

    def replied_by(self, login: str) -> bool:
        """Whether agent ``login`` has written in this conversation."""
        return any(line.sent_by == "USER" and line.user_login == login for line in self.lines)


class ChatsStore:
    """Chat queues and conversations of the fake account, in creation order."""

    def __init__(self) -> None:
        self.queues: dict[int, ChatQueue] = {}
        self.conversations: dict[str, Conversation] = {}
        self.next_queue_id = 1
        # Seeded, so conversation ids repeat from run to run.
        self._ids = random.Random(0x7C4A7)

    def new_conversation_id(self) -> str:
        """A fresh version-4 UUID, unused in this account."""
        while True:
            candidate = str(uuid.UUID(int=self._ids.getrandbits(128), version=4))
            if candidate not in self.conversations:
                return candidate

    def add_queue(
        self, name: str, display_name: str | None, chat_queue_id: int | None
    ) -> ChatQueue:
        """Store a queue with the given or the next id."""
        if chat_queue_id is None:
            chat_queue_id = self.next_queue_id
        if chat_queue_id in self.queues:
            raise ValueError(f"chat queue {chat_queue_id} already exists")
        self.next_queue_id = max(self.next_queue_id, chat_queue_id + 1)
        queue = ChatQueue(chat_queue_id, name, display_name)
        self.queues[chat_queue_id] = queue
        return queue

    def add(self, conversation: Conversation) -> Conversation:
        """Store a conversation (its id must be unused)."""
        if conversation.conversation_id in self.conversations:
            raise ValueError(f"conversation {conversation.conversation_id} already exists")
        self.conversations[conversation.conversation_id] = conversation
        return conversation

    def conversation(self, conversation_id: str) -> Conversation:
        """The conversation, or a 404."""
        try:
            return self.conversations[conversation_id]
        except KeyError:
            raise not_found("chat_conversation_not_found") from None

    def open_conversation(self, conversation_id: str) -> Conversation:
        """The conversation if it is not closed: a 404 when unknown, a 400 when closed."""
        conversation = self.conversation(conversation_id)
        if conversation.closed_at is not None:
            raise bad_request("chat_conversation_closed")
        return conversation

    def ordered(self) -> list[Conversation]:
        """Every conversation by start time (creation order among equal times)."""
        return sorted(self.conversations.values(), key=lambda c: c.created_at)
