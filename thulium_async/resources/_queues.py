"""``queues``: the queue list, a queue's topics, waiting callers and stats, scheduled calls."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import _validation as check
from .._converter import format_datetime
from .._validation import to_moment
from ..errors import InputError
from ..models import Queue, QueueTopics, QueueWaitingStats, WaitingCaller
from ._base import Context, Resource

__all__ = ["Queues", "QueuesTopics", "QueuesWaitingList", "QueuesWaitingStats"]


def _queue_id(value: Any) -> int:
    return check.positive_id(value, "queue_id")


class QueuesTopics(Resource):
    """``queues/:id/topics``."""

    async def list(self, queue_id: int) -> QueueTopics:
        """The active topic groups (empty ones included) and topic custom fields of a queue.

        ``.topics`` on the answer flattens the groups. The doc example is not
        valid JSON; it is read as the object its keys describe.
        """
        raw = await self._call("GET", f"queues/{_queue_id(queue_id)}/topics")
        return self._structure(raw, QueueTopics)


class QueuesWaitingList(Resource):
    """``queues/:id/waiting_list``."""

    async def list(self, queue_id: int) -> list[WaitingCaller]:
        """The callers waiting in a queue now, matched to CRM customers when unambiguous."""
        raw = await self._call("GET", f"queues/{_queue_id(queue_id)}/waiting_list")
        return self._structure(raw, list[WaitingCaller])


class QueuesWaitingStats(Resource):
    """``queues/:id/waiting_stats`` (seen in use, not documented)."""

    async def get(self, queue_id: int) -> QueueWaitingStats:
        """How many callers wait in a queue now and the approximate wait (see QueueWaitingStats)."""
        raw = await self._call("GET", f"queues/{_queue_id(queue_id)}/waiting_stats")
        return self._structure(raw, QueueWaitingStats)


class Queues(Resource):
    """``queues``: call queues. Sub-resources: ``topics``, ``waiting_list``, ``waiting_stats``."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.topics = QueuesTopics(context)
        self.waiting_list = QueuesWaitingList(context)
        self.waiting_stats = QueuesWaitingStats(context)

    async def list(self) -> list[Queue]:
        """Every call queue of the account (``GET queues``: seen in use, not documented)."""
        raw = await self._call("GET", "queues")
        return self._structure(raw, list[Queue])

    async def schedule_call(
        self,
        queue_id: int,
        *,
        phone_number: str,
        call_at: dt.datetime | str | None = None,
    ) -> None:
        """Schedule a call to ``phone_number`` through a queue, at ``call_at`` (default: now).

        ``call_at`` is a datetime (naive = the account's zone) or a
        ``YYYY-MM-DD hh:mm[:ss]`` string; it goes out as ``YYYY-MM-DD
        hh:mm:ss``. Not retried after an ambiguous failure: a repeat would
        schedule a second call.
        """
        qid = _queue_id(queue_id)
        body: dict[str, Any] = {"phone_number": check.phone_number(phone_number)}
        if call_at is not None:
            body["call_at"] = _call_at(call_at, self._context.timezone)
        await self._call("POST", f"queues/{qid}/schedule_call", json=body)


def _call_at(value: Any, tz: dt.tzinfo) -> str:
    # A moment, never a bare day: "call on 2020-11-06" names no time to call.
    if isinstance(value, dt.datetime) or (isinstance(value, str) and len(value) > 10):
        return format_datetime(to_moment(value, "call_at", tz), tz, seconds=True)
    raise InputError("call_at", "a datetime or a 'YYYY-MM-DD hh:mm[:ss]' string", value)
