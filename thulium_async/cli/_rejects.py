"""The rejects file: every row that did not make it, with the reason, as CSV.

Rows from a CSV file keep their columns (after ``line`` and ``reason``), so
the file can be fixed and imported again; rows from JSON Lines are kept as
their JSON text in a ``record`` column.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import orjson

__all__ = ["Rejects"]


def _cell(value: Any) -> Any:
    return "" if value is None else value


class Rejects:
    """Rejected rows, sorted by line and written at ``close`` (only when there are any).

    ``columns`` is the input's CSV header; None means JSON Lines input.
    """

    def __init__(self, path: Path, columns: Sequence[str] | None) -> None:
        self.path = path
        self.columns = list(columns) if columns is not None else None
        self._rows: list[tuple[int, str, dict[str, Any] | str]] = []

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, line: int, reason: str, values: dict[str, Any] | str) -> None:
        """Note a rejected row: its values (CSV) or text or values (JSON Lines)."""
        self._rows.append((line, reason, values))

    def write(self) -> int:
        """Write the file, replacing an earlier run's; none when no row was rejected.

        Returns the row count. A resumed run thus never leaves the rejects of
        the run it resumes behind.
        """
        if not self._rows:
            self.path.unlink(missing_ok=True)
            return 0
        self._rows.sort(key=lambda row: row[0])
        with open(self.path, "w", newline="", encoding="utf-8") as handle:
            self._write(handle)
        return len(self._rows)

    def _write(self, handle: TextIO) -> None:
        writer = csv.writer(handle)
        if self.columns is None:
            writer.writerow(["line", "reason", "record"])
            for line, reason, values in self._rows:
                text = values if isinstance(values, str) else orjson.dumps(values).decode()
                writer.writerow([line, reason, text])
            return
        writer.writerow(["line", "reason", *self.columns])
        for line, reason, values in self._rows:
            cells = values if isinstance(values, dict) else {}
            writer.writerow([line, reason, *(_cell(cells.get(c)) for c in self.columns)])
