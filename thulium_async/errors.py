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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ._retry_after import parse_retry_after

__all__ = [
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
    "ErrorDetail",
    "error_class_for_status",
]


@attrs.frozen(kw_only=True)
class ErrorDetail:
    """One entry of Thulium's ``errors`` list: a numeric code and a message."""

    code: int | None
    message: str


class ThuliumError(Exception):
    """Base class of every error this library raises."""

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

    ``reached_server`` is False when the request provably never left the client
    (connect errors), True or None when the server may have acted on it.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        url: str,
        reached_server: bool | None,
        attempts: int = 1,
    ) -> None:
        self.method = method
        self.url = url
        self.reached_server = reached_server
        self.attempts = attempts
        super().__init__(f"{method} {url}: {message}")


class TimeoutError(TransportError):
    """A connect, read, write or pool timeout expired."""


class DecodeError(ThuliumError):
    """A successful answer whose body did not have the documented shape."""

    def __init__(self, message: str, *, method: str, url: str, body: bytes = b"") -> None:
        self.method = method
        self.url = url
        self.body = body
        super().__init__(f"{method} {url}: {message}")


class APIError(ThuliumError):
    """Thulium answered with an error status.

    The message carries Thulium's own error messages (in the client's language)
    and the request id, which Thulium support asks for. ``body`` is the raw body.
    ``previous_attempt_ambiguous`` is True when an earlier attempt of this call
    may have been applied by the server (the connection was lost after sending):
    callers that retry creates use it to tell a real duplicate from their own.
    """

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
        previous_attempt_ambiguous: bool = False,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        self.request_id = request_id
        self.errors = list(errors)
        self.body = body
        self.headers = dict(headers or {})
        self.attempts = attempts
        self.previous_attempt_ambiguous = previous_attempt_ambiguous
        super().__init__(self._summary())

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
