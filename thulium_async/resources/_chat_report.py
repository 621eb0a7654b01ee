"""``chats/reports/summary``: the aggregated chat report, and ``collect`` over long ranges."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Literal

from .. import _validation as check
from .._concurrency import map_ordered
from .._pagination import Paginator
from .._validation import choice, seconds_form
from ..errors import InputError
from ..models import AggregateBy, ChatSummaryRow
from ._base import Resource, array_param
from ._periods import Period, cut_range
from ._query_filters import flag_params

__all__ = ["ChatSummaryReport", "SplitBy"]

MAX_PAGE_SIZE = 100
SplitBy = Period
_BOUND = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?")
_SECOND = dt.timedelta(seconds=1)

# The periods a split may use for each aggregation: a row's period must lie
# inside one request's range, or rows of two requests would share a period.
_SPLITS: dict[str, tuple[SplitBy, ...]] = {
    "minute": ("day", "week", "month", "year"),
    "hour": ("day", "week", "month", "year"),
    "day": ("day", "week", "month", "year"),
    "week": ("week",),
    "month": ("month", "year"),
    "year": ("year",),
}
_DEFAULT_SPLIT: dict[str, SplitBy] = {
    "minute": "day",
    "hour": "day",
    "day": "month",
    "week": "week",
    "month": "month",
    "year": "year",
}


def report_bound(value: Any, field: str, tz: dt.tzinfo, *, end: bool) -> tuple[str, dt.datetime]:
    """The wire form of a report date and the moment it stands for (naive, account time).

    A date (or ``YYYY-MM-DD``) as ``date_to`` stands for the end of that day.
    Datetimes go out with seconds, as the endpoint's docs write them.
    """
    if isinstance(value, dt.datetime):
        wire = seconds_form(value, tz)
        return wire, dt.datetime.fromisoformat(wire)
    if isinstance(value, dt.date):
        wire = check.date_value(value, field)
    elif isinstance(value, str) and _BOUND.fullmatch(value):
        wire = value
    else:
        raise InputError(field, "a date, a datetime or a 'YYYY-MM-DD[ hh:mm[:ss]]' string", value)
    try:
        moment = dt.datetime.fromisoformat(wire)
    except ValueError:
        raise InputError(field, "a valid date or date and time", value) from None
    if end and len(wire) == 10:
        moment += dt.timedelta(days=1) - _SECOND
    return wire, moment


def split_range(
    start: tuple[str, dt.datetime], end: tuple[str, dt.datetime], split: SplitBy
) -> list[tuple[str, str]]:
    """``(date_from, date_to)`` per request: the range cut at period starts, no overlap.

    The outer bounds go out as given; an inner cut at ``b`` ends one request at
    ``b - 1 s`` and starts the next at ``b`` (both with seconds), reading
    ``date_to`` as inclusive like the docs' examples.
    """
    pieces = cut_range(start[1], end[1], split)
    wires = [(low.isoformat(sep=" "), high.isoformat(sep=" ")) for low, high in pieces]
    wires[0] = (start[0], wires[0][1])
    wires[-1] = (wires[-1][0], end[0])
    return wires


class ChatSummaryReport(Resource):
    """``chats/reports/summary``: chat counts, times and ratings per period and user."""

    def _filters(
        self,
        *,
        user_logins: Iterable[str] | str | None,
        sum_users: bool | None,
        aggregate_by: AggregateBy | str | None,
        chat_queue_ids: Iterable[int] | int | None,
        response_threshold: int | None,
    ) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        if user_logins is not None:
            logins = [user_logins] if isinstance(user_logins, str) else user_logins
            params += array_param("user_logins", logins, check.login)
        params += flag_params(sum_users=sum_users)
        if aggregate_by is not None:
            params.append(("aggregate_by", choice(aggregate_by, AggregateBy, "aggregate_by")))
        if chat_queue_ids is not None:
            params += array_param("chat_queue_ids", chat_queue_ids, check.positive_id)
        if response_threshold is not None:
            seconds = check.number_in_range(response_threshold, "response_threshold", 0, 86400)
            params.append(("response_threshold", str(seconds)))
        return params

    async def collect(
        self,
        *,
        date_from: dt.date | dt.datetime | str,
        date_to: dt.date | dt.datetime | str,
        aggregate_by: AggregateBy | str = AggregateBy.MONTH,
        split: SplitBy | Literal["auto"] | None = "auto",
        user_logins: Iterable[str] | str | None = None,
        sum_users: bool | None = None,
        chat_queue_ids: Iterable[int] | int | None = None,
        response_threshold: int | None = None,
        concurrency: int = 4,
    ) -> list[ChatSummaryRow]:
        """The whole report over a long range: one request per period, ``concurrency`` at a time.

        The range is cut at the starts of ``split`` periods (calendar days,
        ISO weeks from Monday, months or years in the account's zone), which
        must hold whole ``aggregate_by`` periods, so every row comes from
        exactly one request and the rows are simply concatenated: by request
        (chronological), each request's rows in the server's order, whatever
        order the requests finish in. ``"auto"`` splits minute and hour rows
        by day, day and month rows by month, weeks by week and years by year;
        None sends one request. ``hour_of_day`` sums one hour over every day
        of the range, which split ranges cannot rebuild: it needs ``split=None``.
        The first failing request stops the others and its error
        is raised.

        Inner cuts end one request at ``hh:mm:59`` and start the next at the
        following second, assuming ``date_to`` is inclusive (as the docs'
        examples read); the outer bounds go out exactly as given, so a range
        inside one period is the very request ``list`` sends.
        """
        period = choice(aggregate_by, AggregateBy, "aggregate_by")
        if split is not None and period not in _SPLITS:
            raise InputError(
                "aggregate_by", "a period that can be split (hour_of_day: split=None)", period
            )
        cut = _DEFAULT_SPLIT[period] if split == "auto" else split
        if cut is not None and cut not in _SPLITS[period]:
            allowed = ["auto", *_SPLITS[period], None]
            raise InputError("split", f"one of {allowed} for aggregate_by={period!r}", split)
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
            raise InputError("concurrency", "a whole number >= 1", concurrency)
        tz = self._context.timezone
        start = report_bound(date_from, "date_from", tz, end=False)
        end = report_bound(date_to, "date_to", tz, end=True)
        if end[1] < start[1]:
            raise InputError("date_to", f"a moment not before date_from ({start[0]})", date_to)
        filters = self._filters(
            user_logins=user_logins,
            sum_users=sum_users,
            aggregate_by=period,
            chat_queue_ids=chat_queue_ids,
            response_threshold=response_threshold,
        )
        chunks = [(start[0], end[0])] if cut is None else split_range(start, end, cut)

        async def fetch(chunk: tuple[str, str]) -> list[ChatSummaryRow]:
            low, high = chunk
            params = [("date_from", low), ("date_to", high), *filters]
            pages = self._paginate(
                "chats/reports/summary",
                params,
                ChatSummaryRow,
                max_page_size=MAX_PAGE_SIZE,
                page_size=None,
                max_items=None,
                concurrency=1,
            )
            return await pages.to_list()

        results = await map_ordered(fetch, chunks, concurrency=concurrency)
        return [row for rows in results for row in rows]

    def list(
        self,
        *,
        date_from: dt.date | dt.datetime | str,
        date_to: dt.date | dt.datetime | str,
        user_logins: Iterable[str] | str | None = None,
        sum_users: bool | None = None,
        aggregate_by: AggregateBy | str | None = None,
        chat_queue_ids: Iterable[int] | int | None = None,
        response_threshold: int | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[ChatSummaryRow]:
        """A paginator over the report's rows for ``date_from``..``date_to`` (both required).

        Dates: a date (``YYYY-MM-DD``) or a datetime (sent as ``YYYY-MM-DD
        hh:mm:ss`` in the account's zone). ``aggregate_by`` defaults to month on
        the API side; ``sum_users`` merges users into one row per period;
        ``response_threshold`` is the first-response threshold in seconds
        (default 20). The answer has no count: pages (up to 100 rows) are read
        one after another until a short one. For long ranges see ``collect``.
        """
        tz = self._context.timezone
        params = [
            ("date_from", report_bound(date_from, "date_from", tz, end=False)[0]),
            ("date_to", report_bound(date_to, "date_to", tz, end=True)[0]),
            *self._filters(
                user_logins=user_logins,
                sum_users=sum_users,
                aggregate_by=aggregate_by,
                chat_queue_ids=chat_queue_ids,
                response_threshold=response_threshold,
            ),
        ]
        return self._paginate(
            "chats/reports/summary",
            params,
            ChatSummaryRow,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=1,
        )
