"""``thulium records export --campaign ID --output FILE``: a campaign's records to a file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import attrs
from rich.markup import escape

from ..models import SystemStatus
from ._connect import check_campaign, open_client
from ._console import err, new_progress
from ._options import Connection
from ._rows import FileFormat
from ._summary import add_task
from ._writers import RecordWriter, output_file

__all__ = ["ExportJob", "run_export"]


@attrs.frozen(kw_only=True)
class ExportJob:
    """What to export, filtered how, to where."""

    campaign_id: str
    output: Path
    fmt: FileFormat
    crm: bool
    system_status: list[SystemStatus]
    status_id: list[int]
    dates: dict[str, str]
    concurrency: int


def _pager(client: Any, job: ExportJob) -> Any:
    resource = client.crm_outbounds.records if job.crm else client.outbounds.records
    return resource.list(
        job.campaign_id,
        system_status=job.system_status or None,
        status_id=job.status_id or None,
        concurrency=job.concurrency,
        **job.dates,
    )


async def run_export(job: ExportJob, settings: Connection) -> int:
    """Page through the campaign's records (``concurrency`` pages at a time) into the file."""
    started = time.perf_counter()
    async with open_client(settings) as client:
        await check_campaign(client, job.campaign_id, crm=job.crm)
        pager = _pager(client, job)
        total = await pager.count()
        with output_file(job.output) as handle, new_progress() as progress:
            writer = RecordWriter(handle, job.fmt, crm=job.crm)
            task = add_task(progress, f"Exporting {job.campaign_id}", total)
            async for page in pager.pages():
                writer.write(page.items)
                rate = writer.count / max(time.perf_counter() - started, 1e-9)
                progress.update(task, completed=writer.count, rate=f"{rate:,.0f}/s")
            writer.close()
            progress.update(task, total=writer.count)
    elapsed = time.perf_counter() - started
    if pager.drift is not None:
        before, after = pager.drift
        err.print(
            f"note: the campaign changed during the export ({before:,} records at the start, "
            f"{after:,} later): records may be missing or repeated"
        )
    if writer.dropped:
        err.print(
            f"note: record fields without a column: {escape(', '.join(sorted(writer.dropped)))}"
        )
    where = "stdout" if str(job.output) == "-" else escape(str(job.output))
    err.print(
        f"exported {writer.count:,} records of campaign {job.campaign_id} to {where} "
        f"in {elapsed:.1f} s ({writer.count / max(elapsed, 1e-9):,.0f}/s)"
    )
    return 0
