"""Ids, phone numbers and logins: what names a thing in a path, query or body."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from typing import Any

from ..errors import InputError

__all__ = [
    "campaign_id",
    "identifier",
    "login",
    "login_segment",
    "logins",
    "path_segment",
    "phone_number",
    "positive_id",
    "positive_ids",
]

_CAMPAIGN_ID = re.compile(r"[0-9A-Za-z]{5}")
_PHONE = re.compile(r"\+?[0-9]{1,32}")
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


#: Ids are 64-bit signed integers on the server (and JSON encoders stop at 64 bits).
MAX_ID = 2**63 - 1


def positive_id(value: Any, field: str) -> int:
    """A positive integer id below 2**63; digit strings are accepted (the API sends both)."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID:
        return value
    raise InputError(field, "a positive integer id below 2**63", value)


def positive_ids(values: Any, field: str) -> list[int]:
    """A non-empty list of positive integer ids (a single id is accepted as a list of one)."""
    if isinstance(values, (int, str)) and not isinstance(values, bool):
        values = [values]
    if not isinstance(values, Iterable):
        raise InputError(field, "a list of positive integer ids", values)
    result = [positive_id(item, f"{field}[{index}]") for index, item in enumerate(values)]
    if not result:
        raise InputError(field, "at least one id", values)
    return result


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


def logins(values: Any, field: str = "logins") -> list[str]:
    """A non-empty list of agent logins (a single string is refused: a common slip)."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputError(field, "a list of agent logins", values)
    result = [login(item, f"{field}[{index}]") for index, item in enumerate(values)]
    if not result:
        raise InputError(field, "at least one agent login", values)
    return result
