"""``topics``: the account's active call topics (inferred endpoint)."""

from __future__ import annotations

from typing import Any

from ..errors import DecodeError
from ..models import QueueTopics, Topic
from ._base import Resource

__all__ = ["Topics"]


class Topics(Resource):
    """``topics``."""

    async def list(self) -> list[Topic]:
        """Every active call topic (not paginated).

        Inferred endpoint: only its index line is documented. The answer is
        read as a list of topics (``{"id", "name", ...}``), a ``{"result":
        [...]}`` envelope, or the grouped shape ``queues/:id/topics``
        documents (``{"topic_groups": [...]}``), which is flattened with each
        topic's ``group_name`` set. Any other shape is a DecodeError.
        """
        raw = await self._call("GET", "topics")
        body: Any = raw.json()
        if body is None:
            return []
        if isinstance(body, dict) and "topic_groups" in body:
            grouped: QueueTopics = self._structure(raw, QueueTopics, body)
            return grouped.topics
        if isinstance(body, dict) and isinstance(body.get("result"), list):
            body = body["result"]
        if not isinstance(body, list):
            raise DecodeError(
                "unexpected answer shape: expected a list of topics",
                method=raw.method,
                url=raw.url,
                body=raw.content,
            )
        return self._structure(raw, list[Topic], body)
