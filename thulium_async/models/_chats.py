"""What the chat endpoints answer: chats with their messages, chat queues, the summary report."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Response
from ._enums import OpenStrEnum
from ._reports import Duration

__all__ = [
    "Chat",
    "ChatClientData",
    "ChatFile",
    "ChatMessage",
    "ChatParticipant",
    "ChatQueue",
    "ChatRates",
    "ChatRating",
    "ChatSentBy",
    "ChatStatus",
    "ChatSummaryRow",
    "ChatTimeStats",
]


class ChatStatus(OpenStrEnum):
    """A chat's state."""

    CREATED = "CREATED"
    """Started by the client, no agent reply yet."""
    IN_PROGRESS = "IN_PROGRESS"
    """An agent has replied."""
    CLOSED = "CLOSED"
    """Finished."""


class ChatSentBy(OpenStrEnum):
    """Who wrote a chat message or sent a file."""

    USER = "USER"
    """An agent."""
    CLIENT = "CLIENT"
    """The client."""
    AUTO = "AUTO"
    """The system."""


class ChatParticipant(OpenStrEnum):
    """Whose messages ``chat_conversations.content.delete`` erases."""

    USER = "user"
    CUSTOMER = "customer"
    BOTH = "both"


@attrs.frozen(kw_only=True)
class ChatMessage(Response):
    """One message of a chat (``include_messages=True``); agent fields are None for the client."""

    date: dt.datetime | None = None
    message: str | None = None
    sent_by: ChatSentBy | None = None
    user_name: str | None = None
    user_login: str | None = None


@attrs.frozen(kw_only=True)
class ChatFile(Response):
    """A file sent in a chat (``include_files=True``), named by its download token."""

    date: dt.datetime | None = None
    token: str | None = None
    sent_by: ChatSentBy | None = None
    user_name: str | None = None
    user_login: str | None = None


@attrs.frozen(kw_only=True)
class ChatClientData(Response):
    """The client's browser details (``include_client_data=True``)."""

    browser: str | None = None
    ip: str | None = None
    last_visited_url: str | None = None
    os: str | None = None
    referrer: str | None = None
    resolution: str | None = None


@attrs.frozen(kw_only=True)
class Chat(Response):
    """A chat as ``GET chats`` lists it; ``created_at``/``closed_at`` carry milliseconds.

    ``messages``, ``files`` and ``client_data`` are None unless the list was asked
    to include them.
    """

    conversation_id: str
    chat_queue_id: int | None = None
    status: ChatStatus | None = None
    client_name: str | None = None
    client_email: str | None = None
    customer_id: int | None = None
    user_login: str | None = None
    created_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    rating: int | None = None
    messages: list[ChatMessage] | None = None
    files: list[ChatFile] | None = None
    client_data: ChatClientData | None = None


@attrs.frozen(kw_only=True)
class ChatQueue(Response):
    """A chat queue; ``chat_queue_id`` is what chats and ``chat_conversations.start`` take."""

    chat_queue_id: int
    name: str | None = None
    display_name: str | None = None


@attrs.frozen(kw_only=True)
class ChatTimeStats(Response):
    """Minimum, maximum, sum and average of a duration (``Duration``: ``"hh:mm:ss"``).

    Hours may exceed 24; ``.timedelta`` and ``.seconds`` convert.
    """

    min: Duration | None = None
    max: Duration | None = None
    sum: Duration | None = None
    avg: Duration | None = None


@attrs.frozen(kw_only=True)
class ChatRates(Response):
    """How many chats were rated sad, neutral and happy."""

    sad: int | None = None
    neutral: int | None = None
    happy: int | None = None


@attrs.frozen(kw_only=True)
class ChatRating(Response):
    """The ratings of a report row."""

    rate: ChatRates | None = None
    satisfaction_percent: float | None = None
    rated_percent: float | None = None


@attrs.frozen(kw_only=True)
class ChatSummaryRow(Response):
    """One row of the chat summary report: one period (``series``), per user unless summed.

    ``series`` names the period in the API's own form (``"2021-12"`` by month).
    """

    series: str
    user_name: str | None = None
    incoming: int | None = None
    incoming_to_agent: int | None = None
    incoming_including_empty: int | None = None
    abandoned: int | None = None
    answered: int | None = None
    incoming_to_bot: int | None = None
    transferred_by_bot: int | None = None
    finished_by_bot: int | None = None
    service_level_percent: float | None = None
    sla_percent: float | None = None
    chat_time: ChatTimeStats | None = None
    wait_time: ChatTimeStats | None = None
    rating: ChatRating | None = None
