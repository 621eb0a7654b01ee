"""What the ticket endpoints answer: tickets with their messages, and ``get_many`` results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

import attrs

from ..errors import GoneError, NotFoundError, ThuliumError
from ._base import Response
from ._enums import OpenStrEnum
from ._reports import Duration

__all__ = [
    "GetManyItem",
    "GetManyResult",
    "Ticket",
    "TicketBodyType",
    "TicketDirection",
    "TicketMessage",
    "TicketMessageType",
    "TicketSource",
]

T = TypeVar("T")


class TicketMessageType(OpenStrEnum):
    """The kind of a ticket message."""

    MAIL = "MAIL"
    """Received from the customer."""
    REPLY = "REPLY"
    """Sent to the customer."""
    COMMENT = "COMMENT"
    """An internal comment."""


class TicketSource(OpenStrEnum):
    """The channel a ticket came from."""

    EMAIL = "email"
    PHONE = "phone"
    SMS = "sms"
    CHAT = "chat"
    WWW = "www"


class TicketDirection(OpenStrEnum):
    """``in_behalf_of``: on the customer's behalf; ``out``: an e-mail to the customer."""

    IN_BEHALF_OF = "in_behalf_of"
    OUT = "out"


class TicketBodyType(OpenStrEnum):
    """How a message body is written (PLAIN by default on create, HTML on replies)."""

    HTML = "HTML"
    PLAIN = "PLAIN"


@attrs.frozen(kw_only=True)
class TicketMessage(Response):
    """One message of a ticket: a mail, a reply or a comment.

    ``attachments`` is kept as the API sends it (its item shape is not documented).
    """

    message_id: int
    type: TicketMessageType | None = None
    user_login: str | None = None
    body: str | None = None
    comment: str | None = None
    system_comment: str | None = None
    created_at: dt.datetime | None = None
    attachments: list[Any] | None = None


@attrs.frozen(kw_only=True)
class Ticket(Response):
    """A ticket as ``GET tickets`` lists it or ``GET tickets/:id`` answers it (with messages).

    ``from_`` is the API's ``from`` (the author's address; ``from`` is a Python
    keyword). ``close_time`` and ``first_agent_response_time`` are ``Duration``
    strings (``hh:mm:ss``, hours may exceed 24; ``.timedelta`` converts).
    ``custom_fields`` is filled when asked for (``include_custom_fields=True``);
    its shape is not documented.
    """

    ticket_id: int
    subject: str | None = None
    from_: str | None = None
    status_id: int | None = None
    substatus_id: int | None = None
    full_status_name: str | None = None
    category_id: int | None = None
    ticket_queue_id: int | None = None
    ticket_queue_name: str | None = None
    source: str | None = None
    customer_id: int | None = None
    user_login: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    close_time: Duration | None = None
    first_agent_responded_at: dt.datetime | None = None
    first_agent_response_time: Duration | None = None
    messages: list[TicketMessage] | None = None
    custom_fields: dict[str, Any] | None = None


@attrs.frozen(kw_only=True)
class GetManyItem(Generic[T]):
    """The outcome for one requested id: the object, missing, or another error.

    Exactly one of ``value`` and ``error`` is set. ``missing`` is True when the
    API answered 404 or 410 for this id.
    """

    id: int
    value: T | None = None
    error: ThuliumError | None = None

    @property
    def ok(self) -> bool:
        """True when the object was fetched."""
        return self.error is None

    @property
    def missing(self) -> bool:
        """True when the API said the object does not exist (404) or was deleted (410)."""
        return isinstance(self.error, (NotFoundError, GoneError))


@attrs.frozen(kw_only=True)
class GetManyResult(Generic[T]):
    """Objects fetched by id, one ``GetManyItem`` per requested id, in the order asked.

    Iterating yields the items; ``found`` maps ids to objects, ``missing`` lists
    the ids that do not exist and ``failed`` the ids whose fetch failed otherwise.
    """

    items: list[GetManyItem[T]]

    @property
    def found(self) -> dict[int, T]:
        """Id -> object for every id that was fetched."""
        return {item.id: item.value for item in self.items if item.value is not None}

    @property
    def missing(self) -> list[int]:
        """Ids the API reported as not found (404) or deleted (410), in input order."""
        return [item.id for item in self.items if item.missing]

    @property
    def failed(self) -> dict[int, ThuliumError]:
        """Id -> error for fetches that failed for another reason (network, 5xx, ...)."""
        return {
            item.id: item.error
            for item in self.items
            if item.error is not None and not item.missing
        }

    @property
    def values(self) -> list[T]:
        """The fetched objects in input order (missing and failed ids skipped)."""
        return [item.value for item in self.items if item.value is not None]

    def __iter__(self) -> Iterator[GetManyItem[T]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
