"""Cutting a date range at calendar period starts, for the report splitters."""

from __future__ import annotations

import datetime as dt
from typing import Literal

__all__ = ["Period", "cut_range"]

Period = Literal["day", "week", "month", "year"]
_SECOND = dt.timedelta(seconds=1)


def _next_start(moment: dt.datetime, period: Period) -> dt.datetime:
    """The first start of a ``period`` after ``moment``; weeks start on Monday.

    Built from calendar fields, not by adding hours: a day is 23 or 25 hours
    long across a DST change, and the cut must stay at local midnight.
    """
    day = moment.date()
    if period == "day":
        following = day + dt.timedelta(days=1)
    elif period == "week":
        following = day + dt.timedelta(days=7 - day.weekday())
    elif period == "month":
        carry, month = divmod(day.month, 12)
        following = dt.date(day.year + carry, month + 1, 1)
    else:
        following = dt.date(day.year + 1, 1, 1)
    return dt.datetime.combine(following, dt.time(), tzinfo=moment.tzinfo)


def cut_range(
    start: dt.datetime, end: dt.datetime, period: Period | None
) -> list[tuple[dt.datetime, dt.datetime]]:
    """``[start, end]`` cut at every ``period`` start inside it (None: one piece).

    Each piece ends one second before the next begins (the API's times have
    whole seconds and its ranges include their end), so no moment is reported
    twice and none is left out. Naive and aware datetimes both work.
    """
    pieces: list[tuple[dt.datetime, dt.datetime]] = []
    piece_start = start
    if period is not None:
        cut = _next_start(start, period)
        while cut <= end:
            pieces.append((piece_start, cut - _SECOND))
            piece_start = cut
            cut = _next_start(cut, period)
    pieces.append((piece_start, end))
    return pieces
