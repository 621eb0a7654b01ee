"""Dates and times: checked, then written as the API reads them.

A day stays a day (``YYYY-MM-DD``); datetimes are written in the account's
zone. Naive datetimes are taken as the account's zone; aware ones are converted.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .._converter import format_date, format_datetime, to_account_time
from ..errors import InputError

__all__ = [
    "date_filter",
    "date_value",
    "datetime_value",
    "moment",
    "require_order",
    "seconds_form",
    "to_moment",
]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_DATE_OR_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")


def datetime_value(value: Any, field: str, tz: dt.tzinfo) -> str:
    """``YYYY-MM-DD hh:mm`` in the account's zone, from a datetime or such a string.

    Naive datetimes are taken as the account's zone; aware ones are converted.
    """
    if isinstance(value, dt.datetime):
        return _formatted(value, field, tz, seconds=False)
    if isinstance(value, str) and _MINUTE.fullmatch(value):
        try:
            dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
        except ValueError:
            pass
        else:
            return value
    raise InputError(field, "a datetime or a 'YYYY-MM-DD hh:mm' string", value)


def _formatted(value: dt.datetime, field: str, tz: dt.tzinfo, *, seconds: bool) -> str:
    # An aware time near year 1 or 9999 may fall outside the calendar in the account's zone.
    try:
        return format_datetime(value, tz, seconds=seconds)
    except (OverflowError, ValueError):
        raise InputError(
            field, "a datetime that stays within years 1-9999 in the account's zone", value
        ) from None


def date_value(value: Any, field: str) -> str:
    """``YYYY-MM-DD`` from a date or such a string."""
    if isinstance(value, dt.datetime):
        return format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return value
    raise InputError(field, "a date or a 'YYYY-MM-DD' string", value)


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
        day = dt.date.fromisoformat(date_value(value, field))
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
        return _formatted(value, field, tz, seconds=seconds)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str) and _DAY.fullmatch(value):
        return date_value(value, field)
    to_moment(value, field, tz)  # validates the string form
    return str(value)


def require_order(date_from: Any, date_to: Any, tz: dt.tzinfo) -> None:
    """Refuse a range whose start lies after its end."""
    start = to_moment(date_from, "date_from", tz)
    end = to_moment(date_to, "date_to", tz, end_of_day=True)
    if start > end:
        raise InputError("date_to", f"a moment not before date_from ({date_from!s})", date_to)


def date_filter(value: Any, field: str, tz: dt.tzinfo) -> str:
    """A list filter date: ``YYYY-MM-DD`` (a date) or ``YYYY-MM-DD hh:mm`` (a datetime)."""
    if isinstance(value, dt.datetime):
        return datetime_value(value, field, tz)
    if isinstance(value, dt.date):
        return date_value(value, field)
    if isinstance(value, str) and _DATE_OR_MINUTE.fullmatch(value):
        if len(value) == 10:
            return date_value(value, field)
        return datetime_value(value, field, tz)
    raise InputError(field, "a date, a datetime or a 'YYYY-MM-DD[ hh:mm]' string", value)


def seconds_form(value: dt.datetime, tz: dt.tzinfo) -> str:
    """``YYYY-MM-DD hh:mm:ss`` in the account's zone (the report endpoints' form)."""
    return format_datetime(value, tz, seconds=True)
