"""``customer_field_groups`` and ``customer_field_group_items``: grouped customer custom fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .. import _validation as check
from .._pagination import Paginator
from ..errors import InputError
from ..models import CustomerFieldGroup, CustomerFieldGroupItem, CustomerFieldValue
from ..models._base import own_fields
from ._base import Resource

__all__ = ["CustomerFieldGroupItems", "CustomerFieldGroups"]

MAX_PAGE_SIZE = 1000


class CustomerFieldGroups(Resource):
    """``customer_field_groups``."""

    async def list(self) -> list[CustomerFieldGroup]:
        """The account's custom-field groups with their fields (ids for group items).

        Inferred endpoint (index line only): read as ``{"count", "result"}`` like
        the items list, or as a plain array; not paginated.
        """
        raw = await self._call("GET", "customer_field_groups")
        body = raw.json()
        groups = body.get("result", []) if isinstance(body, dict) else body
        return self._structure(raw, list[CustomerFieldGroup], groups or [])


def _value(item: Any, index: int) -> dict[str, Any]:
    field = f"values[{index}]"
    if isinstance(item, CustomerFieldValue):
        item = own_fields(item)
    if not isinstance(item, Mapping) or set(item) - {"field_id", "value"}:
        raise InputError(field, "a CustomerFieldValue or {'field_id': ..., 'value': ...}", item)
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"{field}.value", "a string or number", value)
    return {
        "field_id": check.positive_id(item.get("field_id"), f"{field}.field_id"),
        "value": value,
    }


class CustomerFieldGroupItems(Resource):
    """``customer_field_group_items``: rows of grouped custom-field values of customers."""

    def list(
        self,
        *,
        group_id: int | None = None,
        customer_id: int | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        concurrency: int = 8,
    ) -> Paginator[CustomerFieldGroupItem]:
        """A paginator over item rows, of one group and/or one customer when given.

        Pages hold up to 1000 rows; the answer's count lets later pages be
        fetched ``concurrency`` at a time. The documented answer shows group
        definitions rather than values (see CustomerFieldGroupItem): both parse.
        """
        params: list[tuple[str, str]] = []
        if group_id is not None:
            params.append(("group_id", str(check.positive_id(group_id, "group_id"))))
        if customer_id is not None:
            params.append(("customer_id", str(check.positive_id(customer_id, "customer_id"))))
        return self._paginate(
            "customer_field_group_items",
            params,
            CustomerFieldGroupItem,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=concurrency,
        )

    async def create(
        self,
        *,
        group_id: int,
        customer_id: int,
        values: Sequence[CustomerFieldValue | Mapping[str, Any]],
    ) -> int:
        """Add a row of values to a customer's field group; returns the new item id.

        ``values`` name fields by ``field_id`` (from ``customer_field_groups``);
        a value is a string or a number. Not retried after an ambiguous failure:
        a repeat would add the row twice.
        """
        body = {
            "group_id": check.positive_id(group_id, "group_id"),
            "customer_id": check.positive_id(customer_id, "customer_id"),
            "values": _values(values),
        }
        raw = await self._call("POST", "customer_field_group_items", json=body)
        return int(self._structure(raw, dict[str, int])["item_id"])

    async def update(
        self, id: int, *, values: Sequence[CustomerFieldValue | Mapping[str, Any]]
    ) -> None:
        """Set values in one row (``PUT customer_field_group_items/:id``, an observed endpoint).

        ``values`` as for ``create``; fields not named keep their values.
        """
        body = {"values": _values(values)}
        await self._call("PUT", f"customer_field_group_items/{_item_id(id)}", json=body)

    async def delete(self, id: int) -> None:
        """Delete one row (``DELETE customer_field_group_items/:id``, seen in use, undocumented)."""
        await self._call("DELETE", f"customer_field_group_items/{_item_id(id)}")


def _item_id(value: Any) -> int:
    return check.positive_id(value, "id")


def _values(values: Any) -> list[dict[str, Any]]:
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Sequence):
        raise InputError("values", "a list of {'field_id': ..., 'value': ...}", values)
    checked = [_value(item, index) for index, item in enumerate(values)]
    if not checked:
        raise InputError("values", "at least one value", values)
    return checked
