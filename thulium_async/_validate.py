"""Checks that run before any request: each names the field and what it expected."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import Any

from ._converter import format_date, format_datetime
from .errors import InputError

__all__ = [
    "campaign_id",
    "date_value",
    "datetime_value",
    "identifier",
    "items",
    "login",
    "login_segment",
    "number_in_range",
    "path_segment",
    "phone_number",
    "positive_id",
    "string_map",
]

_CAMPAIGN_ID = re.compile(r"[0-9A-Za-z]{5}")
_PHONE = re.compile(r"\+?[0-9]{1,32}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOT_IN_LOGINS = "/?#%\\"


def campaign_id(value: Any, field: str = "campaign_id") -> str:
    """A five-character campaign id; an int is zero-padded (12 -> "00012").

    A string of another length is refused rather than padded: the docs' own
    examples write "12" by mistake, and guessing would hide a wrong id.
    """
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 99999:
        return f"{value:05d}"
    if isinstance(value, str) and _CAMPAIGN_ID.fullmatch(value):
        return value
    raise InputError(field, 'a five-character campaign id such as "00001" (or an int)', value)


def phone_number(value: Any, field: str = "phone_number") -> str:
    """Digits with an optional leading +, as the API stores them."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if isinstance(value, str) and _PHONE.fullmatch(value):
        return value
    raise InputError(field, "digits with an optional leading + (no spaces or dashes)", value)


def positive_id(value: Any, field: str) -> int:
    """A positive integer id; digit strings are accepted (the API sends both)."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise InputError(field, "a positive integer id", value)


def number_in_range(value: Any, field: str, low: int, high: int) -> int:
    """A whole number within ``low..high`` inclusive."""
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    raise InputError(field, f"a whole number from {low} to {high}", value)


def identifier(value: Any, field: str = "identifier") -> str:
    """A non-empty, printable identifier without '/' or surrounding spaces.

    Identifiers go into URL paths: "." and ".." would name another resource,
    so they are refused; use :func:`path_segment` to put one into a path.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if (
        isinstance(value, str)
        and value.isprintable()
        and value not in ("", ".", "..")
        and "/" not in value
        and value.strip() == value
    ):
        return value
    raise InputError(field, "a printable identifier without '/', not '.' or '..'", value)


def path_segment(value: str) -> str:
    """``value`` percent-encoded as one URL path segment ('?', '#', '%' included)."""
    return urllib.parse.quote(value, safe="")


def login(value: Any, field: str = "agent_login") -> str:
    """An agent login: printable, without '/', '?', '#', '%', '\\' or surrounding spaces.

    Logins go into URL paths (see :func:`login_segment`); one rule serves
    paths, queries and bodies, so a login refused in one place is refused in
    all. "." and ".." would name another resource.
    """
    if (
        isinstance(value, str)
        and value.strip() == value
        and value.isprintable()
        and value not in ("", ".", "..")
        and not any(char in value for char in _NOT_IN_LOGINS)
    ):
        return value
    raise InputError(
        field, "an agent login (printable, no '/', '?', '#', '%', '\\' or spaces around)", value
    )


def login_segment(value: Any, field: str = "login") -> str:
    """A checked login, percent-encoded as one URL path segment (``agents/{login}/...``)."""
    return path_segment(login(value, field))


def datetime_value(value: Any, field: str, tz: dt.tzinfo) -> str:
    """``YYYY-MM-DD hh:mm`` in the account's zone, from a datetime or such a string.

    Naive datetimes are taken as the account's zone; aware ones are converted.
    """
    if isinstance(value, dt.datetime):
        return format_datetime(value, tz)
    if isinstance(value, str) and _DATETIME.fullmatch(value):
        try:
            dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
        except ValueError:
            pass
        else:
            return value
    raise InputError(field, "a datetime or a 'YYYY-MM-DD hh:mm' string", value)


def date_value(value: Any, field: str) -> str:
    """``YYYY-MM-DD`` from a date or such a string."""
    if isinstance(value, dt.datetime):
        return format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return value
    raise InputError(field, "a date or a 'YYYY-MM-DD' string", value)


def string_map(value: Any, field: str) -> dict[str, str]:
    """A mapping of names to string values (numbers are turned into strings)."""
    if not isinstance(value, Mapping):
        raise InputError(field, "a mapping of field name to value", value)
    result: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not key:
            raise InputError(f"{field} key", "a non-empty field name", key)
        if item is None:
            item = ""
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise InputError(f"{field}[{key!r}]", "a string or number", item)
        result[key] = str(item)
    return result


def items(values: Any, field: str, expected: str) -> list[Any]:
    """A list from an iterable of items; a lone string is refused, never split into characters."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InputError(field, f"a list of {expected}", values)
    return list(values)


def logins(values: Any, field: str = "logins") -> list[str]:
    """A non-empty list of agent logins (a single string is refused: a common slip)."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputError(field, "a list of agent logins", values)
    result = [login(item, f"{field}[{index}]") for index, item in enumerate(values)]
    if not result:
        raise InputError(field, "at least one agent login", values)
    return result
