"""File rows as the library's inputs (NewRecord, NewCrmRecord) and back, for rejects files.

Columns named like a NewRecord field fill that field; ``record_fields.NAME``
and any other column go to ``record_fields`` (regular campaigns). The
read-only columns ``records export`` writes (record_id, status, create_date,
...) are ignored, so an export can be imported again. Empty cells are left
out, except in record fields, where an empty value is a value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..models import NewCrmRecord, NewRecord

__all__ = ["EXPORT_ONLY", "RowItems", "item_values"]

#: Columns of ``records export`` that a new record cannot carry.
EXPORT_ONLY = frozenset(
    {
        "record_id",
        "campaign_id",
        "system_status",
        "status",
        "create_date",
        "call_date",
        "agent_name",
        "last_note",
    }
)
_REGULAR = tuple(field.name for field in attrs.fields(NewRecord))
_CRM = tuple(field.name for field in attrs.fields(NewCrmRecord))
_NUMBERS = frozenset({"status_id", "dictionary_status_id", "order", "customer_id"})
_PREFIX = "record_fields."


def names_no_column(header: list[str] | None) -> bool:
    """True for a CSV header with no column a record knows: most likely a data row.

    A header-less file would otherwise take its first row as column names and
    send every other row as record fields of those odd names.
    """
    if not header:
        return False
    known = {*_REGULAR, *_CRM, *EXPORT_ONLY}
    return not any(name in known or name.startswith(_PREFIX) for name in header)


def _number(value: Any) -> Any:
    """Whole numbers from their text; anything else is left for the library to refuse."""
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return value


class RowItems:
    """Turns a file's rows into NewRecord (or, with ``crm``, NewCrmRecord) items."""

    def __init__(self, *, crm: bool) -> None:
        self.crm = crm
        self.ignored: set[str] = set()
        """Columns a CRM record has no place for (reported once, not per row)."""

    def item(self, values: Mapping[str, Any]) -> NewRecord | NewCrmRecord:
        """The input item of one row (never raises: the library checks it later)."""
        fields: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        names = _CRM if self.crm else _REGULAR
        for key, value in values.items():
            if key in EXPORT_ONLY:
                continue
            if key in names and key != "record_fields":
                if value is not None and value != "":
                    fields[key] = _number(value) if key in _NUMBERS else value
            elif key == "record_fields" and isinstance(value, Mapping):
                extra.update(value)
            elif key.startswith(_PREFIX):
                extra[key[len(_PREFIX) :]] = value
            else:
                extra[key] = value
        if self.crm:
            self.ignored.update(extra)
            fields.setdefault("customer_id", None)  # missing: the library names it
            return NewCrmRecord(**fields)
        fields.setdefault("phone_number", None)
        if extra:
            fields["record_fields"] = {k: "" if v is None else v for k, v in extra.items()}
        return NewRecord(**fields)


def item_values(item: Any, columns: Iterable[str] | None = None) -> dict[str, Any]:
    """An item as file values again: its set fields, record fields under their columns.

    With ``columns`` (a CSV header), exactly those keys; a record field is found
    under ``NAME`` or ``record_fields.NAME``.
    """
    if not attrs.has(type(item)):
        return {"item": str(item)}
    values = {k: v for k, v in attrs.asdict(item, recurse=False).items() if v is not None}
    record_fields = dict(values.pop("record_fields", None) or {})
    if columns is None:
        return {**values, **({"record_fields": record_fields} if record_fields else {})}
    row: dict[str, Any] = {}
    for column in columns:
        if column in values:
            row[column] = values[column]
        elif column.startswith(_PREFIX):
            row[column] = record_fields.get(column[len(_PREFIX) :], "")
        else:
            row[column] = record_fields.get(column, "")
    return row
