"""``FakeThulium`` setup and inspection helpers of the campaigns area (direct state, no HTTP).

They model what an administrator does in the Thulium panel (campaign structure,
statuses, CSV imports), so they can also create states the API refuses:
duplicate numbers, records in a call, records with a past call date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..server._state import State
from ..shared._seed import SampleData
from ..shared._setup import SetupBase, checked
from ..shared._validate import check_datetime, check_phone
from ._models import SYSTEM_STATUSES, Record, Status
from ._views import record_view

__all__ = ["CampaignsSetup", "make_statuses", "new_record", "seed_records"]

_DEFAULT_FIELDS = ("first_name", "last_name", "city")


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


class CampaignsSetup(SetupBase):
    """Setup and inspection helpers of the campaigns area, mixed into ``FakeThulium``."""

    def add_campaign(
        self,
        campaign_id: str,
        *,
        crm: bool = False,
        name: str | None = None,
        fields: Sequence[str] | None = None,
        statuses: Sequence[Mapping[str, Any]] | None = None,
        dialer: str = "preview",
        active: bool = True,
        order: int = 50,
        parity: int = 50,
        agents: Sequence[str] = (),
    ) -> str:
        """Create a campaign as the panel would; returns its id.

        ``fields`` is the structure of a regular campaign (default
        ``first_name, last_name, city``; CRM campaigns have none). ``statuses`` are
        ``{"name", "system_status", "dictionary_status_id"?, "status_id"?}`` maps; the
        default is one status per system status with dictionary ids 1-8. Fresh
        records get the first TO_CALL status.
        """
        state = self._state
        if len(campaign_id) != 5 or not campaign_id.isdigit():
            raise ValueError(f"campaign ids are five digits, got {campaign_id!r}")
        if campaign_id in state.campaigns or campaign_id in state.deleting:
            raise ValueError(f"campaign {campaign_id} already exists")
        if crm and fields:
            raise ValueError("CRM campaigns have no structure fields")
        for login in agents:
            if login not in state.agents:
                raise ValueError(f"no agent {login!r}")
        state.add_campaign(
            campaign_id,
            name=name or f"Campaign {campaign_id}",
            crm=crm,
            dialer=dialer,
            fields=() if crm else tuple(_DEFAULT_FIELDS if fields is None else fields),
            statuses=make_statuses(state, statuses),
            active=active,
            start_date=state.now()[:10],
            order=order,
            parity=parity,
            agents=list(agents),
        )
        return campaign_id

    def add_record(
        self,
        campaign_id: str,
        phone_number: str | None = None,
        *,
        customer_id: int | None = None,
        status_id: int | None = None,
        identifier: str = "",
        agent_login: str = "",
        next_call_date: str = "",
        call_date: str = "",
        create_date: str | None = None,
        last_note: str = "",
        order: int | None = None,
        record_fields: Mapping[str, str] | None = None,
        additional_numbers: Sequence[str] = (),
        in_call: bool = False,
    ) -> int:
        """Store one record as a panel import would (duplicates allowed); returns its id.

        Regular campaigns need ``phone_number``, CRM campaigns ``customer_id``.
        ``in_call=True`` makes deletions answer CALL_IN_PROGRESS; ``call_date`` and
        ``create_date`` (``YYYY-MM-DD hh:mm``) feed the list filters.
        """
        record = new_record(
            self._state,
            self._campaign_id(campaign_id),
            phone_number,
            customer_id=customer_id,
            status_id=status_id,
            identifier=identifier,
            agent_login=agent_login,
            next_call_date=next_call_date,
            call_date=call_date,
            create_date=create_date,
            last_note=last_note,
            order=order,
            record_fields=record_fields,
            additional_numbers=additional_numbers,
            in_call=in_call,
        )
        return record.record_id

    def seed_records(self, campaign_id: str, n: int) -> list[int]:
        """Add ``n`` sample records (CRM campaigns get ``n`` new customers); returns ids.

        Numbers, names and field values come from ``seed``, so runs repeat.
        """
        return seed_records(self._state, self._samples, self._campaign_id(campaign_id), n)

    # -- inspection ----------------------------------------------------------------------

    def records(self, campaign_id: str) -> list[dict[str, Any]]:
        """Every record of the campaign, in insertion order, as the API returns them."""
        campaign = self._state.campaigns[self._campaign_id(campaign_id)]
        agents = self._state.agents
        return [record_view(campaign, r, agents) for r in campaign.records.values()]

    def campaign_ids(self) -> list[str]:
        """Ids of the campaigns that exist (not deleted), in creation order."""
        return list(self._state.campaigns)

    def _campaign_id(self, campaign_id: str) -> str:
        if campaign_id not in self._state.campaigns:
            raise KeyError(f"no campaign {campaign_id!r}")
        return campaign_id
