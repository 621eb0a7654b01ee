"""Every exception the client raises, in one tree.

```
ThuliumError
├── InputError (also ValueError)       bad input, caught before any request
├── TransportError                     the request did not complete (network, timeout)
│   └── TimeoutError                   ... because a timeout expired
├── DecodeError                        a 2xx answer the client could not understand
└── APIError                           Thulium answered with an error status
    ├── ValidationError        400
    ├── AuthenticationError    401
    ├── PermissionDeniedError  403
    ├── NotFoundError          404
    ├── GoneError              410
    ├── RateLimitError         429
    └── ServerError            5xx
```

Every error is picklable (task queues carry them between processes) and none of
them ever holds the password: only the method, a credential-free URL, the status,
the request id and Thulium's own messages.

Whether the server may have acted on a failed call is answered once, where the
attempt fails, by its :class:`Delivery` (never sent, sent with the answer lost,
answered) and the answer's status; every error carries it as ``maybe_applied``
(and ``attempt_maybe_applied`` for the last attempt alone). Retries, the record
create settlement and the bulk engine all read that one value.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ._retry_after import parse_retry_after

__all__ = [
    "Delivery",
    "ThuliumError",
    "InputError",
    "TransportError",
    "TimeoutError",
    "DecodeError",
    "APIError",
    "ValidationError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "GoneError",
    "RateLimitError",
    "ServerError",
    "RedirectError",
    "ClientClosedError",
    "ErrorDetail",
    "error_class_for_status",
]


@attrs.frozen(kw_only=True)
class ErrorDetail:
    """One entry of Thulium's ``errors`` list: a numeric code and a message."""

    code: int | None
    message: str


class Delivery(enum.Enum):
    """How far one HTTP attempt got: the one fact behind "may it have been applied?"."""

    NOT_SENT = "not sent"
    """The request provably never left the client (refused or timed-out connect)."""
    ANSWER_LOST = "answer lost"
    """The request was (or may have been) sent and no complete answer came back."""
    ANSWERED = "answered"
    """The server answered; its status says what it did."""

    def maybe_applied(self, status_code: int | None = None) -> bool:
        """Whether the server may have acted on an attempt that got this far.

        A lost answer may hide a success. An answer applied the request when it
        is 2xx, and may have when it is 5xx (the server failed midway); 429 and
        the other 4xx refuse before acting.
        """
        if self is Delivery.NOT_SENT:
            return False
        if self is Delivery.ANSWER_LOST or status_code is None:
            return True
        return status_code < 400 or status_code >= 500


