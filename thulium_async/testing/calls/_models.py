"""Call queues and call topics of the fake account (kept in ``CallsStore``).

Topic groups are account-wide and assigned to queues in the panel; each holds
topics. Topic custom fields are account-wide and shown with every queue's
topics. A call's saved topic (topic, comment, field values) is kept per
connection id.
"""

from __future__ import annotations

import attrs

__all__ = [
    "Queue",
    "SavedTopic",
    "ScheduledCall",
    "Topic",
    "TopicField",
    "TopicGroup",
    "WaitingCaller",
]


@attrs.define(eq=False)
class Topic:
    """A call topic; only active topics of active groups are offered to agents."""

    topic_id: int
    name: str
    group_id: int
    active: bool = True
    show_custom_fields: bool = True


@attrs.define(eq=False)
class TopicGroup:
    """A named group of topics (its topics in creation order)."""

    group_id: int
    name: str
    active: bool = True
    topic_ids: list[int] = attrs.field(factory=list)


@attrs.define(eq=False)
class TopicField:
    """A topic custom field (``type`` such as TEXT or LONG_TEXT)."""

    field_id: int
    name: str
    type: str = "TEXT"
    require: bool = False


@attrs.define(eq=False)
class SavedTopic:
    """What an agent saved for a call: topic, comment, custom-field values by field id."""

    topic_id: int
    agent_login: str = ""
    comment: str = ""
    values: dict[int, str] = attrs.field(factory=dict)


@attrs.define(eq=False)
class WaitingCaller:
    """A caller waiting in a queue since ``started_at`` (``YYYY-MM-DD hh:mm:ss``).

    ``connection_id`` is the call's id from the moment it entered the queue: an
    agent's phone ringing with it files the call under it.
    """

    phone_number: str
    started_at: str
    connection_id: str = ""


@attrs.define(eq=False)
class ScheduledCall:
    """A call scheduled through a queue, not yet placed (``call_at`` with seconds)."""

    queue_id: int
    phone_number: str
    call_at: str
    scheduled_at: str


@attrs.define(eq=False)
class Queue:
    """A call queue: its topic groups, the callers waiting in it, its scheduled calls."""

    queue_id: int
    name: str
    topic_group_ids: list[int] = attrs.field(factory=list)
    waiting: list[WaitingCaller] = attrs.field(factory=list)
    scheduled: list[ScheduledCall] = attrs.field(factory=list)
