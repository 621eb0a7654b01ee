"""Item results as CSV rows: the outcome and error next to the item's original fields."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ._models import ItemResult

__all__ = ["item_fields", "write_results"]

_LEADING = ("index", "campaign_id", "outcome", "http_status", "error")


def item_fields(item: Any) -> dict[str, Any]:
    """An input item as flat columns (mappings such as record_fields are spread out)."""
    if attrs.has(type(item)):
        values: Mapping[str, Any] = attrs.asdict(item, recurse=False)
    elif isinstance(item, Mapping):
        values = item
    elif isinstance(item, (tuple, list)):
        values = {f"item[{index}]": value for index, value in enumerate(item)}
    else:
        values = {"item": item}
    flat: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, Mapping):
            for inner, inner_value in value.items():
                flat[f"{name}.{inner}"] = _cell(inner_value)
        else:
            flat[str(name)] = _cell(value)
    return flat


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value


def write_results(path: str | os.PathLike[str], results: Sequence[ItemResult]) -> int:
    """Write ``results`` with the union of their items' columns; returns the row count."""
    rows = []
    columns: dict[str, None] = dict.fromkeys(_LEADING)
    for result in results:
        fields = item_fields(result.item)
        columns.update(dict.fromkeys(name for name in fields if name not in columns))
        rows.append(
            {
                **fields,
                "index": result.index,
                "campaign_id": result.campaign_id or "",
                "outcome": result.outcome.value,
                "http_status": result.http_status or "",
                "error": result.error or "",
            }
        )
    import csv  # only exports pay for loading it

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), restval="")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
