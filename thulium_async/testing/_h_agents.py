"""Handlers: agents (read-only; agents are set up with ``FakeThulium.add_agent``)."""

from __future__ import annotations

from ._errors import not_found
from ._routing import Ctx, Reply, Route
from ._views import agent_view

__all__ = ["ROUTES", "get", "list_"]


def list_(ctx: Ctx) -> Reply:
    """GET agents: a plain array, the built-in "Automat" entry first."""
    return 200, [agent_view(a) for a in ctx.state.agents.values()]


def get(ctx: Ctx) -> Reply:
    """GET agents/{login}."""
    agent = ctx.state.agents.get(ctx.params["login"])
    if agent is None or not agent.login:
        raise not_found("agent_not_found")
    return 200, agent_view(agent)


ROUTES: tuple[Route, ...] = (
    Route("GET", "agents", list_),
    Route("GET", "agents/{login}", get),
)
