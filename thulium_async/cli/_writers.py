"""Writing records as CSV or JSON Lines as pages arrive (nothing is held back).

Dates are written as the API's ``YYYY-MM-DD hh:mm`` in the account's zone, so
an exported file can be imported again; CSV spreads record fields into
``record_fields.NAME`` columns, JSON Lines nests them.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import enum
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs
import orjson

from ._rows import FileFormat

__all__ = ["CRM_COLUMNS", "REGULAR_COLUMNS", "RecordWriter", "output_file"]

REGULAR_COLUMNS = (
    "record_id",
    "phone_number",
    "identifier",
    "status_id",
    "status",
    "system_status",
    "agent_login",
    "agent_name",
    "next_call_date",
    "call_date",
    "create_date",
    "last_note",
    "order",
)
CRM_COLUMNS = ("record_id", "customer_id", *REGULAR_COLUMNS[1:2], *REGULAR_COLUMNS[3:])
_PREFIX = "record_fields."


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


class RecordWriter:
    """Records (CampaignRecord or CrmCampaignRecord) to an open text file.

    The CSV header is fixed by the first records written: their record field
    names become columns. A field name first seen later cannot get a column;
    it is noted in ``dropped``. ``campaign_column`` adds a leading campaign_id.
    """

    def __init__(
        self, handle: TextIO, fmt: FileFormat, *, crm: bool, campaign_column: bool = False
    ) -> None:
        self._handle = handle
        self._fmt = fmt
        self._base = ("campaign_id",) * campaign_column + (CRM_COLUMNS if crm else REGULAR_COLUMNS)
        self._csv: csv.DictWriter[str] | None = None
        self._fields: tuple[str, ...] = ()
        self.count = 0
        self.dropped: set[str] = set()

    def write(self, records: Iterable[Any], campaign_id: str | None = None) -> None:
        """Append records (``campaign_id`` fills the campaign column, when there is one)."""
        rows = [self._row(record, campaign_id) for record in records]
        if self._fmt is FileFormat.jsonl:
            self._handle.writelines(orjson.dumps(row).decode() + "\n" for row in rows)
        else:
            self._write_csv(rows)
        self.count += len(rows)

    def close(self) -> None:
        """Write the header if no record came (an empty CSV still names its columns)."""
        if self._fmt is FileFormat.csv and self._csv is None:
            self._write_csv([])

    def _row(self, record: Any, campaign_id: str | None) -> dict[str, Any]:
        values = attrs.asdict(record, recurse=False)
        row = {name: _plain(values.get(name)) for name in self._base}
        if "campaign_id" in row:
            row["campaign_id"] = campaign_id
        fields = values.get("record_fields")
        if fields is not None and "customer_id" not in values:
            row["record_fields"] = dict(fields)
        return row

    def _write_csv(self, rows: list[dict[str, Any]]) -> None:
        if self._csv is None:
            names = dict.fromkeys(n for row in rows for n in row.get("record_fields") or {})
            self._fields = tuple(names)
            columns = [*self._base, *(f"{_PREFIX}{name}" for name in self._fields)]
            self._csv = csv.DictWriter(self._handle, fieldnames=columns, restval="")
            self._csv.writeheader()
        for row in rows:
            fields = row.pop("record_fields", None) or {}
            self.dropped.update(set(fields) - set(self._fields))
            row.update((f"{_PREFIX}{k}", v) for k, v in fields.items() if k in self._fields)
            self._csv.writerow({k: "" if v is None else v for k, v in row.items()})


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[TextIO]:
    """A text file to write, ``-`` meaning stdout.

    A file is written as ``NAME.part`` and renamed when complete, so a failed
    export never leaves a truncated file under the name asked for.
    """
    if os.fspath(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    partial = path.with_name(path.name + ".part")
    try:
        with open(partial, "w", newline="", encoding="utf-8") as handle:
            yield handle
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(partial)
