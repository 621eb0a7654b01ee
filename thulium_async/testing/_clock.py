"""The fake's times: the forms the API writes dates and durations in, and reading them back.

The API speaks local time without an offset, to the minute in most places
(``YYYY-MM-DD hh:mm``) and to the second for calls, presence and chats.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["MINUTE", "SECOND", "hms", "minute_stamp", "parse_moment", "setup_moment", "stamp"]

MINUTE = "%Y-%m-%d %H:%M"
SECOND = "%Y-%m-%d %H:%M:%S"


def stamp(moment: dt.datetime) -> str:
    """``YYYY-MM-DD hh:mm:ss``."""
    return moment.strftime(SECOND)


def minute_stamp(moment: dt.datetime) -> str:
    """``YYYY-MM-DD hh:mm``."""
    return moment.strftime(MINUTE)


def parse_moment(text: str) -> dt.datetime:
    """A local time written ``YYYY-MM-DD hh:mm``, ``... hh:mm:ss`` or ``... hh:mm:ss.fff``.

    Raises ValueError for anything else; milliseconds are dropped.
    """
    if len(text) >= 19:
        return dt.datetime.strptime(text[:19], SECOND)
    return dt.datetime.strptime(text, MINUTE)


def setup_moment(value: dt.datetime | str, name: str) -> dt.datetime:
    """A setup helper's date argument: a datetime or an API-form string, to the second.

    Raises ValueError naming the argument, the error setup code expects.
    """
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    try:
        return parse_moment(value)
    except (TypeError, ValueError):
        expected = "a datetime or 'YYYY-MM-DD hh:mm[:ss]'"
        raise ValueError(f"{name} must be {expected}, got {value!r}") from None


def hms(seconds: float) -> str:
    """A duration as ``hh:mm:ss`` (hours may pass 24), whole seconds rounded down."""
    whole = max(0, int(seconds))
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"
