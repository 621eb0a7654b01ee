"""The ticket dictionaries: ``ticket_categories``, ``ticket_queues``, ``ticket_statuses``.

All three are inferred endpoints (index lines only, no doc page): their answers'
shapes are unknown, so their items are returned as the API's JSON objects.
"""

from __future__ import annotations

from typing import Any

from ._base import Resource

__all__ = ["TicketCategories", "TicketQueues", "TicketStatuses"]


class _Dictionary(Resource):
    async def _items(self, path: str) -> list[dict[str, Any]]:
        """A plain array, or the ``{"result": [...]}`` envelope other lists use."""
        raw = await self._call("GET", path)
        body = raw.json()
        if isinstance(body, dict) and "result" in body:
            body = body["result"]
        return self._structure(raw, list[dict[str, Any]], [] if body is None else body)


class TicketCategories(_Dictionary):
    """``ticket_categories``."""

    async def list(self) -> list[dict[str, Any]]:
        """Ticket categories (their ids feed ``category_id``), as the API's JSON objects.

        Inferred endpoint with an undocumented shape: a plain array or a
        ``{"result": [...]}`` envelope is accepted; items are not modelled.
        """
        return await self._items("ticket_categories")


class TicketQueues(_Dictionary):
    """``ticket_queues``."""

    async def list(self) -> list[dict[str, Any]]:
        """Ticket queues (their ids feed ``ticket_queue_id``), as the API's JSON objects.

        Inferred endpoint with an undocumented shape, read like ``ticket_categories``.
        """
        return await self._items("ticket_queues")


class TicketStatuses(_Dictionary):
    """``ticket_statuses``."""

    async def list(self) -> list[dict[str, Any]]:
        """Ticket statuses with their sub-statuses, as the API's JSON objects.

        Their ids feed ``status_id``/``substatus_id``. Inferred endpoint with an
        undocumented shape, read like ``ticket_categories``.
        """
        return await self._items("ticket_statuses")
