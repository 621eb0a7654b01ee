"""Input checks shared by the agent, call and misc resources (beyond ``_validate``).

Each raises ``InputError`` naming the field before any request is sent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .. import _validate as check
from .._converter import format_date, format_datetime, to_account_time
from .._transport import RawResponse
from ..errors import InputError

__all__ = [
    "extra_fields",
    "flag",
    "json_or_none",
    "moment",
    "positive_ids",
    "require_order",
    "text",
    "texts",
    "to_moment",
]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def text(value: Any, field: str) -> str:
    """A non-empty string (an int is written as its digits)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    raise InputError(field, "a non-empty string", value)


def texts(values: Any, field: str) -> list[str]:
    """A non-empty list of non-empty strings (a lone string is refused: a common slip)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InputError(field, "a list of strings", values)
    result = [text(item, f"{field}[{index}]") for index, item in enumerate(values)]
    if not result:
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


def to_moment(value: Any, field: str, tz: dt.tzinfo, *, end_of_day: bool = False) -> dt.datetime:
    """A date, datetime or API-form string as an aware datetime in the account's zone.

    A day (date or ``YYYY-MM-DD``) means its start, or its last second with
    ``end_of_day``.
    """
    if isinstance(value, dt.datetime):
        return to_account_time(value, tz)
    if isinstance(value, str) and (_MINUTE.fullmatch(value) or _SECOND.fullmatch(value)):
        try:
            return dt.datetime.fromisoformat(value).replace(tzinfo=tz)
        except ValueError:
            pass
    elif isinstance(value, dt.date) or (isinstance(value, str) and _DAY.fullmatch(value)):
        day = dt.date.fromisoformat(check.date_value(value, field))
        clock = dt.time(23, 59, 59) if end_of_day else dt.time()
        return dt.datetime.combine(day, clock, tzinfo=tz)
    raise InputError(field, "a date, a datetime or a 'YYYY-MM-DD[ hh:mm[:ss]]' string", value)


def moment(value: Any, field: str, tz: dt.tzinfo, *, seconds: bool) -> str:
    """A list filter bound on the wire: a day as ``YYYY-MM-DD``, a moment with its time.

    Dates and ``YYYY-MM-DD`` strings stay days (the API reads the time range
    itself). Datetimes are written in the account's zone, as ``hh:mm:ss`` with
    ``seconds`` and ``hh:mm`` without (seconds then dropped). Valid strings of
    the other forms are sent as given.
    """
    if isinstance(value, dt.datetime):
        return format_datetime(value, tz, seconds=seconds)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str) and _DAY.fullmatch(value):
        return check.date_value(value, field)
    to_moment(value, field, tz)  # validates the string form
    return str(value)


def require_order(date_from: Any, date_to: Any, tz: dt.tzinfo) -> None:
    """Refuse a range whose start lies after its end."""
    start = to_moment(date_from, "date_from", tz)
    end = to_moment(date_to, "date_to", tz, end_of_day=True)
    if start > end:
        raise InputError("date_to", f"a moment not before date_from ({date_from!s})", date_to)


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
