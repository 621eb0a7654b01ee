"""``FakeThulium`` setup helpers for the chats area (direct state writes, no HTTP)."""

from __future__ import annotations

from ._setup import SetupBase

__all__ = ["ChatsSetup"]


class ChatsSetup(SetupBase):
    """Setup helpers of the chats area, mixed into ``FakeThulium``."""
