"""Small enumerations that only webhook payloads use."""

from __future__ import annotations

from ..models import OpenStrEnum

__all__ = ["CallEndedBy", "TicketDirection", "TransferType"]


class CallEndedBy(OpenStrEnum):
    """Which side hung up a queue call (``reason`` of AGENT_COMPLETED)."""

    AGENT = "agent"
    CALLER = "caller"


class TransferType(OpenStrEnum):
    """How a queue call was transferred (``type`` of QUEUE_TRANSFERRED_TO_AGENT)."""

    ATTENDED = "attended"
    BLIND = "blind"


class TicketDirection(OpenStrEnum):
    """How a ticket was added (``direction`` of TICKET_CREATED)."""

    IN = "in"
    OUT = "out"
    IN_BEHALF_OF = "in_behalf_of"
