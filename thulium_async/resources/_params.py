"""Request parts that are not value checks: extra body fields of inferred endpoints, loose answers.

Value checks live in ``thulium_async._validation``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .._converter import format_date, format_datetime
from .._transport import RawResponse
from ..errors import InputError

__all__ = ["extra_fields", "json_or_none"]

_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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
