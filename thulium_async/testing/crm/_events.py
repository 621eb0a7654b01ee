"""The CRM webhook events the fake emits, built from its customers and notes.

Events are dated by the fake's wall clock (to the second, in the account's
zone) at the moment of the change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...webhooks import CustomerCreated, CustomerNoteSaved

if TYPE_CHECKING:
    import datetime as dt

    from ..server._state import State
    from ._models import Customer

__all__ = ["customer_created", "note_saved"]


def customer_created(state: State, customer: Customer, moment: dt.datetime) -> CustomerCreated:
    """CUSTOMER_CREATED; ``company_id`` is the person's company, or a company's own id."""
    return CustomerCreated(
        customer_id=customer.customer_id,
        date=state.aware(moment),
        company_id=customer.company_id,
    )


def note_saved(
    state: State, customer: Customer, content: str, login: str, moment: dt.datetime
) -> CustomerNoteSaved:
    """CUSTOMER_NOTE_SAVED for a note added to ``customer`` (``login`` "" = no author)."""
    return CustomerNoteSaved(
        customer_id=customer.customer_id,
        date=state.aware(moment),
        agent_login=login or None,
        content=content,
    )
