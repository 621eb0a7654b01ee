"""``agents_work_report``: agents' work per period, one page or many requests merged."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

from .. import _validation as check
from .._concurrency import map_ordered
from .._pagination import Paginator
from .._validation import moment, positive_ids, require_order, to_moment
from ..errors import InputError
from ..models import AggregateBy, WorkReportRow
from ._base import Resource, array_param
from ._periods import cut_range

__all__ = ["AgentsWorkReport"]

MAX_PAGE_SIZE = 100
Split = Literal["day", "week"]

# Periods that never straddle a day (or a Monday-based week) boundary: rows of
# different chunks then never describe the same period, so merging is a plain
# concatenation. WEEK is left out: the API's first day of the week is undocumented.
_FITS: dict[str | None, frozenset[str]] = {
    "day": frozenset({"minute", "hour", "day"}),
    "week": frozenset({"minute", "hour", "day"}),
    None: frozenset(item.value for item in AggregateBy),
}


def _aggregate_by(value: Any) -> str:
    try:
        member = AggregateBy(value)
    except ValueError:
        member = None
    if member is None or member.value not in _FITS[None]:
        raise InputError("aggregate_by", f"one of {sorted(_FITS[None])}", value)
    return member.value


class AgentsWorkReport(Resource):
    """``agents_work_report``: per agent and period, calls, chats, tickets and pauses."""

    def list(
        self,
        *,
        date_from: dt.date | dt.datetime | str,
        date_to: dt.date | dt.datetime | str,
        agent_logins: Iterable[str] | None = None,
        agent_group_ids: Iterable[int] | None = None,
        aggregate_by: AggregateBy | str | None = None,
        queues_ids: Iterable[int] | None = None,
        outbound_threshold: int | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[WorkReportRow]:
        """A paginator over the report rows (pages of up to 100, no total count).

        Give ``agent_logins``, ``agent_group_ids`` or both. Bounds are dates
        (sent as ``YYYY-MM-DD``, as the doc's request example does) or
        datetimes (sent as ``YYYY-MM-DD hh:mm:ss`` in the account's zone, as
        the parameter examples do). ``aggregate_by`` defaults to the API's
        ``month``. The answer is a plain array, so pages are read one after
        another until a short one. For many agents or a long range see
        ``collect``.
        """
        tz = self._context.timezone
        if agent_logins is None and agent_group_ids is None:
            raise InputError("agent_logins", "agent logins or agent_group_ids", None)
        require_order(date_from, date_to, tz)
        params: list[tuple[str, str]] = []
        if agent_logins is not None:
            params += array_param("agent_logins", check.logins(agent_logins, "agent_logins"), _same)
        if agent_group_ids is not None:
            params += array_param(
                "agent_group_ids", positive_ids(agent_group_ids, "agent_group_ids"), _same
            )
        params.append(("date_from", moment(date_from, "date_from", tz, seconds=True)))
        params.append(("date_to", moment(date_to, "date_to", tz, seconds=True)))
        if aggregate_by is not None:
            params.append(("aggregate_by", _aggregate_by(aggregate_by)))
        if queues_ids is not None:
            params += array_param("queues_ids", positive_ids(queues_ids, "queues_ids"), _same)
        if outbound_threshold is not None:
            threshold = check.number_in_range(outbound_threshold, "outbound_threshold", 0, 86400)
            params.append(("outbound_threshold", str(threshold)))
        return self._paginate(
            "agents_work_report",
            params,
            WorkReportRow,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=1,
        )

    async def collect(
        self,
        *,
        date_from: dt.date | dt.datetime | str,
        date_to: dt.date | dt.datetime | str,
        logins: Iterable[str],
        split: Split | None = "day",
        aggregate_by: AggregateBy | str = AggregateBy.DAY,
        logins_per_request: int = 10,
        queues_ids: Iterable[int] | None = None,
        outbound_threshold: int | None = None,
        concurrency: int = 8,
    ) -> builtins.list[WorkReportRow]:
        """The report for many agents over a long range: split, fetched concurrently, merged.

        The range is cut into days or Monday-based weeks (``split``; None keeps
        it whole) and the logins into groups of ``logins_per_request``; each
        (range piece, login group) is one paginated request, ``concurrency`` at
        a time, all within the client's rate limits. Date bounds cover whole
        days (``date_to`` included); datetime bounds are exact. Pieces are
        sent as ``YYYY-MM-DD hh:mm:ss``, each ending one second before the
        next starts, so nothing is counted twice.

        A split is only allowed with an ``aggregate_by`` no coarser than a
        day (minute, hour, day): a month's row would otherwise come back cut
        into partial rows. Rows come back ordered by login (in the order of
        ``logins``), then by range piece, then as the API ordered them:
        the same input always gives the same order, however requests finish.
        The first failing request cancels the others and its error is raised.
        """
        tz = self._context.timezone
        login_list = list(dict.fromkeys(check.logins(logins, "logins")))
        size = check.number_in_range(logins_per_request, "logins_per_request", 1, 1000)
        workers = check.number_in_range(concurrency, "concurrency", 1, 1000)
        if split not in ("day", "week", None):
            raise InputError("split", "'day', 'week' or None", split)
        aggregate = _aggregate_by(aggregate_by)
        if aggregate not in _FITS[split]:
            raise InputError(
                "aggregate_by", f"one of {sorted(_FITS[split])} when split={split!r}", aggregate_by
            )
        require_order(date_from, date_to, tz)
        start = to_moment(date_from, "date_from", tz)
        end = to_moment(date_to, "date_to", tz, end_of_day=True)
        groups = [login_list[i : i + size] for i in range(0, len(login_list), size)]
        jobs = [(piece, group) for group in groups for piece in cut_range(start, end, split)]
        common: dict[str, Any] = {
            "aggregate_by": aggregate,
            "queues_ids": None if queues_ids is None else positive_ids(queues_ids, "queues_ids"),
            "outbound_threshold": outbound_threshold,
        }
        # Validate every argument once, before any request goes out.
        self.list(date_from=start, date_to=end, agent_logins=login_list, **common)

        async def fetch(job: tuple[tuple[dt.datetime, dt.datetime], list[str]]) -> list[Any]:
            (piece_start, piece_end), group = job
            pager = self.list(
                date_from=piece_start, date_to=piece_end, agent_logins=group, **common
            )
            return await pager.to_list()

        pages = await map_ordered(fetch, jobs, concurrency=workers)
        position = {login: index for index, login in enumerate(login_list)}
        tagged = [
            (position.get(row.agent.login, len(position)), job_index, row_index, row)
            for job_index, rows in enumerate(pages)
            for row_index, row in enumerate(rows)
        ]
        # Jobs are ordered by login group, then piece; within a group, rows are
        # regrouped per login. The indexes make the sort total: no ties.
        tagged.sort(key=lambda item: (item[0], item[1], item[2]))
        return [item[3] for item in tagged]


def _same(value: Any, _: str) -> Any:
    return value
