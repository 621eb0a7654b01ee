"""Webhooks of the campaigns area, built only when someone listens (``State.emit``).

A record edited through the API (status, assignment, next call) emits
OUTBOUND_RECORD_SAVED: Thulium documents that event for an agent saving a
record, and whether API edits emit it too is not documented; the fake does so
deliberately, so receivers can be tested end to end. Campaign calls
(OUTBOUND_CONNECTING ... OUTBOUND_COMPLETED) are built with the other call
events in ``calls._events``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ...models import SystemStatus
from ...webhooks import OutboundRecordSaved

if TYPE_CHECKING:
    from ..server._state import State
    from ._models import Campaign, Record, Status

__all__ = ["record_saved_event"]


def record_saved_event(
    state: State, campaign: Campaign, record: Record, previous: Status
) -> OutboundRecordSaved:
    """The OUTBOUND_RECORD_SAVED event for an edited record."""
    next_call = (
        state.aware(dt.datetime.fromisoformat(record.next_call_date))
        if record.next_call_date
        else None
    )
    return OutboundRecordSaved(
        id=campaign.id,
        name=campaign.name,
        date=state.aware(state.moment()),
        record_id=record.record_id,
        phone_number=record.phone_number or None,
        agent_login=record.agent_login or None,
        system_status=SystemStatus(record.status.system_status),
        status_id=record.status.status_id,
        previous_status_id=previous.status_id,
        next_call_date=next_call,
        assigned_agent_login=record.agent_login or None,
    )
