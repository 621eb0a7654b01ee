"""Reading CSV and JSON Lines files one row at a time (a file is never loaded whole)."""

from __future__ import annotations

import csv
import enum
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs
import orjson

from ._errors import USAGE, CliError

__all__ = ["BadRow", "FileFormat", "Row", "RowFile", "count_lines", "file_format", "sniff"]


class FileFormat(str, enum.Enum):
    """A record file's format."""

    csv = "csv"
    jsonl = "jsonl"


@attrs.frozen
class Row:
    """One record of the file: its line number and values (CSV: strings)."""

    line: int
    values: dict[str, Any]


@attrs.frozen
class BadRow:
    """A line that is no record: why, and its text (JSONL) or values (CSV)."""

    line: int
    reason: str
    values: dict[str, Any] = attrs.field(factory=dict)
    text: str = ""


def file_format(path: Path, given: FileFormat | None) -> FileFormat:
    """The format asked for, else by extension: .jsonl/.ndjson are JSON Lines, others CSV."""
    if given is not None:
        return given
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return FileFormat.jsonl
    return FileFormat.csv


def count_lines(path: Path) -> int:
    """Newlines in the file (an upper bound on its records), read in 1 MiB blocks."""
    total = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            total += block.count(b"\n")
            last = block[-1:]
    return total + (last != b"\n")


def sniff(header: str) -> str:
    """The delimiter of a CSV header line: the most frequent of , ; and tab."""
    return max((",", ";", "\t"), key=header.count) if header else ","


def _csv_header(handle: TextIO, path: Path) -> tuple[csv.DictReader[str], list[str]]:
    first = handle.readline()
    handle.seek(0)
    reader = csv.DictReader(handle, delimiter=sniff(first), restval="")
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not any(header):
        raise CliError(f"{path}: no header line (column names) found", USAGE)
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise CliError(f"{path}: columns appear twice: {', '.join(duplicates)}", USAGE)
    reader.fieldnames = header
    return reader, header


class RowFile:
    """An open record file: ``header`` (CSV; None for JSON Lines) and its rows, lazily.

    Blank lines are skipped; a CSV row with more values than columns and a
    JSON line that is not an object are BadRows, not errors of the whole file.
    Use it as a context manager: the file is closed on leaving.
    """

    def __init__(self, path: Path, fmt: FileFormat) -> None:
        self.path = path
        try:
            self._handle: TextIO = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
        except OSError as error:
            raise CliError(f"{path}: {error.strerror or error}", USAGE) from None
        self.header: list[str] | None = None
        self._reader: csv.DictReader[str] | None = None
        if fmt is FileFormat.csv:
            try:
                self._reader, self.header = _csv_header(self._handle, path)
            except UnicodeDecodeError as error:
                self.close()
                raise CliError(f"{path}: not UTF-8 text ({error.reason})", USAGE) from None
            except BaseException:
                self.close()
                raise

    def __enter__(self) -> RowFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._handle.close()

    def __iter__(self) -> Iterator[Row | BadRow]:
        try:
            if self._reader is None:
                yield from _jsonl(self._handle)
            else:
                yield from _csv_rows(self._reader)
        except (csv.Error, UnicodeDecodeError) as error:
            reason = error.reason if isinstance(error, UnicodeDecodeError) else str(error)
            raise CliError(f"{self.path}: {reason}", USAGE) from None


def _csv_rows(reader: csv.DictReader[str]) -> Iterator[Row | BadRow]:
    for values in reader:
        line = reader.line_num
        extra = values.pop(None, None)
        values.pop("", None)
        if extra is not None:
            columns = len(reader.fieldnames or ())
            reason = f"{columns + len(extra)} values for {columns} columns"
            yield BadRow(line, reason, values=values)
        elif any(value.strip() for value in values.values()):
            yield Row(line, values)


def _jsonl(handle: TextIO) -> Iterator[Row | BadRow]:
    for number, text in enumerate(handle, start=1):
        stripped = text.strip()
        if not stripped:
            continue
        try:
            value = orjson.loads(stripped)
        except orjson.JSONDecodeError as error:
            yield BadRow(number, f"not valid JSON ({error.msg})", text=stripped)
            continue
        if not isinstance(value, dict):
            yield BadRow(number, "expected a JSON object", text=stripped)
            continue
        yield Row(number, value)
