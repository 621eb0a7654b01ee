"""``batch/customers``: many CRM customers in one call (207 multi-status answers).

The answers are keyed differently per method (conventions.md): a create by the
zero-based position of the input, an update and a delete by customer id. Every
item result is mapped back to the input it belongs to (``index`` and ``input``),
as ``client.batch.outbounds`` does; two inputs with the same customer id cannot
be told apart in a keyed answer, so such a call is refused before sending.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from .. import _validation as check
from .._logging import logger
from .._transport import RawResponse
from ..errors import InputError
from ..models import CustomerBatchItemResult, CustomerBatchResult, CustomerUpdate, NewCustomer
from ._base import Resource, array_param
from ._crm_inputs import encode_customer, input_values

__all__ = ["BatchCustomers"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class _WireItem:
    http_status: int
    customer_id: int | None = None
    message: str | None = None


def _positions(keys: Sequence[str], field: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in positions:
            raise InputError(
                f"{field}[{index}]",
                f"a customer id not already used in this batch (same as item {positions[key]})",
                key,
            )
        positions[key] = index
    if not positions:
        raise InputError(field, "at least one item", [])
    return positions


class BatchCustomers(Resource):
    """``batch/customers``: create, change or delete many customers in one call."""

    def _results(
        self,
        raw: RawResponse,
        keys: dict[str, int],
        inputs: Sequence[T],
        ids: Sequence[int | None],
    ) -> CustomerBatchResult[T]:
        """Map a keyed 207 body (key -> item) back to the inputs; unknown keys are logged."""
        body = self._structure(raw, dict[str, dict[str, Any]])
        items: list[CustomerBatchItemResult[T]] = []
        for key, value in body.items():
            index = keys.get(str(key))
            if index is None:
                logger.warning("batch answer has key %r that matches no input; ignored", key)
                continue
            wire = self._structure(raw, _WireItem, value)
            items.append(
                CustomerBatchItemResult(
                    index=index,
                    key=str(key),
                    input=inputs[index],
                    http_status=wire.http_status,
                    customer_id=wire.customer_id if wire.customer_id is not None else ids[index],
                    message=wire.message,
                )
            )
        answered = {item.index for item in items}
        unanswered = [(i, inputs[i]) for i in sorted(set(keys.values()) - answered)]
        items.sort(key=lambda item: item.index)
        return CustomerBatchResult(
            items=items, unanswered=unanswered, earlier_maybe_applied=raw.earlier_maybe_applied
        )

    async def create(
        self, customers: Sequence[NewCustomer | Mapping[str, Any]]
    ) -> CustomerBatchResult[NewCustomer | Mapping[str, Any]]:
        """Create customers; each result has the new ``customer_id`` (201) or a ``message``.

        Every input is checked before sending (``customers[2].surname: ...``).
        The answer is keyed by input position. Not retried after an ambiguous
        failure: customers have no unique key, so a repeat would duplicate them.
        """
        items = list(customers)
        bodies = [
            encode_customer(
                input_values(item, NewCustomer, f"customers[{i}]."),
                creating=True,
                prefix=f"customers[{i}].",
            )
            for i, item in enumerate(items)
        ]
        keys = _positions([str(index) for index in range(len(bodies))], "customers")
        raw = await self._call("POST", "batch/customers", json={"customers": bodies})
        return self._results(raw, keys, items, [None] * len(items))

    async def update(
        self, customers: Sequence[CustomerUpdate | Mapping[str, Any]]
    ) -> CustomerBatchResult[CustomerUpdate | Mapping[str, Any]]:
        """Change customers named by ``customer_id``; results 204, or 404/400 with a message."""
        items = list(customers)
        bodies: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            prefix = f"customers[{index}]."
            values = input_values(item, CustomerUpdate, prefix)
            if values.get("customer_id") is None:
                raise InputError(f"{prefix}customer_id", "the id of the customer to change", None)
            customer = check.positive_id(values["customer_id"], f"{prefix}customer_id")
            bodies.append(
                {"customer_id": customer, **encode_customer(values, creating=False, prefix=prefix)}
            )
        ids = [body["customer_id"] for body in bodies]
        keys = _positions([str(customer) for customer in ids], "customers")
        raw = await self._call("PUT", "batch/customers", json={"customers": bodies})
        return self._results(raw, keys, items, ids)

    async def delete(self, customer_ids: Iterable[int]) -> CustomerBatchResult[int]:
        """Delete customers: 204 each, or 404 "Customer not found.".

        A retry after a lost answer can report 404 for customers the first
        attempt already deleted.
        """
        params = array_param("customer_id", customer_ids, check.positive_id)
        ids = [int(value) for _, value in params]
        keys = _positions([str(customer) for customer in ids], "customer_ids")
        raw = await self._call("DELETE", "batch/customers", params=params)
        return self._results(raw, keys, ids, ids)
