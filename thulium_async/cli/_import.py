"""``thulium records import FILE --campaign ID``: a CSV or JSON Lines file into a campaign."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
from rich.markup import escape

from .._client import Client
from .._config import RateLimit
from ..bulk import BulkReport, ItemResult, Outcome
from ..errors import InputError
from ..models import CampaignStatus
from ..resources._record_inputs import (
    encode_new_crm_record,
    encode_new_record,
    require_status_fields,
)
from ._connect import check_campaign, open_client
from ._console import err, new_progress, out
from ._errors import FAILED, USAGE, CliError
from ._items import RowItems, item_values, names_no_column
from ._lines import LineMap
from ._options import Connection
from ._rejects import Rejects
from ._rows import BadRow, FileFormat, Row, RowFile, count_lines
from ._summary import BulkBar, add_task, report_table

__all__ = ["ImportJob", "dry_run", "run_import"]


@attrs.frozen(kw_only=True)
class ImportJob:
    """What to import where, and how."""

    file: Path
    fmt: FileFormat
    campaign_id: str
    crm: bool
    rejects: Path
    concurrency: int
    rate: float | None
    journal: Path | None
    batch: bool
    update_repeats: bool = False


class _Reader:
    """The file's rows as ``(campaign_id, item)`` pairs; unreadable rows go to rejects.

    ``lines[i]`` is the file line of the i-th item, to place failures in the
    file. Failures stream to the rejects spool as the run settles them
    (``reject``, the run's ``on_failure``), so none is held in memory.
    """

    def __init__(self, job: ImportJob) -> None:
        lines = count_lines(job.file)
        self._file = RowFile(job.file, job.fmt)
        self.header = self._file.header
        if names_no_column(self.header):
            self._file.close()
            names = escape(", ".join(self.header or ()))
            raise CliError(
                f"{job.file.name}: the first line ({names}) names no known column such as"
                " phone_number or customer_id: is the header line missing?",
                USAGE,
            )
        self.rejects = Rejects(job.rejects, self.header)
        self.items = RowItems(crm=job.crm)
        self.lines = LineMap()
        self.unreadable = 0
        self.estimate = max(0, lines - (self.header is not None)) or None
        self._campaign_id = job.campaign_id

    def __enter__(self) -> _Reader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._file.close()
        self.rejects.discard()  # spilled rows not written by ``finish`` (an error)

    def rows(self) -> Iterator[Row]:
        """The readable rows; the others go to the rejects."""
        for row in self._file:
            if isinstance(row, BadRow):
                self.unreadable += 1
                self.rejects.add(row.line, row.reason, row.values or row.text)
            else:
                yield row

    def pairs(self) -> Iterator[tuple[str, Any]]:
        """``(campaign_id, item)`` for ``client.bulk``."""
        for row in self.rows():
            self.lines.append(row.line)
            yield self._campaign_id, self.items.item(row.values)

    def reject(self, result: ItemResult) -> None:
        """An item the run did not settle well (``on_failure``), placed at its line.

        Unknown and not-attempted rows are noted apart: an interrupted run
        leaves them to a ``--journal`` resume instead of the rejects file.
        """
        reason = result.error or result.outcome.value
        if result.outcome is Outcome.REPEATED and result.repeats is not None:
            reason = f"repeats line {self.lines[result.repeats]}"
        elif result.outcome not in (Outcome.FAILED, Outcome.REPEATED):
            reason = f"{result.outcome.value}: {reason}"
        self.rejects.add(
            self.lines[result.index],
            reason,
            item_values(result.item, self.header),
            unfinished=result.outcome in (Outcome.UNKNOWN, Outcome.NOT_ATTEMPTED),
        )

    def finish(self, *, interrupted: bool = False) -> None:
        """Write the rejects file and say where it is (refused rows only if ``interrupted``)."""
        written = self.rejects.write(unfinished=not interrupted)
        if written:
            where = escape(str(self.rejects.path))
            out.print(f"{written:,} rejected rows (with the reason) written to {where}")
        if self.items.ignored:
            names = escape(", ".join(sorted(self.items.ignored)))
            err.print(f"note: columns ignored (a CRM record has no place for them): {names}")


async def run_import(job: ImportJob, settings: Connection) -> int:
    """Load the file through ``client.bulk.create_records``; the exit code (1: rows failed)."""
    limit = RateLimit(per_second=job.rate, max_concurrency=job.concurrency)
    with _Reader(job) as reader:
        async with open_client(settings, rate_limit=limit) as client:
            await check_campaign(client, job.campaign_id, crm=job.crm)
            live: list[BulkReport] = []
            try:
                report = await _load(client, job, reader, live)
            except BaseException:  # also Ctrl-C: the table, and the rows refused so far
                if live:
                    _finish(job, reader, live[0], interrupted=True)
                raise
        _finish(job, reader, report, interrupted=False)
    return 0 if report.ok and not reader.unreadable else FAILED


def _finish(job: ImportJob, reader: _Reader, report: BulkReport, *, interrupted: bool) -> None:
    verb = "Interrupted importing" if interrupted else "Imported"
    title = f"{verb} {job.file.name} into campaign {job.campaign_id}"
    out.print(report_table(title, report, rejected_before=reader.unreadable))
    reader.finish(interrupted=interrupted)


async def _load(
    client: Client, job: ImportJob, reader: _Reader, live: list[BulkReport]
) -> BulkReport:
    # The progress display closes before anything else is printed, so the
    # summary (or Ctrl-C's message) starts on a line of its own; ``live`` hands
    # the run's report out for that.
    with new_progress() as progress:
        name = f"Importing {job.file.name}"
        bar = BulkBar(progress, name, reader.estimate, lambda: reader.unreadable)
        run = client.bulk.create_records(
            reader.pairs(),
            concurrency=job.concurrency,
            batch=job.batch,
            journal=job.journal,
            on_progress=bar,
            on_repeat="update" if job.update_repeats else "reject",
            on_failure=reader.reject,
            keep_failures=0,  # every failure streams to the rejects spool instead
        )
        live.append(run.report)
        report = await run
        bar.finish(report)
        return report


async def dry_run(job: ImportJob, settings: Connection) -> int:
    """Check every row as the library would before sending it; nothing is written.

    With connection settings (or ``--fake``) the campaign's statuses are looked
    up once (one GET), so unknown status ids and the MY_RECORD /
    CALL_NO_SOONER_THAN rules are checked too; without them only the offline
    rules are, and the summary says so.
    """
    encode = encode_new_crm_record if job.crm else encode_new_record
    statuses = await _statuses(job, settings)
    valid = 0
    with _Reader(job) as reader:
        with new_progress() as progress:
            task = add_task(progress, f"Checking {job.file.name}", reader.estimate)
            for row in reader.rows():
                item = reader.items.item(row.values)
                try:
                    body = encode(item, dt.UTC)
                    if statuses is not None:
                        require_status_fields(body, statuses)
                except InputError as error:
                    reader.rejects.add(row.line, str(error), item_values(item, reader.header))
                else:
                    valid += 1
                if (valid + len(reader.rejects)) % 1000 == 0:
                    progress.update(task, completed=valid + len(reader.rejects))
            done = valid + len(reader.rejects)
            progress.update(task, completed=done, total=done)
        invalid = len(reader.rejects)
        reader.finish()
    checked = (
        f"checked against the campaign's {len(statuses)} statuses (1 request)"
        if statuses is not None
        else "offline rules only: no connection settings, statuses not looked up"
    )
    out.print(
        f"dry run of {escape(job.file.name)}: {done:,} rows, {valid:,} valid, "
        + (f"[red]{invalid:,} invalid[/red]" if invalid else "0 invalid")
        + f"; {checked}; nothing was written"
    )
    return FAILED if invalid else 0


async def _statuses(job: ImportJob, settings: Connection) -> list[CampaignStatus] | None:
    """The campaign's statuses for a dry run; None when there is nowhere to ask."""
    if not settings.fake and not (settings.base_url and settings.user and settings.password):
        return None
    async with open_client(settings) as client:
        return await client.outbounds.statuses.list(job.campaign_id)
