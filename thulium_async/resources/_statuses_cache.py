"""Campaign statuses kept per client, to check record inputs before sending."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import anyio

from ..models import CampaignStatus, SystemStatus

__all__ = ["StatusCache"]

Loader = Callable[[str], Awaitable[list[CampaignStatus]]]


class StatusCache:
    """Statuses by campaign, fetched once and kept for ``ttl`` seconds.

    MY_RECORD and CALL_NO_SOONER_THAN require extra fields, but a record names
    its status by id; the id's system status is only known from the campaign's
    status list. One GET per campaign buys a clear error before a doomed write.
    """

    def __init__(self, ttl: float = 300.0) -> None:
        self.ttl = ttl
        self._entries: dict[str, tuple[float, list[CampaignStatus]]] = {}
        self._locks: dict[str, anyio.Lock] = {}

    async def get(self, campaign_id: str, load: Loader) -> list[CampaignStatus]:
        """The campaign's statuses, loading them at most once per ``ttl``."""
        entry = self._entries.get(campaign_id)
        if entry is not None and time.monotonic() - entry[0] < self.ttl:
            return entry[1]
        lock = self._locks.setdefault(campaign_id, anyio.Lock())
        async with lock:
            entry = self._entries.get(campaign_id)
            if entry is not None and time.monotonic() - entry[0] < self.ttl:
                return entry[1]
            statuses = await load(campaign_id)
            self._entries[campaign_id] = (time.monotonic(), statuses)
            return statuses

    def forget(self, campaign_id: str | None = None) -> None:
        """Drop one campaign's statuses (or all), e.g. after editing them in the panel."""
        if campaign_id is None:
            self._entries.clear()
        else:
            self._entries.pop(campaign_id, None)


def system_status_of(
    statuses: list[CampaignStatus], *, status_id: int | None, dictionary_status_id: int | None
) -> SystemStatus | None:
    """The system status behind a status id or dictionary status id, if listed."""
    for status in statuses:
        if status_id is not None and status.status_id == status_id:
            return status.system_status
        if dictionary_status_id is not None and status.dictionary_status_id == dictionary_status_id:
            return status.system_status
    return None
