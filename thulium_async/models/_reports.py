"""What the report endpoints share: durations written ``hh:mm:ss`` and aggregation periods."""

from __future__ import annotations

import datetime as dt
import re

from ._enums import OpenStrEnum

__all__ = ["AggregateBy", "Duration"]

_HMS = re.compile(r"(-?)(\d+):([0-5]\d):([0-5]\d)")


class Duration(str):
    """A duration as the API writes it: ``"hh:mm:ss"``, hours may pass 24 (``"123:33:44"``).

    It stays the string the API sent (compare it with ``"00:00:00"``, print it)
    and converts on demand: ``.timedelta`` and ``.seconds``. A bare number is
    read as seconds (``inbound.wait_sum`` comes as an integer). Converting a
    value of another shape raises ValueError; reading it never does.
    """

    __slots__ = ()

    @property
    def seconds(self) -> int:
        """The whole duration in seconds."""
        text = self.strip()
        if text.lstrip("-").isdigit():
            return int(text)
        match = _HMS.fullmatch(text)
        if match is None:
            raise ValueError(f"not an 'hh:mm:ss' duration: {str(self)!r}")
        sign, hours, minutes, seconds = match.groups()
        total = int(hours) * 3600 + int(minutes) * 60 + int(seconds)
        return -total if sign else total

    @property
    def timedelta(self) -> dt.timedelta:
        """The duration as a timedelta."""
        return dt.timedelta(seconds=self.seconds)


class AggregateBy(OpenStrEnum):
    """The period a report row covers (``aggregate_by``; the API's default is MONTH)."""

    HOUR_OF_DAY = "hour_of_day"
    """One row per hour of the day (0-23) across the whole range."""
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
