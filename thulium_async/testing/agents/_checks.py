"""Checks the agent action handlers share: the agent, its status, its phone, number fields."""

from __future__ import annotations

import re
from typing import Any

from ..server._errors import bad_request, not_found
from ..server._routing import Ctx, Reply
from ..server._state import State
from ._models import Agent
from ._store import TALKING, LiveCall

__all__ = [
    "DONE",
    "number_field",
    "path_agent",
    "require_phone",
    "require_softphone",
    "talking",
]

_NUMBER = re.compile(r"\+?[0-9]{1,20}\Z")
# What every agent action answers on success: 201, no body.
DONE: Reply = (201, None)


def path_agent(ctx: Ctx) -> Agent:
    """The agent named by the ``login`` path parameter, or a 404."""
    agent = ctx.state.agents.get(ctx.params["login"])
    if agent is None or not agent.login:
        raise not_found("agent_not_found")
    return agent


def status_in(state: State, agent: Agent, action: str, allowed: frozenset[str]) -> str:
    """The agent's status if ``action`` is possible in it, else a 400 naming both."""
    status = state.agents_store.status(agent.login)
    if status not in allowed:
        raise bad_request("agent_state", action=action, agent_status=status)
    return status


def require_softphone(agent: Agent, action: str) -> None:
    """A 400 unless the phone the agent works on (first SIP account) is a softphone."""
    if not agent.sip_accounts or agent.sip_accounts[0].phone_type != "softphone":
        raise bad_request("softphone_required", action=action)


def require_phone(agent: Agent) -> None:
    """A 400 unless the agent has a SIP account to call from."""
    if not agent.sip_accounts:
        raise bad_request("no_phone")


def talking(ctx: Ctx, action: str, *, softphone: bool = True) -> LiveCall:
    """The answered call of the path's agent, checked for ``action``."""
    agent = path_agent(ctx)
    if softphone:
        require_softphone(agent, action)
    status_in(ctx.state, agent, action, TALKING)
    return ctx.state.agents_store.live[agent.login]


def number_field(fields: dict[str, Any], name: str) -> str | None:
    """A phone number or extension field (digits, optional ``+``), or None when absent."""
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not _NUMBER.match(value):
        raise bad_request("invalid_value", name=name, expected="a phone number (digits)")
    return value
