"""``FakeThulium`` inspection helpers of the tickets area: what the API shows, and more.

Tickets and messages come back as the API shows them; ``ticket_meta`` and
``temporary_files`` add what the API accepts but never shows (tags, cc,
source, direction, body types, uploads and their use).
"""

from __future__ import annotations

from typing import Any

from ..shared._setup import SetupBase
from ._models import Ticket
from ._store import FILE_LIFETIME
from ._views import message_view, minute, ticket_view

__all__ = ["TicketsInspection"]


class TicketsInspection(SetupBase):
    """Read-only views of the tickets area for tests (no HTTP, never faulted)."""

    def tickets(self) -> list[dict[str, Any]]:
        """Every ticket as ``GET tickets/{id}?include_custom_fields=true`` shows it, by id."""
        store = self._state.tickets
        return [
            ticket_view(store, store.tickets[i], include_custom_fields=True)
            for i in sorted(store.tickets)
        ]

    def ticket_messages(self, ticket_id: int) -> list[dict[str, Any]]:
        """The ticket's messages as the API shows them, oldest first."""
        return [message_view(m) for m in self._ticket(ticket_id).messages]

    def ticket_meta(self, ticket_id: int) -> dict[str, Any]:
        """What the API accepts but never shows: to, cc, tags, source, direction,
        and each message's body type (``{message_id: "HTML" | "PLAIN" | ""}``)."""
        ticket = self._ticket(ticket_id)
        return {
            "to": ticket.to,
            "cc": list(ticket.cc),
            "tags": list(ticket.tags),
            "source": ticket.source,
            "direction": ticket.direction,
            "body_types": {m.message_id: m.body_type for m in ticket.messages},
        }

    def temporary_files(self) -> list[dict[str, Any]]:
        """Every upload: the API's fields plus its content, dates, and use.

        ``ticket_id`` is the ticket it was attached to (None: unused);
        ``expired`` is true 24 hours after ``uploaded_at``.
        """
        now = self._state.wall_clock()
        return [
            {
                "filename": f.filename,
                "token": f.token,
                "size": len(f.content),
                "content": f.content,
                "content_type": f.content_type,
                "uploaded_at": minute(f.uploaded_at),
                "expired": now - f.uploaded_at >= FILE_LIFETIME,
                "ticket_id": f.ticket_id,
            }
            for f in self._state.tickets.files.values()
        ]

    def _ticket(self, ticket_id: int) -> Ticket:
        ticket = self._state.tickets.tickets.get(ticket_id)
        if ticket is None:
            raise KeyError(f"no ticket {ticket_id!r}")
        return ticket
