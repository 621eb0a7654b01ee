"""``thulium demo``: the main job end to end, on a fake Thulium served on 127.0.0.1.

Creates campaigns, loads records into all of them at once, edits statuses in
bulk, pages every campaign back concurrently into one CSV, checks that each
record is stored exactly once, and prints what it cost. It goes through the
public client API only, over real HTTP, with latency and a few faults.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import anyio
import typer
from rich.markup import escape
from rich.progress import Progress

from .._client import Client
from .._config import RateLimit
from ..models import SystemStatus
from ._console import new_progress, out
from ._demo_plan import EDIT_EVERY, DemoPlan, NewRecords, StatusEdits, fault_plan
from ._demo_view import Phase, Stats, Verdict, faults_line, phases_table
from ._errors import FAILED, require, run
from ._options import Connection
from ._rows import FileFormat
from ._summary import BulkBar, add_task, advance
from ._writers import RecordWriter, output_file

__all__ = ["demo", "run_demo"]

STATUS = SystemStatus.NO_CALL  # the status the demo's bulk edit gives


def _transport(concurrency: int) -> Any:
    # aiohttp (the ``aiohttp`` extra) costs less CPU per request; httpx2 otherwise.
    if importlib.util.find_spec("aiohttp") is None:
        return None
    from .._transport._aiohttp import AiohttpTransport

    return AiohttpTransport(max_connections=concurrency)


class _Demo:
    """The demo's state between phases."""

    def __init__(self, plan: DemoPlan, client: Client, progress: Progress) -> None:
        self.plan = plan
        self.client = client
        self.progress = progress
        self.phases: list[Phase] = []
        self.ids: list[str] = []
        self.targets: dict[str, int] = {}
        self.status_name = ""

    def phase(
        self,
        name: str,
        items: int,
        started: float,
        before: Stats,
        failed: int,
        unit: str = "records",
    ) -> None:
        seconds = time.perf_counter() - started
        stats = Stats.of(self.client) - before
        self.phases.append(
            Phase(name=name, items=items, unit=unit, seconds=seconds, stats=stats, failed=failed)
        )

    async def create_campaigns(self) -> None:
        started, before = time.perf_counter(), Stats.of(self.client)
        task = add_task(self.progress, "Creating campaigns", self.plan.campaigns)
        created: dict[int, str] = {}

        async def create(index: int) -> None:
            campaign = await self.client.outbounds.create(
                name=f"Demo campaign {index + 1}", dialer="preview", crm=False
            )
            statuses = await self.client.outbounds.statuses.list(campaign.id)
            target = next(s for s in statuses if s.system_status is STATUS)
            created[index] = campaign.id
            self.targets[campaign.id] = target.status_id
            self.status_name = target.name or str(target.status_id)
            advance(self.progress, task, 1)

        async with anyio.create_task_group() as group:
            for index in range(self.plan.campaigns):
                group.start_soon(create, index)
        self.ids = [created[index] for index in range(self.plan.campaigns)]
        self.phase("Create", len(self.ids), started, before, 0, unit="campaigns")

    async def load(self) -> None:
        started, before = time.perf_counter(), Stats.of(self.client)
        items = {
            cid: NewRecords(self.plan.first_number(i), size)
            for i, (cid, size) in enumerate(zip(self.ids, self.plan.sizes(), strict=True))
        }
        bar = BulkBar(self.progress, "Loading records", self.plan.records)
        report = await self.client.bulk.create_records(
            items, concurrency=self.plan.concurrency, on_progress=bar
        )
        bar.finish(report)
        failed = report.total - report.succeeded
        self.phase("Load", report.total, started, before, failed)

    async def edit(self) -> int:
        started, before = time.perf_counter(), Stats.of(self.client)
        items = {
            cid: StatusEdits(self.plan.first_number(i), size, self.targets[cid])
            for i, (cid, size) in enumerate(zip(self.ids, self.plan.sizes(), strict=True))
        }
        total = sum(len(edits) for edits in items.values())
        bar = BulkBar(self.progress, f"Status -> {self.status_name}", total)
        report = await self.client.bulk.update_records(
            items, concurrency=self.plan.concurrency, on_progress=bar
        )
        bar.finish(report)
        failed = report.total - report.succeeded
        self.phase("Edit", report.total, started, before, failed)
        return total

    async def export(self, path: Path) -> Counter[str]:
        """Every campaign paged back at once into one CSV, checked as the pages arrive.

        Counts rows, missing and duplicated numbers, records with the new status
        and records whose status is not the one the edit planned for them.
        """
        started, before = time.perf_counter(), Stats.of(self.client)
        seen_all: Counter[str] = Counter()
        with output_file(path) as handle:
            writer = RecordWriter(handle, FileFormat.csv, crm=False, campaign_column=True)

            async def pull(index: int, cid: str) -> None:
                first, size = self.plan.first_number(index), self.plan.sizes()[index]
                pager = self.client.outbounds.records.list(cid)
                task = add_task(self.progress, f"Exporting {cid}", await pager.count())
                seen: set[int] = set()
                async for page in pager.pages():
                    writer.write(page.items, cid)
                    for record in page.items:
                        number = int(record.phone_number)
                        seen_all["duplicated"] += number in seen
                        seen.add(number)
                        moved = record.status_id == self.targets[cid]
                        seen_all["edited"] += moved
                        seen_all["wrong_status"] += moved != ((number - first) % EDIT_EVERY == 0)
                    advance(self.progress, task, len(page.items))
                seen_all["missing"] += len(set(range(first, first + size)) - seen)

            async with anyio.create_task_group() as group:
                for index, cid in enumerate(self.ids):
                    group.start_soon(pull, index, cid)
            writer.close()
        self.phase("Export", writer.count, started, before, 0)
        seen_all["rows"] = writer.count
        return seen_all


