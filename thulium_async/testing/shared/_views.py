"""How the fake's data looks on the wire: the shapes of the documentation examples.

Key order, id types and ``""`` for missing values follow the examples in the
catalogue, quirks included (``status_id`` is a string in the statuses list and an
int in records; ``company_flag`` is ``""`` when false on ``GET customers/{id}`` but
a boolean in the list), so client code meets the same data it will meet in production.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..server._state import State
from ._models import Agent, Campaign, Customer, Record, Status

__all__ = [
    "agent_view",
    "campaign_agent_view",
    "campaign_view",
    "customer_view",
    "record_json",
    "record_view",
    "stats_view",
    "status_view",
]

FINISHED = frozenset({"NO_CALL", "ABANDONED_AFTER_N_TRIES"})
ADDRESS_KEYS = (
    "street",
    "building",
    "flat",
    "postcode",
    "city",
    "post_office",
    "borough",
    "county",
    "voivodship",
    "country",
)


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


def campaign_agent_view(agent: Agent) -> dict[str, Any]:
    """An entry of ``GET outbounds/{id}/agents`` (number is a string here)."""
    return {
        "login": agent.login,
        "number": "" if agent.number is None else str(agent.number),
        "active": agent.active,
        "active_in_outbound": agent.active is True,
        "agent_id": agent.agent_id,
    }


def _address(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {key: value.get(key) for key in ADDRESS_KEYS}


def customer_view(
    state: State, customer: Customer, *, listing: bool, include: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A customer as ``GET customers`` (``listing``) or ``GET customers/{id}`` shows it.

    ``include`` holds the ``include_*`` flags that were true.
    """
    view: dict[str, Any] = {
        "customer_id": customer.customer_id,
        "name": customer.name,
        "surname": customer.surname,
        "phone_number": customer.phone_numbers[0] if customer.phone_numbers else "",
        "phone_numbers": list(customer.phone_numbers),
        "email": customer.emails[0] if customer.emails else "",
    }
    if listing:
        view["emails"] = list(customer.emails)
    view["company_id"] = "" if customer.company_id is None else customer.company_id
    view["identifier"] = customer.identifier
    view["type"] = customer.type
    view["group"] = customer.group
    if listing:
        view["company_flag"] = customer.company_flag
        view["birthdate"] = customer.birthdate
        view["gender"] = customer.gender
        view["homepage"] = customer.homepage
        view["nip"] = customer.nip
    else:
        view["company_flag"] = customer.company_flag or ""
    view["account_manager"] = customer.account_manager
    view["updated_at"] = customer.updated_at
    for flag, attr in (
        ("include_address", "address"),
        ("include_invoice_address", "invoice_address"),
        ("include_mail_drop_address", "mail_drop_address"),
    ):
        if flag in include:
            view[attr] = _address(getattr(customer, attr))
    if "include_custom_fields" in include:
        values = customer.custom_fields
        view["custom_fields"] = {name: values.get(name) for name in state.custom_fields}
    return view
