"""The fake account's agent data beyond the agent list: presence, groups, activity."""

from __future__ import annotations

import attrs

__all__ = ["AgentActivity", "AgentsStore"]

ACTIVITY_KINDS = frozenset({"chat_closed", "chat_responded", "ticket_closed", "ticket_responded"})


@attrs.frozen
class AgentActivity:
    """One countable act of an agent outside calls, for ``agents_work_report``.

    Other areas note them: chats when an agent answers or closes a conversation,
    tickets when an agent responds to or closes a ticket.
    """

    login: str
    kind: str
    at: str  # YYYY-MM-DD hh:mm:ss, local time


class AgentsStore:
    """Agent data of the fake account beyond ``State.agents``."""

    def __init__(self) -> None:
        self.activity: list[AgentActivity] = []

    def note_activity(self, login: str, kind: str, at: str) -> None:
        """Count one chat or ticket act of ``login`` (``kind`` in ACTIVITY_KINDS)."""
        if kind not in ACTIVITY_KINDS:
            raise ValueError(f"unknown activity kind {kind!r}")
        self.activity.append(AgentActivity(login, kind, at))
