"""Call topics: what ``topics`` and ``queues/:id/topics`` answer."""

from __future__ import annotations

import attrs

from ._base import Response

__all__ = ["QueueTopics", "Topic", "TopicCustomField", "TopicGroup"]


@attrs.frozen(kw_only=True)
class Topic(Response):
    """A call topic an agent can give a call.

    ``group_name`` is filled when the topic was listed inside a topic group.
    """

    id: int
    name: str | None = None
    show_custom_fields: bool | None = None
    group_name: str | None = None


@attrs.frozen(kw_only=True)
class TopicGroup(Response):
    """An active topic group and its active topics (possibly none)."""

    group_name: str
    topics: list[Topic] = attrs.field(factory=list)


@attrs.frozen(kw_only=True)
class TopicCustomField(Response):
    """A custom field shown with topics (``type`` such as ``TEXT`` or ``LONG_TEXT``)."""

    id: int
    name: str | None = None
    type: str | None = None
    require: bool | None = None


@attrs.frozen(kw_only=True)
class QueueTopics(Response):
    """The topic groups and topic custom fields available in a call queue."""

    topic_groups: list[TopicGroup] = attrs.field(factory=list)
    custom_fields: list[TopicCustomField] = attrs.field(factory=list)

    @property
    def topics(self) -> list[Topic]:
        """Every topic of every group, in order, each with its ``group_name`` set."""
        return [
            attrs.evolve(topic, group_name=group.group_name)
            for group in self.topic_groups
            for topic in group.topics
        ]
