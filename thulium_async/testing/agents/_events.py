"""Agent events of the fake: presence changes (log in, log out, pause, free) and phones.

``change_presence`` is how the API and the setup helpers move an agent between
OFF, FREE and PAUSED; it emits what the move implies, dated by the change:

- OFF -> FREE or PAUSED: AGENT_LOGGED_IN, then AGENT_STATUS_CHANGED when the
  agent starts paused (``previous_pause_id`` None);
- FREE or PAUSED -> OFF: AGENT_LOGGED_OUT only (the pause ends with the session);
- FREE <-> PAUSED, or one pause to another: AGENT_STATUS_CHANGED with the pause
  now taken and the one left (None for free).

Calls move agents through RINGING and the talking statuses without any of
these: Thulium reports calls with call events, and documents
AGENT_STATUS_CHANGED as a switch between a pause and free.
"""

from __future__ import annotations

import datetime as dt

from ...webhooks import AgentLoggedIn, AgentLoggedOut, AgentPhoneConnected, AgentStatusChanged
from ..server._state import State

__all__ = ["change_presence", "phone_connected"]

_IDLE = frozenset({"FREE", "PAUSED"})


def change_presence(
    state: State, login: str, status: str, moment: dt.datetime, pause_id: int | None = None
) -> None:
    """Move the agent to OFF, FREE or PAUSED at ``moment`` and emit what that implies."""
    store = state.agents_store
    before = store.presence(login)
    store.change(login, status, moment, pause_id)
    if store.presence(login) is before:
        return  # nothing changed, nothing to report
    was, was_paused = ("OFF", None) if before is None else (before.status, before.pause_id)
    date = state.aware(moment)
    if was == "OFF":
        state.emit(lambda: AgentLoggedIn(agent_login=login, date=date))
    elif status == "OFF":
        state.emit(lambda: AgentLoggedOut(agent_login=login, date=date))
    if status in _IDLE and (was in _IDLE or pause_id is not None):
        state.emit(
            lambda: AgentStatusChanged(
                agent_login=login, date=date, pause_id=pause_id, previous_pause_id=was_paused
            )
        )


def phone_connected(state: State, login: str, phone_number: str) -> None:
    """AGENT_PHONE_CONNECTED: the agent's phone registered, reachable at ``phone_number``."""
    moment = state.moment()
    state.emit(
        lambda: AgentPhoneConnected(
            agent_login=login, date=state.aware(moment), phone_number=phone_number
        )
    )
