"""What the agent endpoints answer: agents, their live status, groups and last queue call."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Response
from ._enums import OpenStrEnum

__all__ = [
    "Agent",
    "AgentGroup",
    "AgentState",
    "AgentStatus",
    "CreatedAgent",
    "OutboundMode",
    "QueueCall",
]


class AgentState(OpenStrEnum):
    """An agent's live state (``status`` of ``agents/:login/status``)."""

    OFF = "OFF"
    """Logged out."""
    FREE = "FREE"
    """Logged in and available."""
    PAUSED = "PAUSED"
    """On a pause; ``pause_id`` says which."""
    INBOUND_CALL = "INBOUND_CALL"
    OUTBOUND_CALL = "OUTBOUND_CALL"
    OUTBOUND_PREVIEW = "OUTBOUND_PREVIEW"
    CALL = "CALL"
    RINGING = "RINGING"


class OutboundMode(OpenStrEnum):
    """How an agent takes outbound calls.

    ``POST agents`` documents ``manual`` and ``auto``, while ``GET agents``
    answers ``automatic``: both spellings are members.
    """

    MANUAL = "manual"
    AUTO = "auto"
    AUTOMATIC = "automatic"


@attrs.frozen(kw_only=True)
class Agent(Response):
    """An agent (user) as ``GET agents`` and ``GET agents/:login`` describe it.

    The built-in "Automat" entry has no login, e-mail, number or group: those
    come back as None. ``number`` is the phone extension (an int on the wire
    here, a string elsewhere: always a string in this model).
    """

    agent_id: int
    login: str | None = None
    name: str | None = None
    surname: str | None = None
    email: str | None = None
    active: bool | None = None
    number: str | None = None
    outbound_mode: OutboundMode | None = None
    group_id: int | None = None


@attrs.frozen(kw_only=True)
class CreatedAgent(Response):
    """The ids of a new agent (``agent_id`` arrives as a string; it is an int here)."""

    agent_id: int
    agent_login: str


@attrs.frozen(kw_only=True)
class AgentStatus(Response):
    """An agent's live state, the pause reason when paused and when it last changed."""

    login: str
    status: AgentState | None = None
    pause_id: int | None = None
    last_change: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class AgentGroup(Response):
    """A group of agents (ids usable in ``agents_work_report``)."""

    group_id: int
    name: str | None = None


@attrs.frozen(kw_only=True)
class QueueCall(Response):
    """An agent's most recent queue call of the last 24 hours.

    ``answered_date`` is None for a call that was not answered; ``connection_id``
    is a string such as ``"1563281993.1"`` (never a float).
    """

    connection_id: str
    phone_number: str | None = None
    start_date: dt.datetime | None = None
    answered_date: dt.datetime | None = None
    end_date: dt.datetime | None = None
    customer_id: int | None = None
    customer_identifier: str | None = None
