"""Handlers: call queues (topics, waiting list, scheduled calls) and the account's topics.

Choices where the documentation is silent:

- ``GET topics`` (inferred endpoint) answers a plain array of the active
  topics of active groups, group by group, each as ``queues/{id}/topics``
  shows it plus its ``group_name``.
- The waiting list is in queue order (callers in the order they joined). A
  caller is matched to a CRM customer when exactly one customer has that
  number; ``customer_label`` is ``name surname`` (a company customer's name).
- ``POST queues/{id}/schedule_call`` stores the call; once the account's clock
  reaches ``call_at`` the queue places it and the callee waits in the queue:
  it joins the end of the waiting list, ``started_at`` = ``call_at``, with an
  ENTER_QUEUE event dated ``call_at``. The fake has no timer, so it joins when
  the fake next looks at the queue (this POST when due at once, the waiting
  list, ``ring_agent``, the queue setup helpers). It is not
  a connection until an agent's call with it ends. ``call_at`` must be
  ``YYYY-MM-DD hh:mm:ss`` (the documented format); absent or ``""`` means now;
  a past moment is due at once. An unknown queue is a 404 before the body is
  checked.
- ``GET queues`` and ``GET queues/{id}/waiting_stats`` are not documented (seen
  in integrations' traffic). The list is a plain array of ``{"queue_id",
  "name"}`` in creation order. The stats carry both pairs of names seen in
  use: ``in_queue``/``waiting`` (the callers in the line) and
  ``approx_wait_time``/``estimated_waiting_time``: how long the callers now
  waiting have waited on average, ``HH:MM:SS``, null when nobody waits (the
  real formula is unknown; this one grows with the line as a real estimate
  would). An unknown queue is a 404.
"""

from __future__ import annotations

import datetime as dt
import re

from ..server._clock import SECOND
from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ..shared._validate import check_phone
from ._events import line
from ._views import queue_topics_view, topic_view, waiting_view

__all__ = [
    "check_call_at",
    "list_queue_topics",
    "list_queues",
    "list_topics",
    "schedule_call",
    "waiting_list",
    "waiting_stats",
]

_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\Z")


def check_call_at(value: object, name: str = "call_at") -> str:
    """A real ``YYYY-MM-DD hh:mm:ss`` moment."""
    if isinstance(value, str) and _SECONDS.match(value):
        try:
            dt.datetime.strptime(value, SECOND)
        except ValueError:
            pass
        else:
            return value
    raise bad_request("invalid_datetime_seconds", name=name)


def list_topics(ctx: Ctx) -> Reply:
    """GET topics: every active topic of every active group."""
    store = ctx.state.calls
    return 200, [topic_view(store, t) for _, topics in store.active_topics() for t in topics]


def list_queue_topics(ctx: Ctx) -> Reply:
    """GET queues/{id}/topics."""
    store = ctx.state.calls
    return 200, queue_topics_view(store, store.queue(ctx.params["id"]))


def waiting_list(ctx: Ctx) -> Reply:
    """GET queues/{id}/waiting_list: a plain array."""
    state = ctx.state
    queue = state.calls.queue(ctx.params["id"])
    return 200, [waiting_view(state, w) for w in line(state, queue)]


def list_queues(ctx: Ctx) -> Reply:
    """GET queues: a plain array, in creation order."""
    return 200, [
        {"queue_id": queue.queue_id, "name": queue.name}
        for queue in ctx.state.calls.queues.values()
    ]


def waiting_stats(ctx: Ctx) -> Reply:
    """GET queues/{id}/waiting_stats: the line's length and average wait so far."""
    state = ctx.state
    callers = line(state, state.calls.queue(ctx.params["id"]))
    now = dt.datetime.strptime(state.now_seconds(), SECOND)
    wait: str | None = None
    if callers:
        waited = [
            max(0.0, (now - dt.datetime.strptime(c.started_at, SECOND)).total_seconds())
            for c in callers
        ]
        seconds = round(sum(waited) / len(waited))
        wait = f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return 200, {
        "in_queue": len(callers),
        "approx_wait_time": wait,
        "waiting": len(callers),
        "estimated_waiting_time": wait,
    }


def schedule_call(ctx: Ctx) -> Reply:
    """POST queues/{id}/schedule_call: 201, empty body."""
    state = ctx.state
    queue = state.calls.queue(ctx.params["id"])
    fields = ctx.fields()
    phone = fields.get("phone_number")
    if phone in (None, ""):
        raise bad_request("required", name="phone_number")
    phone = check_phone(phone)
    now = state.now_seconds()
    raw = fields.get("call_at")
    call_at = now if raw in (None, "") else check_call_at(raw)
    state.calls.schedule(queue, phone, call_at, now)
    line(state, queue)
    return 201, None
