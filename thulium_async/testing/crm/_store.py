"""The fake account's CRM data beyond the customers: companies, field groups, contact history.

A company is a customer record (``company_flag`` true) plus a company id: its
name, NIP, numbers, addresses and custom fields live on that ``Customer`` (the
name as its ``surname``), so every customer endpoint works on it too. The store
keeps the company ids, the custom-field groups with their item rows, and each
customer's contact history (notes added through the API and feed records).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ..server._errors import bad_request
from ._models import Customer

__all__ = ["Company", "CrmStore", "FeedEntry", "FieldGroup", "GroupItem"]


@attrs.define(eq=False)
class Company:
    """A company: its id and the customer record that holds its data."""

    company_id: int
    customer_id: int


@attrs.define(eq=False)
class FieldGroup:
    """A group of customer custom fields; ``fields`` maps field id to name, in panel order."""

    group_id: int
    name: str
    fields: dict[int, str]


@attrs.define(eq=False)
class GroupItem:
    """One row of a customer's grouped fields: ``(field_id, value)`` pairs as sent."""

    item_id: int
    group_id: int
    customer_id: int
    values: list[tuple[int, Any]]
    created_at: str


@attrs.define(eq=False)
class FeedEntry:
    """An entry of a customer's contact history (``NOTE`` or a feed record type)."""

    entry_id: int
    type: str
    payload: str
    user_login: str
    created_at: str


class CrmStore:
    """Companies, custom-field groups and their items, contact history, with id sequences."""

    def __init__(self) -> None:
        self.companies: dict[int, Company] = {}
        # customer id of a company's own record -> its company
        self.company_of: dict[int, Company] = {}
        self.groups: dict[int, FieldGroup] = {}
        # field id -> the group defining it (field ids are account-wide)
        self.group_of_field: dict[int, FieldGroup] = {}
        self.items: dict[int, GroupItem] = {}
        self.feeds: dict[int, list[FeedEntry]] = {}
        self.next_company_id = 1
        self.next_group_id = 1
        self.next_field_id = 1
        self.next_item_id = 1
        self.next_entry_id = 1

    # -- companies ---------------------------------------------------------------------

    def add_company(self, customer_id: int, company_id: int | None = None) -> Company:
        """Register a company for an existing customer record, with the given or next id."""
        if company_id is None:
            company_id = self.next_company_id
        self.next_company_id = max(self.next_company_id, company_id + 1)
        company = Company(company_id, customer_id)
        self.companies[company_id] = company
        self.company_of[customer_id] = company
        return company

    def nip_owner(self, nip: str, customers: dict[int, Customer]) -> Company | None:
        """The company whose record carries this NIP, if any."""
        for company in self.companies.values():
            if customers[company.customer_id].nip == nip:
                return company
        return None

    def check_record_change(
        self, customer: Customer, changes: dict[str, Any], customers: dict[int, Customer]
    ) -> None:
        """Refuse what would break a company's own record: a new company_id, a taken NIP."""
        company = self.company_of.get(customer.customer_id)
        if company is None:
            return
        if "company_id" in changes and changes["company_id"] != company.company_id:
            raise bad_request(
                "company_record", id=customer.customer_id, company_id=company.company_id
            )
        nip = changes.get("nip")
        if nip:
            owner = self.nip_owner(nip, customers)
            if owner is not None and owner is not company:
                raise bad_request("nip_taken", nip=nip)

    def customer_removed(self, customer_id: int, customers: dict[int, Customer]) -> None:
        """Forget what hangs on a deleted customer; a company's record takes the company along.

        The company's people stay in the CRM, detached (``company_id`` cleared).
        """
        self.feeds.pop(customer_id, None)
        for item_id in [i.item_id for i in self.items.values() if i.customer_id == customer_id]:
            del self.items[item_id]
        company = self.company_of.pop(customer_id, None)
        if company is None:
            return
        del self.companies[company.company_id]
        for person in customers.values():
            if person.company_id == company.company_id:
                person.company_id = None

    # -- custom-field groups -----------------------------------------------------------

    def add_group(
        self, name: str, fields: Sequence[tuple[int | None, str]], group_id: int | None
    ) -> FieldGroup:
        """Create a group from ``(field_id, name)`` pairs; a None id takes the next one."""
        if group_id is None:
            group_id = self.next_group_id
        self.next_group_id = max(self.next_group_id, group_id + 1)
        numbered: dict[int, str] = {}
        for field_id, field_name in fields:
            if field_id is None:
                field_id = self.next_field_id
            self.next_field_id = max(self.next_field_id, field_id + 1)
            numbered[field_id] = field_name
        group = FieldGroup(group_id, name, numbered)
        self.groups[group_id] = group
        for field_id in numbered:
            self.group_of_field[field_id] = group
        return group

    def field_names(self) -> set[str]:
        """Names of every grouped field of the account."""
        return {name for group in self.groups.values() for name in group.fields.values()}

    def add_item(
        self, group: FieldGroup, customer: Customer, values: list[tuple[int, Any]], now: str
    ) -> GroupItem:
        """Store a row and copy its values into the customer's custom fields of those names.

        ``""`` clears the custom field, as in customer bodies.
        """
        item = GroupItem(self.next_item_id, group.group_id, customer.customer_id, values, now)
        self.next_item_id += 1
        self.items[item.item_id] = item
        for field_id, value in values:
            customer.custom_fields[group.fields[field_id]] = None if value == "" else value
        customer.updated_at = now
        return item

    # -- contact history ---------------------------------------------------------------

    def add_entry(
        self, customer_id: int, type_: str, payload: str, user_login: str, now: str
    ) -> FeedEntry:
        """Append an entry to the customer's contact history."""
        entry = FeedEntry(self.next_entry_id, type_, payload, user_login, now)
        self.next_entry_id += 1
        self.feeds.setdefault(customer_id, []).append(entry)
        return entry
