"""The rejects file: every row that did not make it, with the reason, as CSV.

Rows from a CSV file keep their columns (after ``line`` and ``reason``), so
the file can be fixed and imported again; rows from JSON Lines are kept as
their JSON text in a ``record`` column.

Memory stays bounded however many rows are rejected: rows are held in a
small buffer, spilled to sorted run files beside the rejects file (pickled:
our own short-lived files, and a row may hold values JSON cannot, such as an
id too large for 64 bits), and merged in line order when the file is written.
"""

from __future__ import annotations

import contextlib
import csv
import heapq
import json
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import orjson

__all__ = ["Rejects"]

_BUFFER = 10_000  # rows held in memory before a sorted run goes to disk
_FAN_IN = 64  # runs of one tier merged into one run of the next

_Reject = tuple[int, str, "dict[str, Any] | str"]


def _json(values: dict[str, Any]) -> str:
    try:
        return orjson.dumps(values).decode()
    except orjson.JSONEncodeError:  # an int beyond 64 bits, say: the stdlib writes any
        return json.dumps(values, ensure_ascii=False, default=str)


def _cell(value: Any) -> Any:
    return "" if value is None else value


class _Runs:
    """Rows spilled to disk as sorted runs; merged back in line order.

    Runs are merged in tiers, ``_FAN_IN`` at a time, so no more than a few
    hundred files are ever open or on disk however many rows are spilled, and
    each row is rewritten once per tier (a handful of times at most).
    """

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._tiers: list[list[str]] = [[]]
        self._buffer: list[_Reject] = []
        self.count = 0

    def add(self, row: _Reject) -> None:
        self._buffer.append(row)
        self.count += 1
        if len(self._buffer) >= _BUFFER:
            self._buffer.sort(key=_line)
            self._add_run(0, self._write_run(iter(self._buffer)))
            self._buffer.clear()

    def _add_run(self, tier: int, path: str) -> None:
        if tier == len(self._tiers):
            self._tiers.append([])
        runs = self._tiers[tier]
        runs.append(path)
        if len(runs) >= _FAN_IN:
            with contextlib.ExitStack() as stack:
                merged = self._write_run(heapq.merge(*_open_runs(stack, runs), key=_line))
            self._remove(runs)
            self._add_run(tier + 1, merged)

    def _write_run(self, rows: Iterator[_Reject]) -> str:
        handle, path = tempfile.mkstemp(prefix=".rejects-", suffix=".run", dir=self._directory)
        with os.fdopen(handle, "wb") as run:
            pickler = pickle.Pickler(run, protocol=pickle.HIGHEST_PROTOCOL)
            for row in rows:
                pickler.dump(row)
                pickler.clear_memo()
        return path

    def merged(self, stack: contextlib.ExitStack) -> Iterator[_Reject]:
        """Every row in line order (a stable merge: equal lines keep their order)."""
        self._buffer.sort(key=_line)
        runs = _open_runs(stack, [path for tier in reversed(self._tiers) for path in tier])
        return heapq.merge(*runs, iter(self._buffer), key=_line)

    def discard(self) -> None:
        for runs in self._tiers:
            self._remove(runs)
        self._buffer.clear()
        self.count = 0

    @staticmethod
    def _remove(paths: list[str]) -> None:
        for path in paths:
            with contextlib.suppress(OSError):
                os.unlink(path)
        paths.clear()


def _line(row: _Reject) -> int:
    return row[0]


def _open_runs(stack: contextlib.ExitStack, paths: list[str]) -> list[Iterator[_Reject]]:
    return [_read_run(stack.enter_context(open(path, "rb"))) for path in paths]


def _read_run(handle: Any) -> Iterator[_Reject]:
    unpickler = pickle.Unpickler(handle)
    while True:
        try:
            row: _Reject = unpickler.load()
        except EOFError:
            return
        yield row


class Rejects:
    """Rejected rows, sorted by line and written by ``write`` (only when there are any).

    ``columns`` is the input's CSV header; None means JSON Lines input.
    ``add(..., unfinished=True)`` notes a row that was not refused but not
    done either (unknown, not attempted): ``write`` includes those only when
    asked, since an interrupted run leaves them to a ``--journal`` resume.
    """

    def __init__(self, path: Path, columns: Sequence[str] | None) -> None:
        self.path = path
        self.columns = list(columns) if columns is not None else None
        directory = path.absolute().parent
        self._refused = _Runs(directory)
        self._unfinished = _Runs(directory)

    def __len__(self) -> int:
        return self._refused.count + self._unfinished.count

    def add(
        self, line: int, reason: str, values: dict[str, Any] | str, *, unfinished: bool = False
    ) -> None:
        """Note a rejected row: its values (CSV) or text or values (JSON Lines)."""
        (self._unfinished if unfinished else self._refused).add((line, reason, values))

    def write(self, *, unfinished: bool = True) -> int:
        """Write the file, replacing an earlier run's; none when no row was rejected.

        Returns the row count. A resumed run thus never leaves the rejects of
        the run it resumes behind. ``unfinished=False`` leaves out the rows
        added as unfinished. The spilled runs are removed either way.
        """
        parts = [self._refused, self._unfinished] if unfinished else [self._refused]
        count = sum(part.count for part in parts)
        try:
            if not count:
                self.path.unlink(missing_ok=True)
                return 0
            with contextlib.ExitStack() as stack:
                rows = heapq.merge(*(part.merged(stack) for part in parts), key=_line)
                with open(self.path, "w", newline="", encoding="utf-8") as handle:
                    self._write(handle, rows)
            return count
        finally:
            self.discard()

    def discard(self) -> None:
        """Drop every noted row and remove the spilled runs (nothing is written)."""
        self._refused.discard()
        self._unfinished.discard()

    def _write(self, handle: TextIO, rows: Iterator[_Reject]) -> None:
        writer = csv.writer(handle)
        if self.columns is None:
            writer.writerow(["line", "reason", "record"])
            for line, reason, values in rows:
                text = values if isinstance(values, str) else _json(values)
                writer.writerow([line, reason, text])
            return
        writer.writerow(["line", "reason", *self.columns])
        columns = self.columns
        for line, reason, values in rows:
            cells = values if isinstance(values, dict) else {}
            writer.writerow([line, reason, *(_cell(cells.get(c)) for c in columns)])
