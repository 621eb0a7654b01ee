"""The campaigns of the fake account: statuses, records, campaigns with their indexes."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = [
    "DEFAULT_STATUS_NAMES",
    "SYSTEM_STATUSES",
    "Campaign",
    "Record",
    "Status",
]

SYSTEM_STATUSES = (
    "TO_CALL",
    "IN_PROGRESS",
    "CALL",
    "MY_RECORD",
    "NO_CALL",
    "ABANDONED_AFTER_N_TRIES",
    "CALL_NO_SOONER_THAN",
    "CALL_PROGRESSIVE",
)

# One campaign status per system status; dictionary ids 1-8 are account-wide.
DEFAULT_STATUS_NAMES = {
    "TO_CALL": "New",
    "IN_PROGRESS": "In progress",
    "CALL": "Contact needed",
    "MY_RECORD": "My record",
    "NO_CALL": "Do not call",
    "ABANDONED_AFTER_N_TRIES": "Abandoned after N tries",
    "CALL_NO_SOONER_THAN": "Call back later",
    "CALL_PROGRESSIVE": "Progressive call",
}


@attrs.define(eq=False)
class Status:
    """A record status defined by one campaign."""

    status_id: int
    name: str
    system_status: str
    dictionary_status_id: int | None


@attrs.define(eq=False)
class Record:
    """A campaign record; ``cached`` holds its JSON and is reset on every change."""

    record_id: int
    phone_number: str
    status: Status
    create_date: str
    identifier: str = ""
    customer_id: int | None = None
    agent_login: str = ""
    next_call_date: str = ""
    call_date: str = ""
    last_note: str = ""
    order: int | None = None
    record_fields: dict[str, str] = attrs.field(factory=dict)
    additional_numbers: tuple[str, ...] = ()
    in_call: bool = False
    cached: bytes | None = None


@attrs.define(eq=False)
class Campaign:
    """A regular (phone-number) or CRM-fed campaign with its records and indexes."""

    id: str
    outbound_id: int
    name: str
    crm: bool
    dialer: str
    fields: tuple[str, ...]
    statuses: list[Status]
    active: bool = True
    start_date: str = ""
    end_date: str = ""
    order: int = 50
    parity: int = 50
    parameters: dict[str, Any] = attrs.field(factory=dict)
    group_id: int | None = None
    agents: list[str] = attrs.field(factory=list)
    records: dict[int, Record] = attrs.field(factory=dict)
    by_phone: dict[str, list[int]] = attrs.field(factory=dict)
    by_identifier: dict[str, int] = attrs.field(factory=dict)
    by_customer: dict[int, int] = attrs.field(factory=dict)

    def status(self, status_id: int) -> Status | None:
        """The campaign's status with this id, if any."""
        for status in self.statuses:
            if status.status_id == status_id:
                return status
        return None

    def status_by_dictionary(self, dictionary_status_id: int) -> Status | None:
        """The campaign's status mapped to this dictionary status, if any."""
        for status in self.statuses:
            if status.dictionary_status_id == dictionary_status_id:
                return status
        return None

    def default_status(self) -> Status:
        """The status fresh records get: the first TO_CALL one."""
        for status in self.statuses:
            if status.system_status == "TO_CALL":
                return status
        raise AssertionError("every campaign has a TO_CALL status")  # add_campaign checks

    def insert(self, record: Record) -> None:
        """Store a record and index it."""
        self.records[record.record_id] = record
        self.by_phone.setdefault(record.phone_number, []).append(record.record_id)
        if record.identifier:
            self.by_identifier[record.identifier] = record.record_id
        if record.customer_id is not None:
            self.by_customer[record.customer_id] = record.record_id

    def remove(self, record: Record) -> None:
        """Drop a record and its index entries."""
        del self.records[record.record_id]
        same_phone = self.by_phone[record.phone_number]
        same_phone.remove(record.record_id)
        if not same_phone:
            del self.by_phone[record.phone_number]
        if record.identifier:
            self.by_identifier.pop(record.identifier, None)
        if record.customer_id is not None:
            self.by_customer.pop(record.customer_id, None)

    def rephone(self, record: Record, phone: str) -> None:
        """Change a record's main number in place (CRM records follow their customer)."""
        if record.phone_number == phone:
            return
        same_phone = self.by_phone[record.phone_number]
        same_phone.remove(record.record_id)
        if not same_phone:
            del self.by_phone[record.phone_number]
        record.phone_number = phone
        record.cached = None
        self.by_phone.setdefault(phone, []).append(record.record_id)

    def find_by_phone(self, phone: str, *, additional: bool = False) -> list[Record]:
        """Records whose main number (and, if asked, an additional number) is ``phone``."""
        found = [self.records[rid] for rid in self.by_phone.get(phone, ())]
        if additional:
            found += [
                r
                for r in self.records.values()
                if phone in r.additional_numbers and r.phone_number != phone
            ]
        return found
