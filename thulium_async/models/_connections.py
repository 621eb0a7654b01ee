"""Calls: what ``connections`` and ``connections/:id/topic`` answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._base import Response
from ._enums import OpenStrEnum

__all__ = [
    "CallDisposition",
    "CallType",
    "Connection",
    "ConnectionTopic",
    "TopicFieldValue",
]


class CallDisposition(OpenStrEnum):
    """How a call ended (``NO ANSWER`` has a space on the wire)."""

    ANSWERED = "ANSWERED"
    BUSY = "BUSY"
    FAILED = "FAILED"
    NO_ANSWER = "NO ANSWER"


class CallType(OpenStrEnum):
    """A call's direction."""

    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"


@attrs.frozen(kw_only=True)
class Connection(Response):
    """A call detail record.

    ``duration`` and ``billsec`` are seconds (the whole call, the talk);
    ``filename`` names the recording for ``client.recordings.stream/download``;
    ``connection_id`` is a string such as ``"1416225570.341"`` (never a float).
    ``tags`` and ``topics`` come with ``include_tags`` / ``include_topics``;
    their shape is undocumented, so they stay decoded JSON.
    """

    date: dt.datetime | None = None
    connection_id: str | None = None
    src: str | None = None
    dst: str | None = None
    disposition: CallDisposition | None = None
    type: CallType | None = None
    duration: int | None = None
    billsec: int | None = None
    ticket_id: int | None = None
    outbound_result: str | None = None
    operator: str | None = None
    filename: str | None = None
    user: str | None = None
    user_login: str | None = None
    queue_id: int | None = None
    topic_id: int | None = None
    customer_id: int | None = None
    disconnected_by: str | None = None
    transferred_to: str | None = None
    tags: Any = None
    topics: Any = None


@attrs.frozen(kw_only=True)
class TopicFieldValue(Response):
    """The value a call gave one topic custom field."""

    field_id: int
    value: str | None = None


@attrs.frozen(kw_only=True)
class ConnectionTopic(Response):
    """The topic, comment and topic custom fields saved for a call."""

    topic_id: int | None = None
    agent_login: str | None = None
    comment: str | None = None
    custom_fields: list[TopicFieldValue] = attrs.field(factory=list)
