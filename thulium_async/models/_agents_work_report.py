"""What ``agents_work_report`` answers: per agent and period, calls, chats, tickets, pauses."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Response
from ._reports import Duration

__all__ = [
    "InboundCallStats",
    "PauseStats",
    "TaskStats",
    "ThresholdCallStats",
    "WorkReportAgent",
    "WorkReportRow",
]


@attrs.frozen(kw_only=True)
class WorkReportAgent(Response):
    """Who a report row is about."""

    login: str
    name: str | None = None
    surname: str | None = None


@attrs.frozen(kw_only=True)
class InboundCallStats(Response):
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
class ThresholdCallStats(Response):
    """Outbound calls above or below ``outbound_threshold`` seconds."""

    count: int = 0
    sum: Duration | None = None
    average: Duration | None = None


@attrs.frozen(kw_only=True)
class TaskStats(Response):
    """Chats or tickets handled (``total_responded`` only for tickets)."""

    closed: int = 0
    responded: int = 0
    total_responded: int | None = None


@attrs.frozen(kw_only=True)
class PauseStats(Response):
    """Time spent in one pause reason: ``id`` is ``"all"``, ``"free"`` or a pause id as a string."""

    id: str
    count: int = 0
    sum: Duration | None = None
    average: Duration | None = None


@attrs.frozen(kw_only=True)
class WorkReportRow(Response):
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