async def run_demo(plan: DemoPlan) -> int:
    """Run the demo; 0 when every record was stored and exported exactly once."""
    from thulium_async.testing import FakeThulium

    output_dir = plan.output_dir or Path(tempfile.mkdtemp(prefix="thulium-demo-"))
    output_dir.mkdir(parents=True, exist_ok=True)
    csv_path = output_dir / "records.csv"
    fake = FakeThulium(seed=plan.seed, keep_requests=0)
    fake.faults = fault_plan(plan)
    started = time.perf_counter()
    async with fake.serve() as base_url:
        out.print(
            f"[bold]thulium demo[/bold]: {plan.records:,} records into {plan.campaigns} campaigns "
            f"on a fake Thulium at {escape(base_url)} (latency ~{plan.latency * 1000:.0f} ms, "
            f"faults {'on' if plan.faults else 'off'}, seed {plan.seed})"
        )
        limit = RateLimit(max_concurrency=plan.concurrency)
        async with Client(
            base_url,
            auth=(fake.username, fake.password),
            rate_limit=limit,
            transport=_transport(plan.concurrency),
        ) as client:
            with new_progress() as progress:
                demo = _Demo(plan, client, progress)
                await demo.create_campaigns()
                await demo.load()
                planned_edits = await demo.edit()
                found = await demo.export(csv_path)
        stored = sum(len(fake.records(cid)) for cid in demo.ids)
    elapsed = time.perf_counter() - started
    verdict = Verdict(
        expected=plan.records,
        stored=stored,
        exported=found["rows"],
        missing=found["missing"],
        duplicated=found["duplicated"],
        edited_expected=planned_edits,
        edited_found=found["edited"],
        wrong_status=found["wrong_status"],
    )
    out.print(phases_table(demo.phases, elapsed))
    out.print(f"Faults the fake injected: {faults_line(Counter(fake.counters.faults))}")
    for line in verdict.lines():
        out.print(line)
    out.print(f"CSV export: {escape(str(csv_path))} ({found['rows']:,} rows){_fate(plan)}")
    if not plan.keeps_export:
        _discard(csv_path, temporary=plan.output_dir is None)
    failed = sum(phase.failed for phase in demo.phases)
    return 0 if verdict.ok and not failed else FAILED


def _fate(plan: DemoPlan) -> str:
    if plan.keeps_export:
        return ", kept (--no-keep deletes it)" if plan.output_dir is None else ""
    return ", deleted now (--keep keeps it)"


def _discard(csv_path: Path, *, temporary: bool) -> None:
    # A temp dir is the demo's own: remove it whole, so runs leave nothing in /tmp.
    if temporary:
        shutil.rmtree(csv_path.parent, ignore_errors=True)
    else:
        csv_path.unlink(missing_ok=True)


def demo(
    ctx: typer.Context,
    records: Annotated[
        int, typer.Option(min=1, help="Records in all (split over campaigns).")
    ] = 30_000,
    campaigns: Annotated[int, typer.Option(min=1, max=50, help="Campaigns to create.")] = 5,
    latency: Annotated[
        float, typer.Option(min=0.0, help="Mean seconds the fake takes per answer (± 25 %).")
    ] = 0.02,
    no_faults: Annotated[
        bool, typer.Option("--no-faults", help="No 503s, 429s or dropped connections.")
    ] = False,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            file_okay=False,
            help="Where the CSV goes (default: a new temp dir).",
            show_default=False,
        ),
    ] = None,
    keep: Annotated[
        bool | None,
        typer.Option(
            "--keep/--no-keep",
            help="Keep the CSV after the run (default: kept in --output-dir, "
            "deleted from the temp dir).",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the phone numbers and faults.")] = 0,
    concurrency: Annotated[
        int, typer.Option(min=1, max=256, help="Requests in flight at most.")
    ] = 32,
) -> None:
    """The main job end to end on an embedded fake: create, load, edit, export, verify.

    Serves a fake Thulium on 127.0.0.1 with latency and a few faults (503s, 429s,
    connections dropped after the change was applied), creates campaigns, loads
    records into all of them at once, gives every fifth record the "Do not call"
    status, pages every campaign back into one CSV, checks that every record is
    stored exactly once and prints what it cost. Exit code 0 when every check passes.
    """
    require("uvicorn", "cli,testing", "thulium demo (a fake served over HTTP)")
    root = ctx.find_root().obj
    verbose = isinstance(root, Connection) and root.verbose
    plan = DemoPlan(
        records=records,
        campaigns=campaigns,
        latency=latency,
        faults=not no_faults,
        output_dir=output_dir,
        seed=seed,
        concurrency=concurrency,
        keep=keep,
    )
    raise typer.Exit(run(run_demo(plan), verbose=verbose))
