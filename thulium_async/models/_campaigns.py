"""What the campaign endpoints answer: campaigns, their statuses, agents and records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._base import Response
from ._enums import Dialer, SystemStatus

__all__ = [
    "Campaign",
    "CampaignAgent",
    "CampaignRecord",
    "CampaignStats",
    "CampaignStatus",
    "CreatedCampaign",
    "CrmCampaignRecord",
]


@attrs.frozen(kw_only=True)
class Campaign(Response):
    """An outbound campaign as ``GET outbounds`` lists it.

    The list documents ``id``, ``name``, ``crm``, ``order`` and ``parity``; the
    other fields are filled when the API sends them.

    No endpoint shows a campaign's structure fields (the names
    ``NewRecord.record_fields`` takes): they are set up in Thulium's panel, and
    a campaign created through the API has none, so any ``record_fields`` sent
    to it fail with "Unknown record field(s)".
    """

    id: str
    name: str | None = None
    crm: bool | None = None
    order: int | None = None
    parity: int | None = None
    active: bool | None = None
    dialer: Dialer | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    group_id: int | None = None


@attrs.frozen(kw_only=True)
class CreatedCampaign(Response):
    """The ids of a new campaign: ``id`` (public, five characters) and the internal one."""

    id: str
    outbound_id: int | None = None


@attrs.frozen(kw_only=True)
class CampaignStats(Response):
    """Record statistics of one campaign."""

    id: str
    records_count: int | None = None
    completion_percent: float | None = None


@attrs.frozen(kw_only=True)
class CampaignAgent(Response):
    """An agent assigned to a campaign."""

    login: str
    agent_id: int | None = None
    number: str | None = None
    active: bool | None = None
    active_in_outbound: bool | None = None


@attrs.frozen(kw_only=True)
class CampaignStatus(Response):
    """A record status defined in a campaign (``status_id`` is what records carry)."""

    status_id: int
    name: str | None = None
    system_status: SystemStatus | None = None
    dictionary_status_id: int | None = None


@attrs.frozen(kw_only=True)
class CampaignRecord(Response):
    """A record (phone number) of a regular, non-CRM campaign.

    ``status`` is the status's name, ``status_id`` its id in the campaign.
    ``record_fields`` holds the campaign-structure fields when the API sends them.
    """

    record_id: int
    phone_number: str
    system_status: SystemStatus | None = None
    status: str | None = None
    status_id: int | None = None
    call_date: dt.datetime | None = None
    create_date: dt.datetime | None = None
    next_call_date: dt.datetime | None = None
    agent_name: str | None = None
    agent_login: str | None = None
    last_note: str | None = None
    identifier: str | None = None
    order: int | None = None
    record_fields: dict[str, str | None] | None = None


@attrs.frozen(kw_only=True)
class CrmCampaignRecord(Response):
    """A record of a CRM-fed campaign: one CRM customer in the campaign.

    ``customer`` and the address fields are the embedded objects the ``include_*``
    list options ask for; the docs do not show their shape, so they stay mappings.
    """

    record_id: int
    customer_id: int
    phone_number: str | None = None
    system_status: SystemStatus | None = None
    status: str | None = None
    status_id: int | None = None
    call_date: dt.datetime | None = None
    create_date: dt.datetime | None = None
    next_call_date: dt.datetime | None = None
    agent_name: str | None = None
    agent_login: str | None = None
    last_note: str | None = None
    order: int | None = None
    customer: dict[str, Any] | None = None
    custom_fields: dict[str, Any] | None = None
    address: dict[str, Any] | None = None
    invoice_address: dict[str, Any] | None = None
    mail_drop_address: dict[str, Any] | None = None
