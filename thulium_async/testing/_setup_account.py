"""``FakeThulium`` setup helpers for the account area (direct state writes, no HTTP)."""

from __future__ import annotations

from ._setup import SetupBase

__all__ = ["AccountSetup"]


class AccountSetup(SetupBase):
    """Setup helpers of the account area, mixed into ``FakeThulium``."""
