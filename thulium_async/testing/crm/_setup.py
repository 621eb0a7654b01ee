"""``FakeThulium`` setup and inspection helpers for the crm area (direct state, no HTTP)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..shared._setup import SetupBase, checked
from ..shared._validate import check_phone
from ._models import Customer
from ._views import company_view, customer_view, entry_view, group_view, item_view

__all__ = ["CrmSetup"]

_ALL_INCLUDES = frozenset({"include_custom_fields", "include_address"})


def _listed(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _phones(value: str | Sequence[str]) -> list[str]:
    phones = _listed(value)
    for phone in phones:
        checked(check_phone, phone)
    return phones


def _address(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return None if value is None else dict(value)


class CrmSetup(SetupBase):
    """Setup and inspection helpers of the crm area, mixed into ``FakeThulium``."""

    def add_customer(
        self,
        *,
        customer_id: int | None = None,
        surname: str = "Kowalski",
        name: str = "Jan",
        phone_number: str | Sequence[str] = (),
        email: str | Sequence[str] = (),
        custom_fields: Mapping[str, Any] | None = None,
        address: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> int:
        """Create a CRM customer; returns its id. ``fields``: other customer attributes
        (identifier, company_id, company_flag, type, group, nip, ...)."""
        phones = _phones(phone_number)
        customer = self._state.add_customer(
            customer_id,
            surname=surname,
            name=name,
            phone_numbers=phones,
            emails=_listed(email),
            custom_fields=dict(custom_fields or {}),
            address=_address(address),
            **fields,
        )
        return customer.customer_id

    def add_company(
        self,
        *,
        name: str = "Thulium",
        company_id: int | None = None,
        customer_id: int | None = None,
        nip: str = "",
        identifier: str = "",
        phone_number: str | Sequence[str] = (),
        email: str | Sequence[str] = (),
        type: str = "",
        group: str = "",
        account_manager: str = "",
        note: str = "",
        vip: bool = False,
        address: Mapping[str, Any] | None = None,
        invoice_address: Mapping[str, Any] | None = None,
        mail_drop_address: Mapping[str, Any] | None = None,
        custom_fields: Mapping[str, Any] | None = None,
    ) -> int:
        """Create a company and the customer record behind it; returns the company id.

        ``customer_id`` picks the record's id (default: the next customer id).
        Raises ValueError for an empty name, a taken id or a NIP another company has.
        Emits no CUSTOMER_CREATED: like an import, it seeds the account (``POST
        companies`` emits it).
        """
        state = self._state
        crm = state.crm
        if not name.strip():
            raise ValueError("a company needs a name")
        if company_id is not None and company_id in crm.companies:
            raise ValueError(f"company {company_id} already exists")
        if nip and crm.nip_owner(nip, state.customers) is not None:
            raise ValueError(f"NIP {nip} is already used by another company")
        phones = _phones(phone_number)
        customer = state.add_customer(
            customer_id,
            surname=name,
            company_flag=True,
            phone_numbers=phones,
            emails=_listed(email),
            nip=nip,
            identifier=identifier,
            type=type,
            group=group,
            account_manager=account_manager,
            note=note,
            vip=vip,
            address=_address(address),
            invoice_address=_address(invoice_address),
            mail_drop_address=_address(mail_drop_address),
            custom_fields=dict(custom_fields or {}),
        )
        company = crm.add_company(customer.customer_id, company_id)
        customer.company_id = company.company_id
        return company.company_id

    def add_customer_field_group(
        self,
        name: str,
        *,
        fields: Sequence[str] | Mapping[int, str],
        group_id: int | None = None,
    ) -> int:
        """Define a group of customer custom fields, as in the panel; returns its id.

        ``fields`` are names (field ids are given in turn) or a ``{field_id: name}``
        map. Each field is also a custom field of the account under its name.
        Raises ValueError for an empty name, no fields, a taken group or field
        id, or a field name that repeats or another group already uses.
        """
        state = self._state
        crm = state.crm
        if not name.strip():
            raise ValueError("a field group needs a name")
        if group_id is not None and group_id in crm.groups:
            raise ValueError(f"field group {group_id} already exists")
        pairs: list[tuple[int | None, str]]
        if isinstance(fields, Mapping):
            pairs = [(int(field_id), field_name) for field_id, field_name in fields.items()]
        else:
            pairs = [(None, field_name) for field_name in fields]
        if not pairs:
            raise ValueError("a field group needs at least one field")
        names = [field_name for _, field_name in pairs]
        taken = crm.field_names()
        for field_id, field_name in pairs:
            if not field_name or field_name in taken or names.count(field_name) > 1:
                raise ValueError(f"field name {field_name!r} is empty, repeated or used")
            if field_id is not None and field_id in crm.group_of_field:
                raise ValueError(f"field id {field_id} already exists")
        group = crm.add_group(name, pairs, group_id)
        for field_name in names:
            state.custom_fields.setdefault(field_name, None)
        return group.group_id

    def add_customer_field_group_item(
        self, *, customer_id: int, group_id: int, values: Mapping[int | str, str | int | float]
    ) -> int:
        """Add a row of grouped values to a customer, as an agent would; returns its id.

        ``values`` are keyed by field id or field name; they are also copied into
        the customer's custom fields of those names.
        """
        state = self._state
        group = state.crm.groups.get(group_id)
        if group is None:
            raise ValueError(f"no field group {group_id}")
        customer = state.customers.get(customer_id)
        if customer is None:
            raise ValueError(f"no customer {customer_id}")
        if not values:
            raise ValueError("an item needs at least one value")
        ids = {field_name: field_id for field_id, field_name in group.fields.items()}
        row: list[tuple[int, Any]] = []
        for key, value in values.items():
            field_id = ids.get(key) if isinstance(key, str) else key
            if field_id not in group.fields:
                raise ValueError(f"{key!r} is not a field of group {group_id}")
            row.append((field_id, value))
        return state.crm.add_item(group, customer, row, state.now()).item_id

    # -- inspection ----------------------------------------------------------------------

    def customers(self) -> list[dict[str, Any]]:
        """Every customer as ``GET customers`` shows it (with custom fields and address)."""
        state = self._state
        return [
            customer_view(state, c, listing=True, include=_ALL_INCLUDES)
            for c in state.customers.values()
        ]

    def companies(self) -> list[dict[str, Any]]:
        """Every company as ``GET companies`` shows it (with custom fields and address)."""
        state = self._state
        return [
            company_view(
                state, c, state.customers[c.customer_id], listing=True, include=_ALL_INCLUDES
            )
            for c in state.crm.companies.values()
        ]

    def customer_notes(self, customer_id: int) -> list[str]:
        """The customer's notes, oldest first (added through the API or copied from records)."""
        return list(self._customer(customer_id).notes)

    def customer_feed(self, customer_id: int) -> list[dict[str, Any]]:
        """The customer's contact history, oldest first: ``NOTE`` entries and feed records.

        Each entry: ``entry_id``, ``type``, ``payload`` (a note's message or the
        feed record's JSON string), ``user_login`` and ``created_at``.
        """
        self._customer(customer_id)
        return [entry_view(e) for e in self._state.crm.feeds.get(customer_id, ())]

    def customer_field_groups(self) -> list[dict[str, Any]]:
        """Every custom-field group as ``GET customer_field_groups`` lists it."""
        return [group_view(group) for group in self._state.crm.groups.values()]

    def customer_field_group_items(
        self, *, customer_id: int | None = None, group_id: int | None = None
    ) -> list[dict[str, Any]]:
        """Item rows with everything they hold (``item_id``, ``values``, ...), oldest first."""
        return [
            item_view(item)
            for item in self._state.crm.items.values()
            if (customer_id is None or item.customer_id == customer_id)
            and (group_id is None or item.group_id == group_id)
        ]

    def _customer(self, customer_id: int) -> Customer:
        customer = self._state.customers.get(customer_id)
        if customer is None:
            raise KeyError(f"no customer {customer_id}")
        return customer
