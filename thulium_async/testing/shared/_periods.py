"""Report periods (``aggregate_by``): where one starts, where the next starts, its label.

Both computed reports of the fake (agents work, chat summary) name periods
the same way, so one account names its periods one way: ``2019-12-01 09:05``
(minute), ``2019-12-01 09:00`` (hour), ``2019-12-01`` (day), ``2019-48`` (ISO
week, Monday first), ``2019-12`` (month), ``2019`` (year), ``09``
(hour_of_day, across the days of a range).
"""

from __future__ import annotations

import datetime as dt

__all__ = ["PERIODS", "period_label", "period_start", "next_period"]

PERIODS = ("hour_of_day", "minute", "hour", "day", "week", "month", "year")
_LABELS = {
    "hour_of_day": "%H",
    "minute": "%Y-%m-%d %H:%M",
    "hour": "%Y-%m-%d %H:00",
    "day": "%Y-%m-%d",
    "month": "%Y-%m",
    "year": "%Y",
}


def period_start(moment: dt.datetime, period: str) -> dt.datetime:
    """The start of the period containing ``moment``."""
    if period == "minute":
        return moment.replace(second=0, microsecond=0)
    if period in ("hour", "hour_of_day"):
        return moment.replace(minute=0, second=0, microsecond=0)
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def next_period(start: dt.datetime, period: str) -> dt.datetime:
    """The start of the period after the one starting at ``start``."""
    if period == "minute":
        return start + dt.timedelta(minutes=1)
    if period in ("hour", "hour_of_day"):
        return start + dt.timedelta(hours=1)
    if period in ("day", "week"):
        return start + dt.timedelta(days=1 if period == "day" else 7)
    if period == "month":
        return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start.replace(year=start.year + 1)


def period_label(moment: dt.datetime, period: str) -> str:
    """The period's name in report rows (see the module docstring)."""
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year}-{week:02d}"
    return moment.strftime(_LABELS[period])
