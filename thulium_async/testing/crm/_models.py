"""The CRM customers of the fake account (companies keep theirs in ``CrmStore``)."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Customer"]


@attrs.define(eq=False)
class Customer:
    """A CRM customer."""

    customer_id: int
    surname: str
    name: str = ""
    phone_numbers: list[str] = attrs.field(factory=list)
    emails: list[str] = attrs.field(factory=list)
    company_id: int | None = None
    identifier: str = ""
    type: str = ""
    group: str = ""
    company_flag: bool = False
    birthdate: str = ""
    gender: str = ""
    homepage: str = ""
    nip: str = ""
    account_manager: str = ""
    updated_at: str = ""
    note: str = ""
    pesel: str = ""
    job: str = ""
    job_title: str = ""
    vip: bool = False
    address: dict[str, Any] | None = None
    invoice_address: dict[str, Any] | None = None
    mail_drop_address: dict[str, Any] | None = None
    custom_fields: dict[str, Any] = attrs.field(factory=dict)
    notes: list[str] = attrs.field(factory=list)
