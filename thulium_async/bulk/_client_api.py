"""The narrow slice of a client that bulk uses, so bulk never depends on Client itself."""

from __future__ import annotations

from typing import Protocol

from .._config import RateLimit
from .._transport import TransportStats
from ..resources import Batch, CrmOutbounds, Customers, Outbounds, OutboundStatusByPhoneNumber

__all__ = ["BulkClient"]


class BulkClient(Protocol):
    """What bulk calls on a client: the record and customer areas, limits and counters.

    ``thulium_async.Client`` satisfies it; so does any object (a test double)
    with these members.
    """

    @property
    def outbounds(self) -> Outbounds:
        """``outbounds``: single record creates, updates, deletes and look-ups."""
        ...

    @property
    def crm_outbounds(self) -> CrmOutbounds:
        """``crm_outbounds``: the same for CRM campaigns."""
        ...

    @property
    def batch(self) -> Batch:
        """``batch/...``: the multi-item endpoints bulk prefers."""
        ...

    @property
    def customers(self) -> Customers:
        """``customers``: single customer creates, updates and deletes."""
        ...

    @property
    def outbound_status_by_phone_number(self) -> OutboundStatusByPhoneNumber:
        """``outbound_status_by_phone_number``: status changes keyed by phone number."""
        ...

    @property
    def rate_limit(self) -> RateLimit:
        """The client's limits; bulk's default concurrency is its ``max_concurrency``."""
        ...

    @property
    def stats(self) -> TransportStats:
        """The client's request counters, reported per run."""
        ...
