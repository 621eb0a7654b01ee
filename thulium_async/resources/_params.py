"""Value checks shared by the resources (beyond ``_validate``): texts, flags, ids, choices.

Each raises ``InputError`` naming the field before any request is sent. Dates
live in ``_moments``, query-string forms in ``_query_filters``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .. import _validate as check
from .._converter import format_date, format_datetime
from .._transport import RawResponse
from ..errors import InputError

__all__ = [
    "choice",
    "email",
    "extra_fields",
    "flag",
    "json_or_none",
    "optional_text",
    "positive_ids",
    "text",
    "texts",
]

_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def text(value: Any, field: str) -> str:
    """A non-empty string (an int is written as its digits)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    raise InputError(field, "a non-empty string", value)


def optional_text(value: Any, field: str) -> str:
    """A string, possibly empty (an empty value clears a field or means "has none")."""
    if isinstance(value, str):
        return value
    raise InputError(field, "a string", value)


def texts(values: Any, field: str, *, allow_empty: bool = False) -> list[str]:
    """A list of non-empty strings (a lone string is refused: a common slip).

    An empty list is refused unless ``allow_empty`` (an update's "clear them all").
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InputError(field, "a list of strings", values)
    result = [text(item, f"{field}[{index}]") for index, item in enumerate(values)]
    if not result and not allow_empty:
        raise InputError(field, "at least one value", values)
    return result


def positive_ids(values: Any, field: str) -> list[int]:
    """A non-empty list of positive integer ids (a single id is accepted as a list of one)."""
    if isinstance(values, (int, str)) and not isinstance(values, bool):
        values = [values]
    if not isinstance(values, Iterable):
        raise InputError(field, "a list of positive integer ids", values)
    result = [check.positive_id(item, f"{field}[{index}]") for index, item in enumerate(values)]
    if not result:
        raise InputError(field, "at least one id", values)
    return result


def flag(value: Any, field: str) -> bool:
    """A real bool (1, "yes" and the like are refused: they hide mistakes)."""
    if isinstance(value, bool):
        return value
    raise InputError(field, "True or False", value)


def choice(value: Any, allowed: type[enum.Enum], field: str) -> str:
    """One of an enum's documented values (a member or its string)."""
    values = [str(member.value) for member in allowed]
    text = value.value if isinstance(value, enum.Enum) else value
    if isinstance(text, str) and text in values:
        return text
    raise InputError(field, f"one of {', '.join(values)}", value)


def email(value: Any, field: str) -> str:
    """An e-mail address (``name@host``)."""
    if isinstance(value, str) and _EMAIL.fullmatch(value):
        return value
    raise InputError(field, "an e-mail address such as 'jan@example.org'", value)


def extra_fields(
    fields: Mapping[str, Any], tz: dt.tzinfo, reserved: Iterable[str]
) -> dict[str, Any]:
    """Additional body fields of an inferred endpoint, as JSON values.

    Datetimes go out as ``YYYY-MM-DD hh:mm`` in the account's zone, dates as
    ``YYYY-MM-DD``; other values must be JSON values already. None means "not
    sent".
    """
    taken = set(reserved)
    body: dict[str, Any] = {}
    for name, value in fields.items():
        if not _FIELD_NAME.fullmatch(name) or name in taken:
            raise InputError(name, "a field name not already given as a parameter", value)
        if value is None:
            continue
        if isinstance(value, dt.datetime):
            body[name] = format_datetime(value, tz)
        elif isinstance(value, dt.date):
            body[name] = format_date(value)
        elif isinstance(value, (str, int, float, bool, list, dict)):
            body[name] = value
        else:
            raise InputError(name, "a string, number, bool, list, dict, date or datetime", value)
    return body


def json_or_none(raw: RawResponse) -> Any:
    """The decoded answer of an endpoint whose shape is undocumented; None when empty."""
    body = raw.json()
    return None if body in ([], {}) else body
