"""``FakeThulium`` setup helpers for call queues and topics (direct state writes, no HTTP).

A caller put in or taken out of a queue's line emits ENTER_QUEUE, then
ABANDONED or EXIT_QUEUE (``_events``), as a caller doing so would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..server._clock import setup_moment, stamp
from ..shared._setup import SetupBase, checked
from ..shared._validate import check_phone
from ._events import enter_queue, leave_queue, line
from ._models import Queue, Topic, TopicField, TopicGroup
from ._store import CallsStore
from ._views import queue_topics_view, waiting_view

__all__ = ["QueuesSetup", "moment"]

DEFAULT_TOPIC_GROUP = "General"


def moment(value: str | dt.datetime | None, default: dt.datetime, name: str) -> str:
    """A setup date as ``YYYY-MM-DD hh:mm:ss``: a datetime, an API-form string, or ``default``."""
    return stamp(setup_moment(default if value is None else value, name))


class QueuesSetup(SetupBase):
    """Call queues, topic groups, topics and topic fields, waiting callers."""

    @property
    def _calls_store(self) -> CallsStore:
        return self._state.calls

    def add_queue(
        self, name: str, *, queue_id: int | None = None, topic_groups: Sequence[int] = ()
    ) -> int:
        """Create a call queue offering the given topic groups (in that order); returns its id."""
        store = self._calls_store
        if queue_id is None:
            queue_id = store.new_id("queue")
        elif queue_id < 1 or queue_id in store.queues:
            raise ValueError(f"queue id {queue_id} is taken or not positive")
        for group_id in topic_groups:
            if group_id not in store.topic_groups:
                raise ValueError(f"no topic group {group_id}")
        store.claim_id("queue", queue_id)
        store.queues[queue_id] = Queue(queue_id, name, list(dict.fromkeys(topic_groups)))
        return queue_id

    def add_topic_group(self, name: str, *, active: bool = True) -> int:
        """Create a topic group (assign it to queues with ``add_queue``); returns its id.

        An inactive group is hidden with all its topics.
        """
        if not name:
            raise ValueError("a topic group needs a name")
        store = self._calls_store
        group_id = store.new_id("group")
        store.topic_groups[group_id] = TopicGroup(group_id, name, active)
        return group_id

    def add_topic(
        self,
        name: str,
        *,
        group_id: int | None = None,
        active: bool = True,
        show_custom_fields: bool = True,
    ) -> int:
        """Create a call topic in a group; returns its id.

        Without ``group_id`` the topic goes to a group named ``"General"``,
        created on first use. Inactive topics are never listed.
        """
        if not name:
            raise ValueError("a topic needs a name")
        store = self._calls_store
        if group_id is None:
            group_id = next(
                (g.group_id for g in store.topic_groups.values() if g.name == DEFAULT_TOPIC_GROUP),
                None,
            ) or self.add_topic_group(DEFAULT_TOPIC_GROUP)
        group = store.topic_groups.get(group_id)
        if group is None:
            raise ValueError(f"no topic group {group_id}")
        topic_id = store.new_id("topic")
        store.topics[topic_id] = Topic(topic_id, name, group_id, active, show_custom_fields)
        group.topic_ids.append(topic_id)
        return topic_id

    def add_topic_field(self, name: str, *, type: str = "TEXT", require: bool = False) -> int:
        """Create a topic custom field (shown with every queue's topics); returns its id.

        ``type`` is the panel's field type, e.g. TEXT or LONG_TEXT.
        """
        if not name or not type:
            raise ValueError("a topic field needs a name and a type")
        store = self._calls_store
        field_id = store.new_id("field")
        store.topic_fields[field_id] = TopicField(field_id, name, type, require)
        return field_id

    def add_waiting_caller(
        self, queue_id: int, phone_number: str, *, started_at: str | dt.datetime | None = None
    ) -> None:
        """Put a caller at the end of a queue's line, waiting since ``started_at`` (default now).

        Emits ENTER_QUEUE dated ``started_at``; the caller gets the connection
        id an agent's phone rings with (``ring_agent``).
        """
        queue = self._queue(queue_id)
        checked(check_phone, phone_number)
        since = setup_moment(
            self._state.moment() if started_at is None else started_at, "started_at"
        )
        line(self._state, queue)
        enter_queue(self._state, queue, phone_number, since)

    def remove_waiting_caller(
        self, queue_id: int, phone_number: str, *, abandoned: bool = True
    ) -> None:
        """Take the first caller with this number out of the queue.

        By default the caller hung up (ABANDONED, with the seconds waited);
        ``abandoned=False`` is any other way out, such as being answered
        outside the fake's agents (EXIT_QUEUE). A caller ringing at an agent
        leaves with that call (``end_agent_call``, ``POST .../answer``).
        """
        queue = self._queue(queue_id)
        state = self._state
        ringing = {live.call.connection_id for live in state.agents_store.live.values()}
        for caller in line(state, queue):
            if caller.phone_number == phone_number and caller.connection_id not in ringing:
                leave_queue(state, queue, caller, abandoned=abandoned)
                return
        raise ValueError(f"{phone_number} is not waiting in queue {queue_id} (or is ringing)")

    # -- inspection ----------------------------------------------------------------------

    def waiting_list(self, queue_id: int) -> list[dict[str, Any]]:
        """The queue's waiting list as ``GET queues/{id}/waiting_list`` shows it now."""
        queue = self._queue(queue_id)
        state = self._state
        return [waiting_view(state, w) for w in line(state, queue)]

    def queue_topics(self, queue_id: int) -> dict[str, Any]:
        """The queue's topics as ``GET queues/{id}/topics`` shows them."""
        return queue_topics_view(self._calls_store, self._queue(queue_id))

    def scheduled_calls(self, queue_id: int | None = None) -> list[dict[str, Any]]:
        """Every call scheduled through a queue (all queues by default), due or not.

        Each is ``{"queue_id", "phone_number", "call_at", "scheduled_at"}``, in
        scheduling order; ``call_at`` and ``scheduled_at`` carry seconds.
        """
        return [
            {
                "queue_id": s.queue_id,
                "phone_number": s.phone_number,
                "call_at": s.call_at,
                "scheduled_at": s.scheduled_at,
            }
            for s in self._calls_store.scheduled
            if queue_id is None or s.queue_id == queue_id
        ]

    def _queue(self, queue_id: int) -> Queue:
        queue = self._calls_store.queues.get(queue_id)
        if queue is None:
            raise ValueError(f"no queue {queue_id!r}")
        return queue
