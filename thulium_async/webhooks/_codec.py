"""parse_event and encode_event: webhook bodies to typed events and back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs
import orjson
from cattrs.errors import AttributeValidationNote, ClassValidationError

from .._converter import DEFAULT_TIMEZONE, NULL_STRINGS
from ._base import EVENT_TYPES, UnknownEvent, WebhookEvent
from ._body import FORM, JSON, decode_body
from ._convert import converter_for
from ._errors import WebhookPayloadError
from ._form import form_encode

__all__ = ["encode_event", "parse_event"]


def parse_event(
    body: Mapping[str, Any] | bytes | str,
    content_type: str | None = None,
    *,
    timezone: dt.tzinfo = DEFAULT_TIMEZONE,
) -> WebhookEvent:
    """The typed event a webhook body carries.

    ``body`` is a decoded mapping, or JSON / form-encoded bytes or text;
    ``content_type`` (the request's header) says which, and when it is absent the
    body is sniffed (``{`` starts JSON). ``"NULL"``, ``"null"`` and ``""`` read as
    None, dates are read in ``timezone`` (the account's zone).

    An action this library does not know gives an :class:`UnknownEvent`.

    Raises:
        WebhookPayloadError: the body is not JSON or form data, has no
            ``action``, or a field has the wrong type (``error.field`` names it).
            :class:`UnsupportedContentTypeError`, a subclass, for other content types.
    """
    if isinstance(body, Mapping):
        data = dict(body)
    elif isinstance(body, (bytes, str)):
        data = decode_body(body, content_type)
    else:
        raise TypeError(f"body must be a mapping, bytes or str, not {type(body).__name__}")
    action = _action(data.get("action"))
    event_type = EVENT_TYPES.get(action)
    if event_type is None:
        return UnknownEvent(action=action, raw=data)
    fields = {
        key: None if value.__class__ is str and value in NULL_STRINGS else value
        for key, value in data.items()
    }
    fields["raw"] = data
    try:
        return converter_for(timezone).structure(fields, event_type)
    except ClassValidationError as exc:
        raise _field_error(exc, action, data) from exc


def _action(value: Any) -> str:
    if value is None or (isinstance(value, str) and value.strip() in NULL_STRINGS):
        raise WebhookPayloadError("missing", field="action")
    if not isinstance(value, str):
        raise WebhookPayloadError(f"expected a string, got {value!r}", field="action")
    return value


def _field_error(
    exc: ClassValidationError, action: str, data: Mapping[str, Any]
) -> WebhookPayloadError:
    for error in exc.exceptions:
        for note in getattr(error, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                value = data.get(note.name)
                if value is None or (isinstance(value, str) and value in NULL_STRINGS):
                    return WebhookPayloadError("missing or null", field=note.name, action=action)
                return WebhookPayloadError(str(error), field=note.name, action=action)
    return WebhookPayloadError(str(exc), action=action)


def event_to_dict(event: WebhookEvent, *, timezone: dt.tzinfo = DEFAULT_TIMEZONE) -> dict[str, Any]:
    """The payload Thulium would send for ``event``, as a JSON-ready dict.

    Only the typed fields are written (``raw`` is not), ``action`` first; an
    :class:`UnknownEvent` gives its raw body with its action.
    """
    if isinstance(event, UnknownEvent):
        return {"action": event.action, **{k: v for k, v in event.raw.items() if k != "action"}}
    converter = converter_for(timezone)
    data: dict[str, Any] = {"action": event.action}
    for field in attrs.fields(type(event)):
        if field.name != "raw":
            data[field.name] = converter.unstructure(getattr(event, field.name))
    return data


def encode_event(
    event: WebhookEvent, *, form: bool = True, timezone: dt.tzinfo = DEFAULT_TIMEZONE
) -> tuple[bytes, str]:
    """The body and Content-Type Thulium would POST for ``event``.

    ``form=True`` gives a form-encoded body with ``null`` for empty values (what
    receivers see in the field), ``form=False`` a JSON object. Dates are written
    ``YYYY-MM-DD hh:mm:ss`` in ``timezone``. ``parse_event(*encode_event(e)) == e``
    for every event with timezone-aware, whole-second dates and no string equal
    to ``""``, ``"null"`` or ``"NULL"`` (on the wire those mean "no value").
    """
    data = event_to_dict(event, timezone=timezone)
    if form:
        return form_encode(data).encode("ascii"), FORM
    return orjson.dumps(data), JSON
