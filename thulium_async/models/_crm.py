"""CRM customers and companies: what the API answers and what callers send in batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs

from ._base import Response

__all__ = [
    "Address",
    "AddressInput",
    "Company",
    "CreatedCompany",
    "Customer",
    "CustomerBatchItemResult",
    "CustomerBatchResult",
    "CustomerUpdate",
    "NewCustomer",
]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Address(Response):
    """A postal address (main, invoice or correspondence).

    Inputs take ``street``, ``building``, ``flat``, ``postcode``, ``city`` and
    ``country``; the API also answers ``post_office``, ``borough``, ``county``
    and ``voivodship``, which cannot be sent.
    """

    street: str | None = None
    building: str | None = None
    flat: str | None = None
    postcode: str | None = None
    city: str | None = None
    post_office: str | None = None
    borough: str | None = None
    county: str | None = None
    voivodship: str | None = None
    country: str | None = None


@attrs.frozen(kw_only=True)
class Customer(Response):
    """A CRM customer as ``GET customers`` and ``GET customers/:id`` answer.

    ``phone_number``/``email`` are the main ones, ``phone_numbers``/``emails``
    all of them. ``birthdate`` stays the API's text (its format is not
    documented). ``custom_fields`` maps field display names to values as sent
    (strings, numbers or None); it and the addresses are None unless asked for.
    """

    customer_id: int
    name: str | None = None
    surname: str | None = None
    phone_number: str | None = None
    phone_numbers: list[str] | None = None
    email: str | None = None
    emails: list[str] | None = None
    company_id: int | None = None
    company_flag: bool | None = None
    identifier: str | None = None
    type: str | None = None
    group: str | None = None
    birthdate: str | None = None
    gender: str | None = None
    homepage: str | None = None
    nip: str | None = None
    pesel: str | None = None
    job: str | None = None
    job_title: str | None = None
    note: str | None = None
    vip: bool | None = None
    account_manager: str | None = None
    updated_at: dt.datetime | None = None
    address: Address | None = None
    invoice_address: Address | None = None
    mail_drop_address: Address | None = None
    custom_fields: dict[str, Any] | None = None


@attrs.frozen(kw_only=True)
class Company(Response):
    """A CRM company; every company is also a customer record (``customer_id``)."""

    company_id: int
    name: str | None = None
    customer_id: int | None = None
    identifier: str | None = None
    phone_number: str | None = None
    phone_numbers: list[str] | None = None
    email: str | None = None
    emails: list[str] | None = None
    type: str | None = None
    group: str | None = None
    nip: str | None = None
    note: str | None = None
    vip: bool | None = None
    account_manager: str | None = None
    updated_at: dt.datetime | None = None
    address: Address | None = None
    invoice_address: Address | None = None
    mail_drop_address: Address | None = None
    custom_fields: dict[str, Any] | None = None


@attrs.frozen(kw_only=True)
class CreatedCompany(Response):
    """The ids of a new company and of the customer record behind it."""

    company_id: int
    customer_id: int | None = None


AddressInput = Address | Mapping[str, str | None]
"""An address to send: an `Address`, or a mapping of its field names to values."""


@attrs.frozen(kw_only=True)
class NewCustomer:
    """A customer to create in ``client.batch.customers.create`` (``surname`` is required).

    ``email`` and ``phone_number`` take one value or a list; ``custom_fields``
    maps field display names to values (an unknown name creates the field, an
    empty value clears it). Never raises on construction: the call checks.
    """

    surname: str
    name: str | None = None
    email: str | Sequence[str] | None = None
    phone_number: str | Sequence[str] | None = None
    company_id: int | None = None
    type: str | None = None
    group: str | None = None
    identifier: str | None = None
    gender: str | None = None
    homepage: str | None = None
    birthdate: dt.date | str | None = None
    nip: str | None = None
    note: str | None = None
    pesel: str | None = None
    job: str | None = None
    job_title: str | None = None
    account_manager: str | None = None
    custom_fields: Mapping[str, str | int | float | None] | None = None
    fill_read_only_custom_fields: bool | None = None
    vip: bool | None = None
    address: AddressInput | None = None
    invoice_address: AddressInput | None = None
    mail_drop_address: AddressInput | None = None


@attrs.frozen(kw_only=True)
class CustomerUpdate:
    """A change to one customer in ``client.batch.customers.update``; None fields are not sent."""

    customer_id: int
    surname: str | None = None
    name: str | None = None
    email: str | Sequence[str] | None = None
    phone_number: str | Sequence[str] | None = None
    company_id: int | None = None
    type: str | None = None
    group: str | None = None
    identifier: str | None = None
    gender: str | None = None
    homepage: str | None = None
    birthdate: dt.date | str | None = None
    nip: str | None = None
    note: str | None = None
    pesel: str | None = None
    job: str | None = None
    job_title: str | None = None
    account_manager: str | None = None
    custom_fields: Mapping[str, str | int | float | None] | None = None
    fill_read_only_custom_fields: bool | None = None
    vip: bool | None = None
    address: AddressInput | None = None
    invoice_address: AddressInput | None = None
    mail_drop_address: AddressInput | None = None


@attrs.frozen(kw_only=True)
class CustomerBatchItemResult(Generic[T]):
    """What the API said about one input of a ``batch/customers`` call.

    ``index`` is the input's position and ``input`` the input itself; ``key`` is
    the key the API answered under (the zero-based index for creates, the
    customer id for updates and deletes). ``customer_id`` is the new customer's
    id on a successful create, else the id the input names (None when unknown).
    """

    index: int
    key: str
    input: T
    http_status: int
    customer_id: int | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        """True when the API reports success for this item (a 2xx item status)."""
        return 200 <= self.http_status < 300


@attrs.frozen(kw_only=True)
class CustomerBatchResult(Generic[T]):
    """Every item's result of one ``batch/customers`` call, in input order.

    ``unanswered`` lists the inputs the API's answer did not mention.
    ``earlier_maybe_applied`` is True when an attempt of this call before the
    answered one may have been applied (its answer was lost, or it got a 5xx):
    an item reported as already gone may then be this call's own doing.
    """

    items: list[CustomerBatchItemResult[T]]
    unanswered: list[tuple[int, T]] = attrs.field(factory=list)
    earlier_maybe_applied: bool = False

    @property
    def succeeded(self) -> list[CustomerBatchItemResult[T]]:
        """Results with a 2xx item status."""
        return [item for item in self.items if item.ok]

    @property
    def failed(self) -> list[CustomerBatchItemResult[T]]:
        """Results with a non-2xx item status."""
        return [item for item in self.items if not item.ok]

    def __len__(self) -> int:
        return len(self.items)
