"""Handlers: campaigns (outbounds), their agents, statuses and statistics.

Campaigns created through the API have no structure fields: Thulium defines a
campaign's structure in the panel, not through the API, so ``record_fields`` are
only accepted by campaigns set up with ``FakeThulium.add_campaign(fields=...)``.
Deletion is queued in Thulium; here the campaign disappears at once and its id
stays reserved (a second deletion reports ALREADY_QUEUED).
"""

from __future__ import annotations

import re
from typing import Any

from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ..server._state import State
from ..shared._validate import as_bool, as_int, as_str, check_date, query_bool
from ._models import Campaign
from ._views import campaign_agent_view, campaign_view, stats_view, status_view

__all__ = [
    "CAMPAIGN_CREATE",
    "CAMPAIGN_UPDATE",
    "CLONE",
    "DIALERS",
    "add_agents",
    "agents",
    "clone",
    "create",
    "delete",
    "list_",
    "remove_agents",
    "set_agents",
    "stats",
    "stats_all",
    "statuses",
    "update",
]

DIALERS = ("predictive", "progressive", "preview")
PARAMETER_KEYS = frozenset(
    {"caller_id", "preview_timeout", "predictive_max_calls", "predictive_min_calls"}
)
CAMPAIGN_UPDATE = frozenset(
    {"name", "dialer", "active", "start_date", "end_date", "order", "parity", "parameters"}
    | {"group_id"}
)
CAMPAIGN_CREATE = CAMPAIGN_UPDATE | {"id", "crm"}
CLONE = frozenset({"new_id", "name", "start_date", "end_date", "parameters"})
_CAMPAIGN_ID = re.compile(r"[0-9]{5}\Z")


