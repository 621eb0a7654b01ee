"""``FakeThulium`` setup helpers for the agents area (direct state writes, no HTTP)."""

from __future__ import annotations

from ._setup import SetupBase

__all__ = ["AgentsSetup"]


class AgentsSetup(SetupBase):
    """Setup helpers of the agents area, mixed into ``FakeThulium``."""
