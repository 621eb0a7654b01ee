"""Enumerations shared by campaign models."""

from __future__ import annotations

import enum

__all__ = ["BatchStatus", "Dialer", "OpenStrEnum", "SystemStatus"]


class OpenStrEnum(str, enum.Enum):
    """A string enum that accepts values it does not know yet.

    The API adds values over time; an unknown one becomes a pseudo-member (its
    name and value are the string) instead of breaking the whole page.
    """

    @classmethod
    def _missing_(cls, value: object) -> OpenStrEnum | None:
        if not isinstance(value, str) or not value:
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)


class SystemStatus(OpenStrEnum):
    """The system status behind every campaign status (``system_status``)."""

    TO_CALL = "TO_CALL"
    """To be called: freshly added records."""
    IN_PROGRESS = "IN_PROGRESS"
    """Being processed."""
    CALL = "CALL"
    """Should be called."""
    MY_RECORD = "MY_RECORD"
    """Reserved for one agent: needs ``agent_login`` and ``next_call_date``."""
    NO_CALL = "NO_CALL"
    """Do not call."""
    ABANDONED_AFTER_N_TRIES = "ABANDONED_AFTER_N_TRIES"
    """Given up after N attempts."""
    CALL_NO_SOONER_THAN = "CALL_NO_SOONER_THAN"
    """Call no earlier than ``next_call_date`` (required)."""
    CALL_PROGRESSIVE = "CALL_PROGRESSIVE"
    """Call in progressive mode (e.g. drops from predictive mode)."""


class Dialer(OpenStrEnum):
    """A campaign's dialer type."""

    PREDICTIVE = "predictive"
    PROGRESSIVE = "progressive"
    PREVIEW = "preview"


class BatchStatus(OpenStrEnum):
    """Per-item outcome words of the batch (207) endpoints."""

    ADDED = "ADDED"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    FAILED = "FAILED"
    REMOVED = "REMOVED"
    NOT_EXIST = "NOT_EXIST"
    CALL_IN_PROGRESS = "CALL_IN_PROGRESS"
    REMOVAL_QUEUED = "REMOVAL_QUEUED"
    ALREADY_QUEUED = "ALREADY_QUEUED"