def _parameters(ctx: Ctx, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad_request("invalid_value", name="parameters", expected="an object")
    unknown = sorted(set(value) - PARAMETER_KEYS)
    if unknown and ctx.strict:
        names = ", ".join(f"parameters.{key}" for key in unknown)
        raise bad_request("unknown_fields", names=names)
    return {key: val for key, val in value.items() if key in PARAMETER_KEYS}


def _settings(ctx: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    """Validated campaign attributes present in the body."""
    settings: dict[str, Any] = {}
    if "name" in data:
        settings["name"] = as_str(data["name"], "name")
        if not settings["name"]:
            raise bad_request("required", name="name")
    if "dialer" in data and data["dialer"] not in DIALERS:
        raise bad_request("invalid_value", name="dialer", expected=", ".join(DIALERS))
    if "dialer" in data:
        settings["dialer"] = data["dialer"]
    if "active" in data:
        settings["active"] = as_bool(data["active"], "active")
    for name in ("start_date", "end_date"):
        if name in data:
            settings[name] = check_date(data[name], name)
    if "order" in data:
        settings["order"] = as_int(data["order"], "order", minimum=1, maximum=99999)
    if "parity" in data:
        settings["parity"] = as_int(data["parity"], "parity", minimum=1, maximum=100)
    if "parameters" in data:
        settings["parameters"] = _parameters(ctx, data["parameters"])
    if "group_id" in data:
        settings["group_id"] = as_int(data["group_id"], "group_id")
    return settings


def _new_id(state: State, value: Any) -> str:
    if value is None:
        return state.free_campaign_id()
    if not isinstance(value, str) or not _CAMPAIGN_ID.match(value):
        raise bad_request("invalid_campaign_id")
    if value in state.campaigns or value in state.deleting:
        raise bad_request("campaign_id_taken", id=value)
    return value


def _campaign(ctx: Ctx) -> Campaign:
    return ctx.state.campaign(ctx.params["id"])


def list_(ctx: Ctx) -> Reply:
    """GET outbounds."""
    return 200, [campaign_view(c) for c in ctx.state.campaigns.values()]


def create(ctx: Ctx) -> Reply:
    """POST outbounds: ``{"id": "09098", "outbound_id": "21"}``."""
    data = ctx.fields()
    for name in ("name", "dialer", "crm"):
        if name not in data:
            raise bad_request("required", name=name)
    crm = as_bool(data["crm"], "crm")
    settings = _settings(ctx, data)
    campaign_id = _new_id(ctx.state, data.get("id"))
    settings.setdefault("start_date", ctx.state.now()[:10])
    campaign = ctx.state.add_campaign(campaign_id, crm=crm, **settings)
    return 201, {"id": campaign.id, "outbound_id": str(campaign.outbound_id)}


def update(ctx: Ctx) -> Reply:
    """PUT outbounds/{id}."""
    campaign = _campaign(ctx)
    settings = _settings(ctx, ctx.fields())
    # Like the other maps of the API, parameters are merged: send only what changes.
    campaign.parameters.update(settings.pop("parameters", {}))
    for name, value in settings.items():
        setattr(campaign, name, value)
    return 204, None


def delete(ctx: Ctx) -> Reply:
    """DELETE outbounds/{id}: queued in Thulium, immediate here."""
    campaign = _campaign(ctx)
    query_bool(ctx.query, "delete_recordings")
    del ctx.state.campaigns[campaign.id]
    ctx.state.deleting.add(campaign.id)
    return 204, None


def clone(ctx: Ctx) -> Reply:
    """POST outbounds/{id}/clone: settings, structure, statuses and agents; no records."""
    source = _campaign(ctx)
    data = ctx.fields()
    if "name" not in data:
        raise bad_request("required", name="name")
    settings = _settings(ctx, data)
    new_id = _new_id(ctx.state, data.get("new_id"))
    state = ctx.state
    statuses = [
        state.new_status(s.name, s.system_status, s.dictionary_status_id) for s in source.statuses
    ]
    copy = state.add_campaign(
        new_id,
        name=settings.pop("name"),
        crm=source.crm,
        dialer=source.dialer,
        fields=source.fields,
        statuses=statuses,
        active=source.active,
        start_date=settings.pop("start_date", state.now()[:10]),
        end_date=settings.pop("end_date", source.end_date),
        order=source.order,
        parity=source.parity,
        parameters={**source.parameters, **settings.pop("parameters", {})},
        group_id=source.group_id,
        agents=list(source.agents),
    )
    return 201, {"id": copy.id}


def stats(ctx: Ctx) -> Reply:
    """GET outbounds/{id}/stats."""
    return 200, stats_view(_campaign(ctx))


def stats_all(ctx: Ctx) -> Reply:
    """GET outbounds/stats: active campaigns only."""
    return 200, [stats_view(c) for c in ctx.state.campaigns.values() if c.active]


def statuses(ctx: Ctx) -> Reply:
    """GET outbounds/{id}/statuses."""
    return 200, [status_view(s) for s in _campaign(ctx).statuses]


def agents(ctx: Ctx) -> Reply:
    """GET outbounds/{id}/agents."""
    known = ctx.state.agents
    return 200, [campaign_agent_view(known[a]) for a in _campaign(ctx).agents if a in known]


def _logins(ctx: Ctx) -> list[str]:
    logins = ctx.fields().get("logins")
    if not isinstance(logins, list) or not all(isinstance(x, str) for x in logins):
        raise bad_request("invalid_value", name="logins", expected="a list of logins")
    if any(login not in ctx.state.agents or not login for login in logins):
        raise bad_request("agent_not_found")
    return list(dict.fromkeys(logins))


def add_agents(ctx: Ctx) -> Reply:
    """POST outbounds/{id}/add_agents: 201 with an empty body."""
    campaign = _campaign(ctx)
    for login in _logins(ctx):
        if login not in campaign.agents:
            campaign.agents.append(login)
    return 201, None


def remove_agents(ctx: Ctx) -> Reply:
    """POST outbounds/{id}/remove_agents: 201 with an empty body."""
    campaign = _campaign(ctx)
    gone = set(_logins(ctx))
    campaign.agents = [login for login in campaign.agents if login not in gone]
    return 201, None


def set_agents(ctx: Ctx) -> Reply:
    """POST outbounds/{id}/set_agents: the complete list; 201 with an empty body."""
    campaign = _campaign(ctx)
    campaign.agents = _logins(ctx)
    return 201, None
