"""The fake account's account data (filled in by the account area)."""

from __future__ import annotations

__all__ = ["AccountStore"]


class AccountStore:
    """Account data of the fake account."""
