"""The fake's times: the forms the API writes dates and durations in, and reading them back.

The API speaks local time without an offset, to the minute in most places
(``YYYY-MM-DD hh:mm``) and to the second for calls, presence and chats.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "MINUTE",
    "SECOND",
    "ManualClock",
    "hms",
    "minute_stamp",
    "parse_moment",
    "setup_moment",
    "stamp",
]

MINUTE = "%Y-%m-%d %H:%M"
SECOND = "%Y-%m-%d %H:%M:%S"
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?\Z")


def stamp(moment: dt.datetime) -> str:
    """``YYYY-MM-DD hh:mm:ss``."""
    return moment.strftime(SECOND)


def minute_stamp(moment: dt.datetime) -> str:
    """``YYYY-MM-DD hh:mm``."""
    return moment.strftime(MINUTE)


def parse_moment(text: str) -> dt.datetime:
    """A local time written ``YYYY-MM-DD hh:mm``, ``... hh:mm:ss`` or ``... hh:mm:ss.fff``.

    Raises ValueError for anything else (not relying on ``fromisoformat``,
    which reads fractions of a second only from Python 3.11).
    """
    if not isinstance(text, str) or not _MOMENT.match(text):
        raise ValueError(f"expected 'YYYY-MM-DD hh:mm[:ss[.fff]]', got {text!r}")
    if "." in text:
        return dt.datetime.strptime(text, f"{SECOND}.%f")
    return dt.datetime.strptime(text, SECOND if len(text) == 19 else MINUTE)


def setup_moment(value: dt.datetime | str, name: str) -> dt.datetime:
    """A setup helper's date argument: a datetime or an API-form string, to the second.

    Raises ValueError naming the argument, the error setup code expects.
    """
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    try:
        return parse_moment(value).replace(microsecond=0)
    except ValueError:
        expected = "a datetime or 'YYYY-MM-DD hh:mm[:ss]'"
        raise ValueError(f"{name} must be {expected}, got {value!r}") from None


def hms(seconds: float) -> str:
    """A duration as ``hh:mm:ss`` (hours may pass 24), whole seconds rounded down."""
    whole = max(0, int(seconds))
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"


class ManualClock:
    """A wall clock for ``FakeThulium`` that moves only when told.

    Pins the fake's local time, so every date it writes (records, calls,
    presence, tickets, reports, webhook events) is predictable, and lets a
    test walk through time: a call lasting 90 s, a token expiring after 24 h,
    a work report over two days::

        clock = ManualClock(datetime.datetime(2024, 5, 6, 9, 0))
        fake = FakeThulium(wall_clock=clock)
        ...
        clock.advance(seconds=90)
    """

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is not None:
            raise ValueError("the API speaks local time: give a naive datetime")
        self.now = start
        """The time the fake reads; assign to jump."""

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float = 0, **delta: float) -> dt.datetime:
        """Move forward by ``seconds`` and/or ``timedelta`` units (``minutes=5``); returns now."""
        self.now += dt.timedelta(seconds=seconds, **delta)
        return self.now
