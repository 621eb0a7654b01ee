"""``FakeThulium`` setup helpers for the tickets area (direct state writes, no HTTP)."""

from __future__ import annotations

from ._setup import SetupBase

__all__ = ["TicketsSetup"]


class TicketsSetup(SetupBase):
    """Setup helpers of the tickets area, mixed into ``FakeThulium``."""
