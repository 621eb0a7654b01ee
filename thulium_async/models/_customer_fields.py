"""Grouped (repeatable) customer custom fields: groups, their fields and item rows."""

from __future__ import annotations

from typing import Any

import attrs

from ._base import Response

__all__ = [
    "CustomerField",
    "CustomerFieldGroup",
    "CustomerFieldGroupItem",
    "CustomerFieldValue",
]


@attrs.frozen(kw_only=True)
class CustomerField(Response):
    """A field of a custom-field group; ``field_id`` is what item values name."""

    field_id: int
    name: str | None = None


@attrs.frozen(kw_only=True)
class CustomerFieldGroup(Response):
    """A group of customer custom fields (rows of it are ``customer_field_group_items``)."""

    group_id: int
    name: str | None = None
    fields: list[CustomerField] | None = None


@attrs.frozen(kw_only=True)
class CustomerFieldValue(Response):
    """One value of an item row: the field's id and its value as the API sends it.

    Also the input of ``client.customer_field_group_items.create(values=...)``,
    where ``value`` is a string or a number.
    """

    field_id: int
    value: Any = None


@attrs.frozen(kw_only=True)
class CustomerFieldGroupItem(Response):
    """One row of a customer's grouped custom fields, as ``GET customer_field_group_items`` lists.

    The documented answer shows group definitions (``group_id``, ``name``,
    ``fields``) rather than values, which looks copied from the groups page, so
    every field is optional: the row parses in either shape, ``values`` being
    filled when the API sends the row's values.
    """

    item_id: int | None = None
    group_id: int | None = None
    customer_id: int | None = None
    name: str | None = None
    fields: list[CustomerField] | None = None
    values: list[CustomerFieldValue] | None = None
