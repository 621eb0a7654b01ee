"""How campaigns, their statuses, records and agents look on the wire.

Key order, id types and ``""`` for missing values follow the examples in the
catalogue, quirks included (``status_id`` is a string in the statuses list and an
int in records), so client code meets the same data it will meet in production.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..agents._models import Agent
from ._models import Campaign, Record, Status

__all__ = [
    "campaign_agent_view",
    "campaign_view",
    "record_json",
    "record_view",
    "stats_view",
    "status_view",
]

FINISHED = frozenset({"NO_CALL", "ABANDONED_AFTER_N_TRIES"})


def record_view(campaign: Campaign, record: Record, agents: dict[str, Agent]) -> dict[str, Any]:
    """A record as the record endpoints return it.

    Regular-campaign records also carry ``record_fields`` (every field of the
    campaign's structure, ``""`` when unset). The documentation examples do not
    show it; the fake includes it on purpose so that exports can round-trip.
    """
    status = record.status
    agent = agents.get(record.agent_login) if record.agent_login else None
    view: dict[str, Any] = {
        "record_id": record.record_id,
        "phone_number": record.phone_number,
        "system_status": status.system_status,
        "status": status.name,
        "status_id": status.status_id,
        "call_date": record.call_date,
        "create_date": record.create_date,
        "next_call_date": record.next_call_date,
        "agent_name": agent.full_name if agent else "",
        "agent_login": record.agent_login,
    }
    if campaign.crm:
        view["customer_id"] = record.customer_id
        view["last_note"] = record.last_note
    else:
        view["last_note"] = record.last_note
        view["identifier"] = record.identifier
    view["order"] = "" if record.order is None else record.order
    if not campaign.crm:
        values = record.record_fields
        view["record_fields"] = {name: values.get(name, "") for name in campaign.fields}
    return view


def record_json(campaign: Campaign, record: Record, agents: dict[str, Agent]) -> bytes:
    """The record's JSON, cached on the record until it changes (list pages reuse it)."""
    cached = record.cached
    if cached is None:
        # A copy: orjson's result keeps its over-allocated buffer (~8 KB a record).
        cached = record.cached = bytes(
            memoryview(orjson.dumps(record_view(campaign, record, agents)))
        )
    return cached


def status_view(status: Status) -> dict[str, Any]:
    """An entry of ``GET outbounds/{id}/statuses`` (status_id as a string)."""
    return {
        "system_status": status.system_status,
        "status_id": str(status.status_id),
        "dictionary_status_id": status.dictionary_status_id,
        "name": status.name,
    }


def campaign_view(campaign: Campaign) -> dict[str, Any]:
    """An entry of ``GET outbounds``."""
    return {
        "id": campaign.id,
        "name": campaign.name,
        "crm": campaign.crm,
        "order": campaign.order,
        "parity": campaign.parity,
    }


def stats_view(campaign: Campaign) -> dict[str, Any]:
    """Record statistics; completion = share of records in a final system status."""
    total = len(campaign.records)
    done = sum(1 for r in campaign.records.values() if r.status.system_status in FINISHED)
    percent = round(100 * done / total, 2) if total else 0
    # The docs show both 14.87 and 23: whole percentages come back as ints.
    if isinstance(percent, float) and percent.is_integer():
        percent = int(percent)
    return {"id": campaign.id, "records_count": total, "completion_percent": percent}


def campaign_agent_view(agent: Agent) -> dict[str, Any]:
    """An entry of ``GET outbounds/{id}/agents`` (number is a string here)."""
    return {
        "login": agent.login,
        "number": "" if agent.number is None else str(agent.number),
        "active": agent.active,
        "active_in_outbound": agent.active is True,
        "agent_id": agent.agent_id,
    }
