"""What callers send: new records and record changes.

These classes never raise on construction, so a stream of rows can carry bad
values and a bulk report can list them item by item; each call checks its
inputs before any request and names the field and what was expected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

__all__ = ["NewCrmRecord", "NewRecord", "RecordUpdate"]


@attrs.frozen(kw_only=True)
class NewRecord:
    """A phone-number record to add to a regular (non-CRM) campaign.

    ``status_id`` is a status of the campaign; ``dictionary_status_id`` an
    account-wide dictionary status (give one of them, or neither for the
    campaign's default). A status whose system status is MY_RECORD needs
    ``agent_login`` and ``next_call_date``; CALL_NO_SOONER_THAN needs
    ``next_call_date``. ``next_call_date`` is a datetime (naive = the account's
    zone) or a ``YYYY-MM-DD hh:mm`` string. ``record_fields`` maps the
    campaign-structure field names to values; the API cannot list those names
    (they are set up in Thulium's panel) and a campaign created through the API
    has none, so leave ``record_fields`` out there.
    """

    phone_number: str
    status_id: int | None = None
    dictionary_status_id: int | None = None
    identifier: str | None = None
    agent_login: str | None = None
    next_call_date: dt.datetime | str | None = None
    record_fields: Mapping[str, str] | None = None
    order: int | None = None


@attrs.frozen(kw_only=True)
class NewCrmRecord:
    """A CRM customer to add to a CRM-fed campaign (same status rules as NewRecord)."""

    customer_id: int
    status_id: int | None = None
    dictionary_status_id: int | None = None
    agent_login: str | None = None
    next_call_date: dt.datetime | str | None = None
    order: int | None = None


@attrs.frozen(kw_only=True)
class RecordUpdate:
    """A change to one existing record, for bulk edits.

    Names its record by exactly one of ``phone_number`` or ``identifier``
    (regular campaigns) or ``customer_id`` (CRM campaigns). Fields left None
    are not sent, so they keep their value; ``record_fields`` values of ``""``
    clear a field.
    """

    phone_number: str | None = None
    identifier: str | None = None
    customer_id: int | None = None
    status_id: int | None = None
    dictionary_status_id: int | None = None
    agent_login: str | None = None
    next_call_date: dt.datetime | str | None = None
    record_fields: Mapping[str, str] | None = None
    order: int | None = None
