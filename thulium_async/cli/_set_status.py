"""``thulium records set-status --campaign ID --status-id N FILE``: bulk status edits.

FILE holds one phone number (or identifier, or customer id) per line, or is
a CSV whose header names a ``phone_number``, ``identifier`` or
``customer_id`` column.
"""

from __future__ import annotations

import csv
import enum
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import attrs
from rich.markup import escape

from ..bulk import ItemResult
from ..models import RecordUpdate
from ._connect import check_campaign, open_client
from ._console import new_progress, out
from ._errors import FAILED, USAGE, CliError
from ._items import item_values
from ._lines import LineMap
from ._options import Connection
from ._rejects import Rejects
from ._rows import count_lines, sniff
from ._summary import BulkBar, report_table

__all__ = ["Key", "StatusJob", "read_keys", "run_set_status"]


class Key(str, enum.Enum):
    """What the file's values name records by."""

    phone_number = "phone_number"
    identifier = "identifier"
    customer_id = "customer_id"


@attrs.frozen(kw_only=True)
class StatusJob:
    """Which records get which status."""

    file: Path
    campaign_id: str
    status_id: int
    by: Key | None
    agent_login: str | None
    next_call_date: str | None
    rejects: Path
    concurrency: int


def _first_line(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for line in handle:
            if line.strip() and not line.lstrip().startswith("#"):
                return line
    raise CliError(f"{path}: no values in the file", USAGE)


def read_keys(path: Path, by: Key | None) -> tuple[Key, Generator[tuple[int, str], None, None]]:
    """The key kind and ``(line, value)`` pairs of the file, read lazily."""
    first = _first_line(path)
    delimiter = sniff(first)
    header = [cell.strip() for cell in next(csv.reader([first], delimiter=delimiter))]
    named = [Key(cell) for cell in header if cell in Key.__members__]
    if not named and len(header) == 1:
        return by or Key.phone_number, _plain(path)
    if by is None and len(named) > 1:
        choices = "|".join(key.value for key in named)
        raise CliError(f"{path}: which column names the records? --by {choices}", USAGE)
    key = by or (named[0] if named else Key.phone_number)
    if key.value not in header:
        raise CliError(f"{path}: no {key.value} column (columns: {', '.join(header)})", USAGE)
    return key, _csv_column(path, key.value, delimiter)


def _plain(path: Path) -> Generator[tuple[int, str], None, None]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            value = line.strip()
            if value and not value.startswith("#"):
                yield number, value


def _csv_column(path: Path, column: str, delimiter: str) -> Generator[tuple[int, str], None, None]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter, restval="")
        reader.fieldnames = [name.strip() for name in reader.fieldnames or ()]
        for values in reader:
            value = (values.get(column) or "").strip()
            if value:
                yield reader.line_num, value


def _update(job: StatusJob, key: Key, value: str) -> RecordUpdate:
    named: Any = int(value) if key is Key.customer_id and value.isdigit() else value
    return RecordUpdate(
        status_id=job.status_id,
        agent_login=job.agent_login,
        next_call_date=job.next_call_date,
        **{key.value: named},
    )


async def run_set_status(job: StatusJob, settings: Connection) -> int:
    """Give the named records the status through ``client.bulk.update_records``."""
    key, values = read_keys(job.file, job.by)
    lines = LineMap()

    def pairs() -> Iterator[tuple[str, RecordUpdate]]:
        for line, value in values:
            lines.append(line)
            yield job.campaign_id, _update(job, key, value)

    try:
        return await _apply(job, key, pairs(), lines, settings)
    finally:
        values.close()


async def _apply(
    job: StatusJob,
    key: Key,
    pairs: Iterator[tuple[str, RecordUpdate]],
    lines: LineMap,
    settings: Connection,
) -> int:
    async with open_client(settings) as client:
        await check_campaign(client, job.campaign_id, crm=key is Key.customer_id)
        statuses = await client.outbounds.statuses.list(job.campaign_id)
        if job.status_id not in {status.status_id for status in statuses}:
            known = ", ".join(f"{s.status_id} ({s.name})" for s in statuses)
            raise CliError(
                f"campaign {job.campaign_id} has no status {job.status_id}; its statuses: {known}",
                USAGE,
            )
        rejects = Rejects(job.rejects, [key.value])

        def reject(result: ItemResult) -> None:
            reason = result.error or result.outcome.value
            rejects.add(lines[result.index], reason, item_values(result.item, [key.value]))

        with new_progress() as progress:
            bar = BulkBar(progress, "Setting statuses", count_lines(job.file) or None)
            run = client.bulk.update_records(
                pairs,
                concurrency=job.concurrency,
                on_progress=bar,
                on_failure=reject,
                keep_failures=0,  # every failure streams to the rejects spool instead
            )
            try:
                report = await run
                bar.finish(report)
            finally:
                written = rejects.write()
    out.print(report_table(f"Status {job.status_id} in campaign {job.campaign_id}", report))
    if written:
        out.print(
            f"{written:,} rejected rows (with the reason) written to {escape(str(job.rejects))}"
        )
    return 0 if report.ok else FAILED
