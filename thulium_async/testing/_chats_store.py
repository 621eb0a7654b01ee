"""The fake account's chats data (filled in by the chats area)."""

from __future__ import annotations

__all__ = ["ChatsStore"]


class ChatsStore:
    """Chats data of the fake account."""
