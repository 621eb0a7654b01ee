"""The fake account's agent data beyond the agent list: presence, groups, pauses, activity.

An agent's presence is the last entry of its status history (``OFF`` before the
first one); every change appends an entry, which is what ``agents_work_report``
aggregates. A call in progress on an agent's phone is a ``LiveCall`` here, tied
to the ``Call`` filed in the calls store.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ..calls._store import Call

__all__ = [
    "ACTIVITY_KINDS",
    "CALL_STATUSES",
    "STATUSES",
    "TALKING",
    "AgentActivity",
    "AgentGroup",
    "AgentsStore",
    "LiveCall",
    "PauseReason",
    "StatusChange",
]

ACTIVITY_KINDS = frozenset({"chat_closed", "chat_responded", "ticket_closed", "ticket_responded"})
STATUSES = (
    "OFF",
    "FREE",
    "PAUSED",
    "INBOUND_CALL",
    "OUTBOUND_CALL",
    "OUTBOUND_PREVIEW",
    "CALL",
    "RINGING",
)
# Statuses in which the agent's phone carries a call; TALKING ones are answered.
CALL_STATUSES = frozenset({"INBOUND_CALL", "OUTBOUND_CALL", "OUTBOUND_PREVIEW", "CALL", "RINGING"})
TALKING = CALL_STATUSES - {"RINGING"}


@attrs.frozen
class AgentActivity:
    """One countable act of an agent outside calls, for ``agents_work_report``.

    Other areas note them: chats when an agent answers or closes a conversation,
    tickets when an agent responds to or closes a ticket.
    """

    login: str
    kind: str
    at: str  # YYYY-MM-DD hh:mm:ss, local time


@attrs.frozen
class AgentGroup:
    """A group of agents (``GET agents_groups``)."""

    group_id: int
    name: str


@attrs.frozen
class PauseReason:
    """A pause an agent can take (``pause_id`` of ``POST agents/{login}/pause``)."""

    pause_id: int
    name: str


@attrs.frozen
class StatusChange:
    """An agent's presence from ``at`` on (local time, whole seconds)."""

    at: dt.datetime
    status: str
    pause_id: int | None = None


@attrs.define(eq=False)
class LiveCall:
    """A call on an agent's phone right now; ``call`` is its entry in the calls store.

    ``answered`` is None while it rings; ``record`` names the preview record dialled
    (campaign id, record id); ``custom_data`` is what ``POST .../call`` was given.
    """

    call: Call
    started: dt.datetime
    answered: dt.datetime | None = None
    held: bool = False
    muted: bool = False
    recording: bool = True
    recording_stopped: dt.datetime | None = None
    custom_data: Any = None
    record: tuple[str, int] | None = None


class AgentsStore:
    """Agent data of the fake account beyond ``State.agents``.

    Pause 0 ("No reason") always exists: an agent may pause without a reason.
    """

    def __init__(self) -> None:
        self.activity: list[AgentActivity] = []
        self.groups: dict[int, AgentGroup] = {}
        self.pauses: dict[int, PauseReason] = {0: PauseReason(0, "No reason")}
        self.history: dict[str, list[StatusChange]] = {}
        self.live: dict[str, LiveCall] = {}

    def note_activity(self, login: str, kind: str, at: str) -> None:
        """Count one chat or ticket act of ``login`` (``kind`` in ACTIVITY_KINDS)."""
        if kind not in ACTIVITY_KINDS:
            raise ValueError(f"unknown activity kind {kind!r}")
        self.activity.append(AgentActivity(login, kind, at))

    def presence(self, login: str) -> StatusChange | None:
        """The agent's current presence; None if it never logged in (status OFF)."""
        changes = self.history.get(login)
        return changes[-1] if changes else None

    def status(self, login: str) -> str:
        """The agent's current status name."""
        current = self.presence(login)
        return "OFF" if current is None else current.status

    def change(self, login: str, status: str, at: dt.datetime, pause_id: int | None = None) -> None:
        """Move the agent to ``status`` at ``at`` (nothing is logged if nothing changes)."""
        current = self.presence(login)
        if current is not None and (current.status, current.pause_id) == (status, pause_id):
            return
        if current is None and status == "OFF":
            return
        self.history.setdefault(login, []).append(StatusChange(at, status, pause_id))

    def add_group(self, name: str, group_id: int | None = None) -> AgentGroup:
        """A new agent group with the given or the next free id."""
        if group_id is None:
            group_id = max(self.groups, default=0) + 1
        if group_id in self.groups:
            raise ValueError(f"agent group {group_id} already exists")
        group = self.groups[group_id] = AgentGroup(group_id, name)
        return group

    def add_pause(self, name: str, pause_id: int | None = None) -> PauseReason:
        """A new pause reason with the given or the next free id."""
        if pause_id is None:
            pause_id = max(self.pauses) + 1
        if pause_id in self.pauses:
            raise ValueError(f"pause {pause_id} already exists")
        pause = self.pauses[pause_id] = PauseReason(pause_id, name)
        return pause
