"""The fake account's tickets data (filled in by the tickets area)."""

from __future__ import annotations

__all__ = ["TicketsStore"]


class TicketsStore:
    """Tickets data of the fake account."""
