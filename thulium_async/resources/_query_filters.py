"""Checks and wire forms shared by the list filters of chats, CRM and tickets."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .. import _validate as check
from .._converter import format_datetime
from ..errors import InputError
from ._base import bool_param

__all__ = [
    "choice",
    "custom_field_params",
    "date_filter",
    "email",
    "flag_params",
    "optional_text",
    "order_param",
    "required_text",
    "seconds_form",
    "text_list",
]

_DATE_OR_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def choice(value: Any, allowed: type[enum.Enum], field: str) -> str:
    """One of an enum's documented values (a member or its string)."""
    values = [str(member.value) for member in allowed]
    text = value.value if isinstance(value, enum.Enum) else value
    if isinstance(text, str) and text in values:
        return text
    raise InputError(field, f"one of {', '.join(values)}", value)


def required_text(value: Any, field: str) -> str:
    """A non-empty string."""
    if isinstance(value, str) and value.strip():
        return value
    raise InputError(field, "a non-empty string", value)


def optional_text(value: Any, field: str) -> str:
    """A string, possibly empty (an empty value clears a field or means "has none")."""
    if isinstance(value, str):
        return value
    raise InputError(field, "a string", value)


def email(value: Any, field: str) -> str:
    """An e-mail address (``name@host``)."""
    if isinstance(value, str) and _EMAIL.fullmatch(value):
        return value
    raise InputError(field, "an e-mail address such as 'jan@example.org'", value)


def text_list(values: Any, field: str) -> list[str]:
    """A list of non-empty strings (a single string is refused: a common slip)."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputError(field, "a list of strings", values)
    return [required_text(item, f"{field}[{index}]") for index, item in enumerate(values)]


def date_filter(value: Any, field: str, tz: dt.tzinfo) -> str:
    """A list filter date: ``YYYY-MM-DD`` (a date) or ``YYYY-MM-DD hh:mm`` (a datetime)."""
    if isinstance(value, dt.datetime):
        return check.datetime_value(value, field, tz)
    if isinstance(value, dt.date):
        return check.date_value(value, field)
    if isinstance(value, str) and _DATE_OR_MINUTE.fullmatch(value):
        if len(value) == 10:
            return check.date_value(value, field)
        return check.datetime_value(value, field, tz)
    raise InputError(field, "a date, a datetime or a 'YYYY-MM-DD[ hh:mm]' string", value)


def flag_params(**flags: bool | None) -> list[tuple[str, str]]:
    """``name=true|false`` for every flag given (None: not sent)."""
    params: list[tuple[str, str]] = []
    for name, flag in flags.items():
        if flag is None:
            continue
        if not isinstance(flag, bool):
            raise InputError(name, "True or False", flag)
        params.append((name, bool_param(flag)))
    return params


def order_param(value: str | Sequence[str], sortable: Iterable[str]) -> str:
    """``order=name,-nip``: sort fields, a ``-`` prefix for descending."""
    fields = [value] if isinstance(value, str) else list(value)
    allowed = sorted(sortable)
    parts: list[str] = []
    for index, part in enumerate(fields):
        names = part.split(",") if isinstance(part, str) else [part]
        for name in names:
            if not isinstance(name, str) or name.lstrip("-") not in allowed:
                where = "order" if isinstance(value, str) else f"order[{index}]"
                raise InputError(where, f"fields among {allowed}, '-' for descending", part)
            parts.append(name)
    if not parts:
        raise InputError("order", f"at least one of {allowed}", value)
    return ",".join(parts)


def _custom_value(value: Any, field: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(field, "a string or number", value)
    return str(value)


def custom_field_params(custom_fields: Mapping[str, str | Sequence[str]]) -> list[tuple[str, str]]:
    """The custom-field search in the API's nested-bracket form.

    ``{"Kraj": ["POLSKA", "NORWEGIA"], "Miasto": "Kraków"}`` becomes
    ``custom_fields[Kraj][0]=POLSKA&custom_fields[Kraj][1]=NORWEGIA&custom_fields[Miasto]=Kraków``:
    alternatives of one field are ORed, different fields combined.
    """
    if not isinstance(custom_fields, Mapping):
        raise InputError("custom_fields", "a mapping of field name to value(s)", custom_fields)
    params: list[tuple[str, str]] = []
    entries: list[tuple[Any, Any]] = list(custom_fields.items())  # checked, not trusted
    for name, wanted in entries:
        if not isinstance(name, str) or not name or "[" in name or "]" in name:
            raise InputError("custom_fields key", "a field name without '[' or ']'", name)
        field = f"custom_fields[{name}]"
        if isinstance(wanted, (str, int, float)) and not isinstance(wanted, bool):
            params.append((field, _custom_value(wanted, field)))
            continue
        if not isinstance(wanted, Iterable):
            raise InputError(field, "a value or a list of alternative values", wanted)
        values = [_custom_value(item, f"{field}[{i}]") for i, item in enumerate(wanted)]
        if not values:
            raise InputError(field, "at least one value", wanted)
        params += [(f"{field}[{i}]", item) for i, item in enumerate(values)]
    return params


def seconds_form(value: dt.datetime, tz: dt.tzinfo) -> str:
    """``YYYY-MM-DD hh:mm:ss`` in the account's zone (the report endpoints' form)."""
    return format_datetime(value, tz, seconds=True)
