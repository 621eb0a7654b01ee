"""CRM customers in bulk over ``batch/customers`` (``client.customers`` one by one).

Creating a customer is not safe to repeat: customers have no unique key, so
the API cannot refuse a second copy. A create whose request may have been
applied (a lost answer, a 5xx) is never resent: its items are UNKNOWN. Only
creates that provably never acted (a 429, a connection never made) go again.
Changes and deletes are keyed by customer id and safe to repeat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from .. import _validation as check
from ..errors import NotFoundError
from ..models import CustomerBatchItemResult, CustomerUpdate, NewCustomer
from ..resources._crm_inputs import encode_customer, input_values
from ._entry import Entry, Settled
from ._models import Outcome
from ._operation import Operation, Prepared, Sent, present

if TYPE_CHECKING:
    from ._client_api import BulkClient

__all__ = ["CreateCustomers", "DeleteCustomers", "UpdateCustomers"]

CUSTOMERS = "customers"
_NEW_FIELDS = tuple(field.name for field in attrs.fields(NewCustomer))
_CHANGE_FIELDS = tuple(f.name for f in attrs.fields(CustomerUpdate) if f.name != "customer_id")


def _failure(entry: Entry, result: CustomerBatchItemResult[Any]) -> Settled:
    text = result.message or f"HTTP {result.http_status}"
    return Settled(entry, Outcome.FAILED, None, text, result.http_status)


class CreateCustomers(Operation):
    """``create_customers``: NewCustomer items (or mappings of their fields)."""

    name = "create_customers"
    keyed = False
    batch_routes = frozenset({CUSTOMERS})
    repeatable = False

    def prepare(self, campaign_id: Any, item: Any) -> Prepared:
        """Check the customer as the resource will; there is no key (any two may share a chunk)."""
        body = encode_customer(input_values(item, NewCustomer, ""), creating=True)
        return Prepared(None, CUSTOMERS, "", item, body)

    async def send(self, client: BulkClient, route: str, batch: bool, entries: list[Entry]) -> Sent:
        """One batch create, or one single create."""
        if not batch:
            entry = entries[0]
            fields = present(input_values(entry.value, NewCustomer, ""), _NEW_FIELDS)
            customer_id = await client.customers.create(**fields)
            return Sent([Settled(entry, Outcome.CREATED, customer_id)], [])
        result = await client.batch.customers.create([entry.value for entry in entries])
        settled = [
            Settled(entries[a.index], Outcome.CREATED, a.customer_id)
            if a.ok
            else _failure(entries[a.index], a)
            for a in result.items
        ]
        return Sent(settled, [entries[index] for index, _ in result.unanswered])


class UpdateCustomers(Operation):
    """``update_customers``: CustomerUpdate items (or mappings), named by ``customer_id``."""

    name = "update_customers"
    keyed = False
    batch_routes = frozenset({CUSTOMERS})

    def prepare(self, campaign_id: Any, item: Any) -> Prepared:
        """Check the change; the key is the customer id (one change per chunk each)."""
        values = input_values(item, CustomerUpdate, "")
        customer = check.positive_id(values.get("customer_id"), "customer_id")
        body = encode_customer(values, creating=False)
        return Prepared(None, CUSTOMERS, str(customer), item, {"customer_id": customer, **body})

    async def send(self, client: BulkClient, route: str, batch: bool, entries: list[Entry]) -> Sent:
        """One batch change, or one single change."""
        if not batch:
            entry = entries[0]
            values = input_values(entry.value, CustomerUpdate, "")
            await client.customers.update(int(entry.key), **present(values, _CHANGE_FIELDS))
            return Sent([Settled(entry, Outcome.UPDATED, int(entry.key))], [])
        result = await client.batch.customers.update([entry.value for entry in entries])
        settled = [
            Settled(entries[a.index], Outcome.UPDATED, a.customer_id)
            if a.ok
            else _failure(entries[a.index], a)
            for a in result.items
        ]
        return Sent(settled, [entries[index] for index, _ in result.unanswered])


class DeleteCustomers(Operation):
    """``delete_customers``: customer ids; NOT_FOUND (a success) when already gone."""

    name = "delete_customers"
    keyed = False
    batch_routes = frozenset({CUSTOMERS})

    def prepare(self, campaign_id: Any, item: Any) -> Prepared:
        """A customer id (an int or digits)."""
        customer = check.positive_id(item, "customer_id")
        return Prepared(None, CUSTOMERS, str(customer), customer, {"customer_id": customer})

    async def send(self, client: BulkClient, route: str, batch: bool, entries: list[Entry]) -> Sent:
        """One batch delete, or one single delete."""
        if not batch:
            entry = entries[0]
            try:
                await client.customers.delete(entry.value)
            except NotFoundError as error:
                ours = entry.maybe_applied or error.earlier_maybe_applied
                return Sent([Settled(entry, Outcome.DELETED if ours else Outcome.NOT_FOUND)], [])
            return Sent([Settled(entry, Outcome.DELETED, entry.value)], [])
        result = await client.batch.customers.delete([entry.value for entry in entries])
        retried = result.earlier_maybe_applied
        settled = []
        for answer in result.items:
            entry = entries[answer.index]
            if answer.ok:
                settled.append(Settled(entry, Outcome.DELETED, answer.customer_id))
            elif answer.http_status == 404:
                ours = retried or entry.maybe_applied
                settled.append(Settled(entry, Outcome.DELETED if ours else Outcome.NOT_FOUND))
            else:
                settled.append(_failure(entry, answer))
        return Sent(settled, [entries[index] for index, _ in result.unanswered])
