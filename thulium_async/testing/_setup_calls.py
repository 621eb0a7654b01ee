"""``FakeThulium`` setup helpers for the calls area (direct state writes, no HTTP)."""

from __future__ import annotations

from ._setup import SetupBase

__all__ = ["CallsSetup"]


class CallsSetup(SetupBase):
    """Setup helpers of the calls area, mixed into ``FakeThulium``."""
