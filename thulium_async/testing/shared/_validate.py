"""Checks of request values: types, formats, ranges, query parameters.

Integers are accepted as JSON numbers or digit strings because the documentation's
own examples send ids as strings (``{"status_id": "3"}``); everything else is strict.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

from ..server._clock import MINUTE, SECOND
from ..server._errors import bad_request

__all__ = [
    "Query",
    "as_bool",
    "as_int",
    "as_str",
    "check_date",
    "date_bound",
    "report_range",
    "check_datetime",
    "check_phone",
    "page",
    "query_bool",
]

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})\Z")
_PHONE = re.compile(r"\+?[0-9]{3,20}\Z")
_INT = re.compile(r"-?[0-9]{1,18}\Z")


class Query:
    """The query string as ordered (name, value) pairs, PHP-style: the last scalar wins."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.pairs = pairs

    def get(self, name: str) -> str | None:
        """The last value of ``name``, or None."""
        found = None
        for key, value in self.pairs:
            if key == name:
                found = value
        return found

    def getlist(self, name: str) -> list[str]:
        """Every value of ``name`` in order (for ``name[]`` parameters)."""
        return [value for key, value in self.pairs if key == name]


def as_int(value: Any, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """An integer given as a JSON number or a digit string, within the bounds."""
    if isinstance(value, bool):
        raise bad_request("invalid_value", name=name, expected="an integer")
    if isinstance(value, str) and _INT.match(value):
        value = int(value)
    if not isinstance(value, int):
        raise bad_request("invalid_value", name=name, expected="an integer")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise bad_request("invalid_value", name=name, expected=_bounds(minimum, maximum))
    return value


def _bounds(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f"an integer from {minimum} to {maximum}"
    if minimum == 1:
        return "a positive integer"
    if minimum is not None:
        return f"an integer of at least {minimum}"
    return f"an integer of at most {maximum}"


def as_bool(value: Any, name: str) -> bool:
    """A JSON boolean."""
    if not isinstance(value, bool):
        raise bad_request("invalid_value", name=name, expected="true or false")
    return value


def as_str(value: Any, name: str) -> str:
    """A JSON string."""
    if not isinstance(value, str):
        raise bad_request("invalid_value", name=name, expected="a string")
    return value


def _real_date(parts: Sequence[str]) -> bool:
    year, month, day, *clock = (int(p) for p in parts)
    hour, minute = clock or (0, 0)
    try:
        datetime.datetime(year, month, day, hour, minute)
    except ValueError:
        return False
    return True


def check_date(value: Any, name: str) -> str:
    """A ``YYYY-MM-DD`` date (campaign dates, record list filters)."""
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None or not _real_date(match.groups()):
        raise bad_request("invalid_date", name=name)
    return str(value)


def check_datetime(value: Any, name: str) -> str:
    """A ``YYYY-MM-DD hh:mm`` date-time (``next_call_date``)."""
    match = _DATETIME.match(value) if isinstance(value, str) else None
    if match is None or not _real_date(match.groups()):
        raise bad_request("invalid_datetime", name=name)
    return str(value)


def check_phone(value: Any) -> str:
    """A phone number: digits with an optional leading ``+``, 3 to 20 of them."""
    if not isinstance(value, str) or not _PHONE.match(value):
        raise bad_request("invalid_phone")
    return value


def query_bool(query: Query, name: str) -> bool:
    """A ``true``/``false`` query flag; absent means false."""
    value = query.get(name)
    if value is None or value == "false":
        return False
    if value == "true":
        return True
    raise bad_request("invalid_value", name=name, expected="true or false")


def page(query: Query, max_limit: int) -> tuple[int, int]:
    """``limit`` (default 100, at most ``max_limit``) and ``offset`` (default 0)."""
    raw_limit = query.get("limit")
    limit = 100 if raw_limit is None else as_int(raw_limit, "limit", minimum=1)
    if limit > max_limit:
        raise bad_request("limit_too_high", max=max_limit)
    raw_offset = query.get("offset")
    offset = 0 if raw_offset is None else as_int(raw_offset, "offset", minimum=0)
    return limit, offset


# length of a date filter -> (its format, the span of time it names)
_BOUND_FORMS = {
    10: ("%Y-%m-%d", datetime.timedelta(days=1)),
    16: (MINUTE, datetime.timedelta(minutes=1)),
    19: (SECOND, datetime.timedelta(seconds=1)),
}
_BOUND = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?\Z")


def date_bound(query: Query, name: str, *, end: bool) -> datetime.datetime | None:
    """A list's date filter (a day, a minute or a second) as a moment, or None when absent.

    The docs write filters as ``YYYY-MM-DD`` or ``YYYY-MM-DD hh:mm``; seconds
    (``2026-12-05 00:00:00``) are accepted too, as on reports: one public
    integration's production code sends them, so Thulium evidently takes them.

    A bound covers all it names: the start of that span, or with ``end`` the
    first moment after it, so ``low <= t < high`` keeps what both bounds name
    and ``2014-07-05`` as ``date_to`` includes the whole day.
    """
    raw = query.get(name)
    return None if raw is None else _moment(raw, name, end=end)


def report_range(query: Query) -> tuple[datetime.datetime, datetime.datetime]:
    """``[start, end)`` of a report: ``date_from`` and ``date_to`` required, seconds allowed.

    Each bound covers what it names (see ``date_bound``), so ranges cut one
    second apart, as the client's report splitters send them, never overlap.
    """
    bounds = []
    for name in ("date_from", "date_to"):
        raw = query.get(name)
        if not raw:
            raise bad_request("required", name=name)
        bounds.append(_moment(raw, name, end=name == "date_to"))
    start, end = bounds
    if end <= start:
        raise bad_request("date_order")
    return start, end


def _moment(raw: str, name: str, *, end: bool) -> datetime.datetime:
    form = _BOUND_FORMS.get(len(raw)) if _BOUND.match(raw) else None
    if form is not None:
        try:
            moment = datetime.datetime.strptime(raw, form[0])
        except ValueError:
            pass
        else:
            return moment + form[1] if end else moment
    raise bad_request("invalid_filter_date", name=name)
