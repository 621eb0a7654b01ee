"""What ``agents_work_report`` answers: per agent and period, calls, chats, tickets, pauses."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from ._enums import OpenStrEnum

__all__ = [
    "AggregateBy",
    "Duration",
    "InboundCallStats",
    "PauseStats",
    "TaskStats",
    "ThresholdCallStats",
    "WorkReportAgent",
    "WorkReportRow",
]

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


@attrs.frozen(kw_only=True)
class WorkReportAgent:
    """Who a report row is about."""

    login: str
    name: str | None = None
    surname: str | None = None


@attrs.frozen(kw_only=True)
class InboundCallStats:
    """Queue (inbound) calls of a row; ``wait_sum`` arrives as a number, read as seconds."""

    count: int = 0
    answered_count: int = 0
    not_answered_count: int = 0
    transferred_count: int = 0
    sum: Duration | None = None
    average: Duration | None = None
    wait_sum: Duration | None = None
    wait_average: Duration | None = None
    calls_per_hour: float = 0.0


@attrs.frozen(kw_only=True)
class ThresholdCallStats:
    """Outbound calls above or below ``outbound_threshold`` seconds."""

    count: int = 0
    sum: Duration | None = None
    average: Duration | None = None


@attrs.frozen(kw_only=True)
class TaskStats:
    """Chats or tickets handled (``total_responded`` only for tickets)."""

    closed: int = 0
    responded: int = 0
    total_responded: int | None = None


@attrs.frozen(kw_only=True)
class PauseStats:
    """Time spent in one pause reason: ``id`` is ``"all"``, ``"free"`` or a pause id as a string."""

    id: str
    count: int = 0
    sum: Duration | None = None
    average: Duration | None = None


@attrs.frozen(kw_only=True)
class WorkReportRow:
    """One agent's work in one period (``period`` as the API writes it, e.g. ``"2019-12"``)."""

    agent: WorkReportAgent
    period: str
    inbound: InboundCallStats | None = None
    chat: TaskStats | None = None
    ticket: TaskStats | None = None
    outbound_above_threshold: ThresholdCallStats | None = None
    outbound_below_threshold: ThresholdCallStats | None = None
    login_date: dt.datetime | None = None
    logout_date: dt.datetime | None = None
    pauses: list[PauseStats] = attrs.field(factory=list)