class ThuliumError(Exception):
    """Base class of every error this library raises.

    ``attempts`` counts the HTTP attempts the call made (0 when it was refused
    before any). ``delivery`` says how far the last attempt got (None when no
    request was sent). ``earlier_maybe_applied`` is True when an attempt before
    the last one may have been applied by the server.
    """

    delivery: Delivery | None = None
    attempts: int = 0
    earlier_maybe_applied: bool = False

    @property
    def attempt_maybe_applied(self) -> bool:
        """Whether the server may have acted on the last attempt."""
        if self.delivery is None:
            return False
        return self.delivery.maybe_applied(getattr(self, "status_code", None))

    @property
    def maybe_applied(self) -> bool:
        """Whether the server may have acted on any attempt of the call.

        False means nothing was applied: repeating the call is safe. True means
        a repeat could apply it twice, unless the API refuses duplicates.
        """
        return self.earlier_maybe_applied or self.attempt_maybe_applied

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take keyword arguments; rebuild from __dict__ so pickling works.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[ThuliumError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(ThuliumError, ValueError):
    """An argument is invalid; raised before any request is sent.

    ``field`` names the offending argument (``"records[3].phone_number"``),
    ``expected`` says what was expected and ``value`` is what was given.
    """

    def __init__(self, field: str, expected: str, value: Any = None) -> None:
        self.field = field
        self.expected = expected
        self.value = value
        super().__init__(f"{field}: expected {expected}, got {value!r}")


class TransportError(ThuliumError):
    """The request did not complete: connection refused or lost, or a timeout.

    ``delivery`` is ``Delivery.NOT_SENT`` when the request provably never left
    the client (connect errors) and ``Delivery.ANSWER_LOST`` when the server may
    have acted on it. After retries, ``attempts`` and ``elapsed`` (seconds from
    the first attempt) say how long the client tried, and so does the message.
    """

    elapsed: float | None = None

    def __init__(
        self,
        message: str,
        *,
        method: str,
        url: str,
        delivery: Delivery,
        attempts: int = 1,
        earlier_maybe_applied: bool = False,
    ) -> None:
        if delivery is Delivery.ANSWERED:
            raise ValueError("a TransportError is an attempt that got no answer")
        self.method = method
        self.url = url
        self.delivery = delivery
        self.attempts = attempts
        self.earlier_maybe_applied = earlier_maybe_applied
        super().__init__(f"{method} {url}: {message}")

    @property
    def reached_server(self) -> bool | None:
        """False when the request never left the client; None when it may have arrived."""
        return False if self.delivery is Delivery.NOT_SENT else None


class TimeoutError(TransportError):
    """A connect, read, write or pool timeout expired."""


class DecodeError(ThuliumError):
    """A successful answer whose body did not have the documented shape.

    The server answered 2xx, so it acted: ``maybe_applied`` is always True.
    """

    delivery = Delivery.ANSWERED

    def __init__(self, message: str, *, method: str, url: str, body: bytes = b"") -> None:
        self.method = method
        self.url = url
        self.body = body
        super().__init__(f"{method} {url}: {message}")


class APIError(ThuliumError):
    """Thulium answered with an error status.

    The message carries Thulium's own error messages (in the client's language)
    and the request id, which Thulium support asks for. ``body`` is the raw body.
    ``earlier_maybe_applied`` is True when an earlier attempt of this call may
    have been applied by the server (the connection was lost after sending, or
    a 5xx): callers that retry creates use it to tell a real duplicate from
    their own.
    """

    delivery = Delivery.ANSWERED

    def __init__(
        self,
        *,
        status_code: int,
        method: str,
        url: str,
        request_id: str | None = None,
        errors: Sequence[ErrorDetail] = (),
        body: bytes = b"",
        headers: Mapping[str, str] | None = None,
        attempts: int = 1,
        earlier_maybe_applied: bool = False,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        self.request_id = request_id
        self.errors = list(errors)
        self.body = body
        self.headers = dict(headers or {})
        self.attempts = attempts
        self.earlier_maybe_applied = earlier_maybe_applied
        super().__init__(self._summary())

    @property
    def previous_attempt_ambiguous(self) -> bool:
        """The former name of ``earlier_maybe_applied``, kept for existing callers."""
        return self.earlier_maybe_applied

    @property
    def messages(self) -> list[str]:
        """Thulium's error messages, in order."""
        return [error.message for error in self.errors]

    def _summary(self) -> str:
        detail = "; ".join(self.messages) or "no error message in the body"
        request_id = f" (request_id={self.request_id})" if self.request_id else ""
        return f"{self.method} {self.url} -> {self.status_code}: {detail}{request_id}"


class ValidationError(APIError):
    """400: Thulium rejected the request's content."""


class AuthenticationError(APIError):
    """401: wrong API user or password."""


class PermissionDeniedError(APIError):
    """403: the API user may not use this method."""


class NotFoundError(APIError):
    """404: no such path or object."""


class GoneError(APIError):
    """410: the object was permanently deleted."""


class RateLimitError(APIError):
    """429: too many requests. ``retry_after`` is the server's wait in seconds, if any."""

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked to wait (``Retry-After``), when it said."""
        return parse_retry_after(self.headers.get("retry-after"))


class ServerError(APIError):
    """5xx: Thulium failed to process the request."""


class RedirectError(APIError):
    """3xx: the server answered with a redirect, which the client never follows.

    Usually the base URL is wrong (``http://`` behind an https-only proxy, an
    old host name): fix ``base_url`` rather than following, which could send
    the credentials to another host. ``location`` is where it pointed. Nothing
    was applied (the API itself never redirects), so a call is not retried.
    """

    @property
    def location(self) -> str | None:
        """The redirect's target (``Location``), when it named one."""
        return self.headers.get("location") or self.headers.get("Location")

    @property
    def attempt_maybe_applied(self) -> bool:
        """False: a redirect answers in place of the API."""
        return False

    def _summary(self) -> str:
        where = self.location or "nowhere (no Location header)"
        return (
            f"{self.method} {self.url} -> {self.status_code}: redirected to {where};"
            " redirects are not followed: check the client's base_url"
        )


class ClientClosedError(ThuliumError):
    """A call on a client that is closed (after ``aclose()`` or its ``async with`` block)."""

    def __init__(self, method: str, url: str) -> None:
        self.method = method
        self.url = url
        super().__init__(f"{method} {url}: the client is closed; open a new one")


_BY_STATUS: dict[int, type[APIError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    410: GoneError,
    429: RateLimitError,
}


def error_class_for_status(status_code: int) -> type[APIError]:
    """The most specific :class:`APIError` subclass for an HTTP status."""
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, APIError)
