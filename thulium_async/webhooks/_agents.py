"""Agent events: log in and out, phone registration, pause changes."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from ._base import WebhookEvent, register

__all__ = [
    "AgentEvent",
    "AgentLoggedIn",
    "AgentLoggedOut",
    "AgentPhoneConnected",
    "AgentStatusChanged",
]


@attrs.frozen(kw_only=True)
class AgentEvent(WebhookEvent):
    """Base of the agent-state events (the "agents" category).

    Calls ringing at or answered by agents are call events: see ``AgentCallEvent``.
    """

    agent_login: str
    date: dt.datetime


@register
@attrs.frozen(kw_only=True)
class AgentLoggedIn(AgentEvent):
    """AGENT_LOGGED_IN: an agent logged in."""

    ACTION: ClassVar[str] = "AGENT_LOGGED_IN"


@register
@attrs.frozen(kw_only=True)
class AgentLoggedOut(AgentEvent):
    """AGENT_LOGGED_OUT: an agent logged out."""

    ACTION: ClassVar[str] = "AGENT_LOGGED_OUT"


@register
@attrs.frozen(kw_only=True)
class AgentPhoneConnected(AgentEvent):
    """AGENT_PHONE_CONNECTED: an agent's phone registered; ``phone_number`` reaches them."""

    ACTION: ClassVar[str] = "AGENT_PHONE_CONNECTED"
    phone_number: str | None = None


@register
@attrs.frozen(kw_only=True)
class AgentStatusChanged(AgentEvent):
    """AGENT_STATUS_CHANGED: an agent switched between a pause and free.

    ``pause_id`` is the pause now taken and ``previous_pause_id`` the one left;
    either is None when the agent is (or was) free.
    """

    ACTION: ClassVar[str] = "AGENT_STATUS_CHANGED"
    pause_id: int | None = None
    previous_pause_id: int | None = None

    @property
    def is_free(self) -> bool:
        """True when the agent is now free (no pause)."""
        return self.pause_id is None
