"""Handler: ``GET agents_work_report`` (parameters; the aggregation is ``_report``).

Choices where the documentation is silent: ``date_from`` and ``date_to`` take
``YYYY-MM-DD``, ``YYYY-MM-DD hh:mm`` or ``YYYY-MM-DD hh:mm:ss`` (the doc's
request and parameter examples use both ends of that); each bound covers what
it names (a date-only ``date_to`` its whole day, a minute its whole minute), so
ranges that end one second before the next begins never overlap. ``agent_logins[]`` and
``agent_group_ids[]`` together report on both sets; an unknown login or group
id answers 400, as unknown logins in request bodies do elsewhere.
"""

from __future__ import annotations

from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ..shared._periods import PERIODS
from ..shared._validate import as_int, page, report_range
from ._models import Agent
from ._report import build_report

__all__ = ["REPORT_QUERY", "work_report"]

REPORT_QUERY = frozenset(
    {
        "limit",
        "offset",
        "agent_logins[]",
        "agent_group_ids[]",
        "date_from",
        "date_to",
        "aggregate_by",
        "queues_ids[]",
        "outbound_threshold",
    }
)
MAX_LIMIT = 100


def _agents(ctx: Ctx) -> list[Agent]:
    """The agents asked for, by login and by group, in account order."""
    query = ctx.query
    state = ctx.state
    logins = query.getlist("agent_logins[]")
    group_ids = {
        as_int(v, "agent_group_ids[]", minimum=1) for v in query.getlist("agent_group_ids[]")
    }
    if not logins and not group_ids:
        raise bad_request("required", name="agent_logins[] or agent_group_ids[]")
    for login in logins:
        if not login or login not in state.agents:
            raise bad_request("agent_not_found")
    if group_ids - set(state.agents_store.groups):
        raise bad_request("agent_group_not_found")
    wanted = set(logins)
    return [
        agent
        for agent in state.agents.values()
        if agent.login and (agent.login in wanted or agent.group_id in group_ids)
    ]


def work_report(ctx: Ctx) -> Reply:
    """GET agents_work_report: a plain array of rows, paged by limit/offset (max 100)."""
    query = ctx.query
    limit, offset = page(query, MAX_LIMIT)
    agents = _agents(ctx)
    start, end = report_range(query)
    period = query.get("aggregate_by") or "month"
    if period not in PERIODS:
        raise bad_request("invalid_value", name="aggregate_by", expected=", ".join(PERIODS))
    queues = {as_int(v, "queues_ids[]", minimum=1) for v in query.getlist("queues_ids[]")}
    raw_threshold = query.get("outbound_threshold")
    threshold = 0
    if raw_threshold is not None:
        threshold = as_int(raw_threshold, "outbound_threshold", minimum=0)
    rows = build_report(
        ctx.state,
        agents,
        start=start,
        end=end,
        period=period,
        queues=queues,
        threshold=threshold,
    )
    return 200, rows[offset : offset + limit]
