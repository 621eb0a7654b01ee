"""Plain values: numbers, flags, choices, texts, e-mail addresses, mappings and lists."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import InputError

__all__ = [
    "choice",
    "email",
    "flag",
    "items",
    "number_in_range",
    "optional_text",
    "string_map",
    "text",
    "texts",
    "wire_safe",
]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def number_in_range(value: Any, field: str, low: int, high: int) -> int:
    """A whole number within ``low..high`` inclusive."""
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    raise InputError(field, f"a whole number from {low} to {high}", value)


def wire_safe(value: Any, field: str) -> None:
    """Refuse what JSON cannot carry: text that is not valid Unicode, ints beyond 64 bits.

    Walks a body (mappings and lists), naming the offending place as
    ``field.key`` or ``field[index]``; a lone surrogate such as "\\ud800" or an
    id of 2**64 would otherwise fail while the request is being written.
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(field, "text without lone surrogates", value) from None
    elif isinstance(value, int) and not isinstance(value, bool):
        if not -(2**63) <= value < 2**64:
            raise InputError(field, "a whole number that fits in 64 bits", value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            name = f"{field}.{key}" if field else str(key)
            wire_safe(key, name)
            wire_safe(item, name)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            wire_safe(item, f"{field}[{index}]")


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


def email(value: Any, field: str) -> str:
    """An e-mail address (``name@host``)."""
    if isinstance(value, str) and _EMAIL.fullmatch(value):
        return value
    raise InputError(field, "an e-mail address such as 'jan@example.org'", value)


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
