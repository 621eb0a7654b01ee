"""How the agents area looks on the wire: presence, groups, users, the last queue call.

``pause_id`` is ``null`` unless the agent is paused and ``last_change`` is
``null`` for an agent that never logged in (Thulium's webhooks show ``NULL``
for the same database values); the last queue call writes ``""`` for what is
missing, as the other call views do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calls._store import Call
from ..server._clock import parse_moment, stamp
from ..server._state import State
from ._models import Agent
from ._store import AgentGroup, AgentsStore

__all__ = ["agent_view", "group_view", "last_queue_call_view", "status_view", "user_view"]


def status_view(store: AgentsStore, login: str) -> dict[str, Any]:
    """``GET agents/{login}/status`` and an entry of ``GET agents_statuses``."""
    current = store.presence(login)
    if current is None:
        return {"login": login, "status": "OFF", "pause_id": None, "last_change": None}
    return {
        "login": login,
        "status": current.status,
        "pause_id": current.pause_id,
        "last_change": stamp(current.at),
    }


def group_view(group: AgentGroup) -> dict[str, Any]:
    """An entry of ``GET agents_groups``."""
    return {"group_id": group.group_id, "name": group.name}


def user_view(agent: Agent) -> dict[str, Any]:
    """``GET users/{login}``: the user and the SIP accounts assigned to them."""
    return {
        "login": agent.login,
        "name": agent.name,
        "surname": agent.surname,
        "sip_accounts": [
            {"phone_number": sip.phone_number, "phone_type": sip.phone_type}
            for sip in agent.sip_accounts
        ],
    }


def call_times(
    state: State, call: Call
) -> tuple[dt.datetime, dt.datetime | None, dt.datetime | None]:
    """(start, answered or None, end or None) of a call from its connection fields."""
    start = parse_moment(call.date)
    if not call.ended:
        live = state.agents_store.live.get(call.user_login)
        if live is not None and live.call is call:
            return start, live.answered, None
        return start, start if call.disposition == "ANSWERED" else None, None
    end = start + dt.timedelta(seconds=call.duration)
    answered = end - dt.timedelta(seconds=call.billsec) if call.disposition == "ANSWERED" else None
    return start, answered, end


def last_queue_call_view(state: State, call: Call) -> dict[str, Any]:
    """``GET agents/{login}/last_queue_call`` for one queue call."""
    start, answered, end = call_times(state, call)
    customer = state.customers.get(call.customer_id) if call.customer_id is not None else None
    return {
        "connection_id": call.connection_id,
        "phone_number": call.src,
        "start_date": stamp(start),
        "answered_date": "" if answered is None else stamp(answered),
        "end_date": "" if end is None else stamp(end),
        "customer_id": "" if call.customer_id is None else call.customer_id,
        "customer_identifier": customer.identifier if customer is not None else "",
    }


def agent_view(agent: Agent) -> dict[str, Any]:
    """An entry of ``GET agents`` (number and group_id are ints, ``""`` when unset)."""
    return {
        "agent_id": agent.agent_id,
        "login": agent.login,
        "name": agent.name,
        "surname": agent.surname,
        "email": agent.email,
        "active": agent.active,
        "number": "" if agent.number is None else agent.number,
        "outbound_mode": agent.outbound_mode,
        "group_id": "" if agent.group_id is None else agent.group_id,
    }
