"""The fake account's agents data (filled in by the agents area)."""

from __future__ import annotations

__all__ = ["AgentsStore"]


class AgentsStore:
    """Agents data of the fake account."""
