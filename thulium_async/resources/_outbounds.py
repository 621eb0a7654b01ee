"""``outbounds``: campaigns, their agents, statuses and statistics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .. import _validation as check
from ..errors import InputError
from ..models import Campaign, CampaignAgent, CampaignStats, CampaignStatus, CreatedCampaign, Dialer
from ._base import Context, Resource, bool_param
from ._outbound_records import OutboundRecords, OutboundRecordsByIdentifier

__all__ = ["OutboundAgents", "OutboundStats", "OutboundStatuses", "Outbounds"]

_PARAMETER_KEYS = frozenset(
    {"caller_id", "preview_timeout", "predictive_max_calls", "predictive_min_calls"}
)


def _campaign_body(
    *,
    name: str | None,
    dialer: Dialer | str | None,
    active: bool | None,
    start_date: dt.date | str | None,
    end_date: dt.date | str | None,
    order: int | None,
    parity: int | None,
    parameters: Mapping[str, Any] | None,
    group_id: int | None,
) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if name is not None:
        if not isinstance(name, str) or not name.strip():
            raise InputError("name", "a non-empty campaign name", name)
        body["name"] = name
    if dialer is not None:
        if str(dialer) not in {d.value for d in Dialer}:
            raise InputError("dialer", "one of predictive, progressive, preview", dialer)
        body["dialer"] = str(dialer)
    if active is not None:
        if not isinstance(active, bool):
            raise InputError("active", "True or False", active)
        body["active"] = active
    if start_date is not None:
        body["start_date"] = check.date_value(start_date, "start_date")
    if end_date is not None:
        body["end_date"] = check.date_value(end_date, "end_date")
    if order is not None:
        body["order"] = check.number_in_range(order, "order", 1, 99999)
    if parity is not None:
        body["parity"] = check.number_in_range(parity, "parity", 1, 100)
    if parameters is not None:
        body["parameters"] = _parameters(parameters)
    if group_id is not None:
        body["group_id"] = check.positive_id(group_id, "group_id")
    return body


def _require(**values: Any) -> None:
    """Refuse a required argument passed as None (the body would silently lack it)."""
    for name, value in values.items():
        if value is None:
            raise InputError(name, "a value (required)", None)


def _parameters(parameters: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(parameters, Mapping):
        raise InputError("parameters", "a mapping such as {'caller_id': '123456789'}", parameters)
    unknown = set(parameters) - _PARAMETER_KEYS
    if unknown:
        raise InputError(
            f"parameters[{sorted(unknown)[0]!r}]", f"one of {sorted(_PARAMETER_KEYS)}", None
        )
    return dict(parameters)


class OutboundAgents(Resource):
    """``outbounds/:id/agents``."""

    async def list(self, campaign_id: str | int) -> list[CampaignAgent]:
        """The agents assigned to a campaign."""
        cid = check.campaign_id(campaign_id)
        raw = await self._call("GET", f"outbounds/{cid}/agents")
        return self._structure(raw, list[CampaignAgent])


class OutboundStatuses(Resource):
    """``outbounds/:id/statuses``."""

    async def list(self, campaign_id: str | int) -> list[CampaignStatus]:
        """The record statuses defined in a campaign."""
        cid = check.campaign_id(campaign_id)
        raw = await self._call("GET", f"outbounds/{cid}/statuses")
        return self._structure(raw, list[CampaignStatus])


class OutboundStats(Resource):
    """``outbounds/stats`` (all active campaigns) and ``outbounds/:id/stats`` (one)."""

    async def list(self) -> list[CampaignStats]:
        """Record statistics of every active campaign (``GET outbounds/stats``).

        The doc page lists a required ``id`` for this endpoint; that is a doc
        error (its own example sends none), so none is sent.
        """
        raw = await self._call("GET", "outbounds/stats")
        return self._structure(raw, list[CampaignStats])

    async def get(self, campaign_id: str | int) -> CampaignStats:
        """Record statistics of one campaign (``GET outbounds/:id/stats``)."""
        cid = check.campaign_id(campaign_id)
        raw = await self._call("GET", f"outbounds/{cid}/stats")
        return self._structure(raw, CampaignStats)


class Outbounds(Resource):
    """``outbounds``: regular and CRM-fed outbound campaigns.

    Sub-resources: ``records`` and ``records_by_identifier`` (regular campaigns'
    records), ``statuses``, ``stats``, ``agents``.
    """

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.records = OutboundRecords(context)
        self.records_by_identifier = OutboundRecordsByIdentifier(context)
        self.statuses = OutboundStatuses(context)
        self.stats = OutboundStats(context)
        self.agents = OutboundAgents(context)

    async def list(self) -> list[Campaign]:
        """Every campaign of the account (``GET outbounds``; not paginated)."""
        raw = await self._call("GET", "outbounds")
        return self._structure(raw, list[Campaign])

    async def create(
        self,
        *,
        name: str,
        dialer: Dialer | str,
        crm: bool,
        id: str | int | None = None,
        active: bool | None = None,
        start_date: dt.date | str | None = None,
        end_date: dt.date | str | None = None,
        order: int | None = None,
        parity: int | None = None,
        parameters: Mapping[str, Any] | None = None,
        group_id: int | None = None,
    ) -> CreatedCampaign:
        """Create a campaign; ``crm=True`` feeds it from CRM customers.

        ``id`` picks the five-character public id (generated when omitted);
        ``parameters`` takes caller_id, preview_timeout, predictive_max_calls and
        predictive_min_calls. Not retried after an ambiguous failure: a repeat
        could create a second campaign when no ``id`` is given.
        """
        if not isinstance(crm, bool):
            raise InputError("crm", "True (CRM-fed) or False (phone records)", crm)
        _require(name=name, dialer=dialer)
        body = _campaign_body(
            name=name,
            dialer=dialer,
            active=active,
            start_date=start_date,
            end_date=end_date,
            order=order,
            parity=parity,
            parameters=parameters,
            group_id=group_id,
        )
        body["crm"] = crm
        if id is not None:
            body = {"id": check.campaign_id(id, "id"), **body}
        raw = await self._call("POST", "outbounds", json=body)
        return self._structure(raw, CreatedCampaign)

    async def update(
        self,
        campaign_id: str | int,
        *,
        name: str | None = None,
        dialer: Dialer | str | None = None,
        active: bool | None = None,
        start_date: dt.date | str | None = None,
        end_date: dt.date | str | None = None,
        order: int | None = None,
        parity: int | None = None,
        parameters: Mapping[str, Any] | None = None,
        group_id: int | None = None,
    ) -> None:
        """Change a campaign; only the arguments given are sent (``crm`` cannot change)."""
        cid = check.campaign_id(campaign_id)
        body = _campaign_body(
            name=name,
            dialer=dialer,
            active=active,
            start_date=start_date,
            end_date=end_date,
            order=order,
            parity=parity,
            parameters=parameters,
            group_id=group_id,
        )
        if not body:
            raise InputError("update", "at least one field to change", None)
        await self._call("PUT", f"outbounds/{cid}", json=body)

    async def delete(self, campaign_id: str | int, *, delete_recordings: bool = False) -> None:
        """Queue a campaign's deletion with all its records (it can take hours)."""
        cid = check.campaign_id(campaign_id)
        params = [("delete_recordings", bool_param(True))] if delete_recordings else None
        await self._call("DELETE", f"outbounds/{cid}", params=params)

    async def clone(
        self,
        campaign_id: str | int,
        *,
        name: str,
        new_id: str | int | None = None,
        start_date: dt.date | str | None = None,
        end_date: dt.date | str | None = None,
        parameters: Mapping[str, Any] | None = None,
    ) -> str:
        """Clone a campaign; returns the new campaign's id."""
        _require(name=name)
        cid = check.campaign_id(campaign_id)
        body = _campaign_body(
            name=name,
            dialer=None,
            active=None,
            start_date=start_date,
            end_date=end_date,
            order=None,
            parity=None,
            parameters=parameters,
            group_id=None,
        )
        if new_id is not None:
            body = {"new_id": check.campaign_id(new_id, "new_id"), **body}
        raw = await self._call("POST", f"outbounds/{cid}/clone", json=body)
        return str(self._structure(raw, CreatedCampaign).id)

    async def add_agents(self, campaign_id: str | int, logins: Iterable[str]) -> None:
        """Assign agents to a campaign (safe to repeat)."""
        await self._agents_action(campaign_id, "add_agents", logins)

    async def remove_agents(self, campaign_id: str | int, logins: Iterable[str]) -> None:
        """Unassign agents from a campaign (safe to repeat)."""
        await self._agents_action(campaign_id, "remove_agents", logins)

    async def set_agents(self, campaign_id: str | int, logins: Iterable[str]) -> None:
        """Make ``logins`` the campaign's complete agent list (safe to repeat)."""
        await self._agents_action(campaign_id, "set_agents", logins)

    async def _agents_action(
        self, campaign_id: str | int, action: str, logins: Iterable[str]
    ) -> None:
        cid = check.campaign_id(campaign_id)
        body = {"logins": check.logins(logins)}
        # Setting membership is idempotent, so a lost answer may be retried.
        await self._call("POST", f"outbounds/{cid}/{action}", json=body, safe_to_repeat=True)
