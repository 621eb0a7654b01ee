"""CRM events: customers created, files attached and notes saved."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from ._base import WebhookEvent, register

__all__ = ["CustomerCreated", "CustomerEvent", "CustomerFileAttached", "CustomerNoteSaved"]


@attrs.frozen(kw_only=True)
class CustomerEvent(WebhookEvent):
    """Base of the CRM events: something happened to one customer."""

    customer_id: int
    date: dt.datetime


@register
@attrs.frozen(kw_only=True)
class CustomerCreated(CustomerEvent):
    """CUSTOMER_CREATED: a CRM customer was created."""

    ACTION: ClassVar[str] = "CUSTOMER_CREATED"
    company_id: int | None = None


@register
@attrs.frozen(kw_only=True)
class CustomerFileAttached(CustomerEvent):
    """CUSTOMER_FILE_ATTACHED: an agent attached a file to a customer."""

    ACTION: ClassVar[str] = "CUSTOMER_FILE_ATTACHED"
    file_id: int | None = None
    agent_login: str | None = None
    company_id: int | None = None


@register
@attrs.frozen(kw_only=True)
class CustomerNoteSaved(CustomerEvent):
    """CUSTOMER_NOTE_SAVED: an agent saved a note for a customer."""

    ACTION: ClassVar[str] = "CUSTOMER_NOTE_SAVED"
    agent_login: str | None = None
    content: str | None = None
