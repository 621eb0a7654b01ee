"""The fake account's crm data (filled in by the crm area)."""

from __future__ import annotations

__all__ = ["CrmStore"]


class CrmStore:
    """Crm data of the fake account."""
