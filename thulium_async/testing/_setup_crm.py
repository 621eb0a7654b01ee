"""``FakeThulium`` setup helpers for the crm area (direct state writes, no HTTP)."""

from __future__ import annotations

from ._setup import SetupBase

__all__ = ["CrmSetup"]


class CrmSetup(SetupBase):
    """Setup helpers of the crm area, mixed into ``FakeThulium``."""
