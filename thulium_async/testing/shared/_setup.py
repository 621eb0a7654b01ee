"""Setup helpers behind ``FakeThulium.add_*``: direct writes to the state, no HTTP, no faults.

They model what an administrator does in the Thulium panel (campaign structure,
statuses, agents, CSV imports), so they can also create states the API refuses:
duplicate numbers, records in a call, records with a past call date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..server._errors import ApiError
from ..server._state import State
from ._models import SYSTEM_STATUSES, Record, Status
from ._seed import SampleData
from ._validate import check_datetime, check_phone

__all__ = ["SetupBase", "checked", "make_statuses", "new_record", "seed_records"]


class SetupBase:
    """What the per-area setup mixins of ``FakeThulium`` share: the state and sample data."""

    _state: State
    _samples: SampleData


def checked(check: Any, value: Any, *args: Any) -> Any:
    """``check(value, *args)`` with the API's 400 turned into a ValueError for setup code."""
    try:
        return check(value, *args)
    except ApiError as exc:
        raise ValueError(f"invalid value {value!r} ({exc.key})") from None


def make_statuses(state: State, specs: Sequence[Mapping[str, Any]] | None) -> list[Status]:
    """Campaign statuses from maps with ``name``, ``system_status`` and optionally
    ``dictionary_status_id`` and ``status_id``; None gives the default set."""
    if specs is None:
        return state.default_statuses()
    statuses = []
    for spec in specs:
        system = spec["system_status"]
        if system not in SYSTEM_STATUSES:
            raise ValueError(f"unknown system_status {system!r}")
        dictionary_id = spec.get("dictionary_status_id")
        if "status_id" in spec:
            status = Status(int(spec["status_id"]), spec["name"], system, dictionary_id)
            state.next_status_id = max(state.next_status_id, status.status_id + 1)
        else:
            status = state.new_status(spec["name"], system, dictionary_id)
        statuses.append(status)
    if not any(s.system_status == "TO_CALL" for s in statuses):
        raise ValueError("a campaign needs a TO_CALL status for fresh records")
    return statuses


def new_record(
    state: State,
    campaign_id: str,
    phone_number: str | None,
    *,
    customer_id: int | None,
    status_id: int | None,
    identifier: str,
    agent_login: str,
    next_call_date: str,
    call_date: str,
    create_date: str | None,
    last_note: str,
    order: int | None,
    record_fields: Mapping[str, str] | None,
    additional_numbers: Sequence[str],
    in_call: bool,
) -> Record:
    """Store a record as a panel import would; raises ValueError on impossible input."""
    campaign = state.campaigns[campaign_id]
    if campaign.crm:
        if customer_id is None or customer_id not in state.customers:
            raise ValueError("a CRM campaign record needs an existing customer_id")
        if customer_id in campaign.by_customer:
            raise ValueError(f"customer {customer_id} is already in campaign {campaign_id}")
        phones = state.customers[customer_id].phone_numbers
        phone_number = phones[0] if phones else ""
    elif phone_number is None:
        raise ValueError("a regular campaign record needs a phone_number")
    else:
        checked(check_phone, phone_number)
    status = campaign.default_status() if status_id is None else campaign.status(status_id)
    if status is None:
        raise ValueError(f"campaign {campaign_id} has no status {status_id}")
    fields = dict(record_fields or {})
    if fields and (campaign.crm or not set(fields) <= set(campaign.fields)):
        raise ValueError(f"record_fields must be among {campaign.fields}")
    if identifier and identifier in campaign.by_identifier:
        raise ValueError(f"identifier {identifier!r} is already used in {campaign_id}")
    if agent_login and agent_login not in state.agents:
        raise ValueError(f"no agent {agent_login!r}")
    for value in (next_call_date, call_date):
        if value:
            checked(check_datetime, value, "date")
    record = Record(
        state.new_record_id(),
        phone_number,
        status,
        create_date or state.now(),
        identifier=identifier,
        customer_id=customer_id if campaign.crm else None,
        agent_login=agent_login,
        next_call_date=next_call_date,
        call_date=call_date,
        last_note=last_note,
        order=order,
        record_fields=fields,
        additional_numbers=tuple(additional_numbers),
        in_call=in_call,
    )
    campaign.insert(record)
    return record


def seed_records(state: State, samples: SampleData, campaign_id: str, n: int) -> list[int]:
    """``n`` sample records: new numbers (and customers, in CRM campaigns), filled fields."""
    campaign = state.campaigns[campaign_id]
    ids = []
    for index in range(n):
        phone = samples.phone()
        while phone in campaign.by_phone:
            phone = samples.phone()
        customer_id = None
        if campaign.crm:
            customer = state.add_customer(
                surname=samples.last_name(), name=samples.first_name(), phone_numbers=[phone]
            )
            customer_id = customer.customer_id
        values = {f: samples.field_value(f, index) for f in campaign.fields}
        record = Record(
            state.new_record_id(),
            phone,
            campaign.default_status(),
            state.now(),
            customer_id=customer_id,
            record_fields=values,
        )
        campaign.insert(record)
        ids.append(record.record_id)
    return ids
