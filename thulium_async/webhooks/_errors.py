"""The one error a malformed webhook raises, and its content-type variant."""

from __future__ import annotations

from ..errors import ThuliumError

__all__ = ["UnsupportedContentTypeError", "WebhookPayloadError"]


class WebhookPayloadError(ThuliumError, ValueError):
    """A webhook body that cannot become an event.

    Raised for bodies that are neither JSON nor form data, that have no
    ``action``, or whose field has the wrong type. ``field`` names the offending
    field (None when the body as a whole is unreadable), ``reason`` says what is
    wrong and ``action`` is the event's action when it was readable.
    """

    def __init__(self, reason: str, *, field: str | None = None, action: str | None = None) -> None:
        self.reason = reason
        self.field = field
        self.action = action
        where = ".".join(part for part in (action, field) if part)
        super().__init__(f"{where}: {reason}" if where else reason)


class UnsupportedContentTypeError(WebhookPayloadError):
    """The body's Content-Type (or its charset) is neither JSON nor form data.

    The receiver answers these with 415 instead of 400.
    """

    def __init__(self, content_type: str, reason: str | None = None) -> None:
        self.content_type = content_type
        super().__init__(reason or f"unsupported content type {content_type!r}")
