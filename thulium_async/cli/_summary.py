"""Progress bars fed by ``client.bulk``'s ``on_progress``, and the end-of-run summary table."""

from __future__ import annotations

from collections.abc import Callable

from rich.markup import escape
from rich.progress import Progress, TaskID
from rich.table import Table

from ..bulk import BulkReport, Outcome
from ..bulk import Progress as BulkProgress

__all__ = ["BulkBar", "add_task", "advance", "report_table"]


def add_task(progress: Progress, description: str, total: int | None) -> TaskID:
    """A bar with an (initially empty) rate field."""
    return progress.add_task(escape(description), total=total, rate="")


def advance(progress: Progress, task: TaskID, items: int) -> None:
    """Move a bar by ``items`` and show its rate since the bar started."""
    progress.advance(task, items)
    state = progress.tasks[task]
    elapsed = state.elapsed or 0.0
    if elapsed > 0:
        progress.update(task, rate=f"{state.completed / elapsed:,.0f}/s")


class BulkBar:
    """An ``on_progress`` callback that moves one bar.

    ``before`` counts rows settled outside the bulk call (unreadable lines),
    so the bar matches the file.
    """

    def __init__(
        self,
        progress: Progress,
        description: str,
        total: int | None,
        before: Callable[[], int] = lambda: 0,
    ) -> None:
        self._progress = progress
        self._before = before
        self.task = add_task(progress, description, total)

    def __call__(self, snapshot: BulkProgress) -> None:
        failed = snapshot.failed + self._before()
        rate = f"{snapshot.rate:,.0f}/s" + (f" [red]{failed:,} failed[/red]" if failed else "")
        self._progress.update(self.task, completed=snapshot.done + self._before(), rate=rate)

    def finish(self, report: BulkReport) -> None:
        """Show the final count (also when the total was only an estimate)."""
        done = report.succeeded + report.failed + report.skipped + self._before()
        self._progress.update(self.task, completed=done, total=done)


def report_table(title: str, report: BulkReport, *, rejected_before: int = 0) -> Table:
    """A bulk run in rows: outcomes, time, rate and the client's request counters."""
    table = Table(title=escape(title), title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("rows read", f"{report.total + rejected_before:,}")
    for outcome in Outcome:
        if outcome.succeeded and report.counts[outcome]:
            table.add_row(outcome.value.replace("_", " "), f"{report.counts[outcome]:,}")
    if report.skipped:
        table.add_row("skipped (done by an earlier run)", f"{report.skipped:,}")
    rejected = report.failed + report.repeated + rejected_before
    table.add_row("rejected", f"[red]{rejected:,}[/red]" if rejected else "0")
    if report.unknown or report.not_attempted:
        table.add_row("unknown (may have been applied)", f"{report.unknown:,}")
        table.add_row("not attempted", f"{report.not_attempted:,}")
    table.add_row("time", f"{report.elapsed:.1f} s")
    table.add_row("rate", f"{report.throughput:,.0f} rows/s")
    table.add_row(
        "requests / retries / 429s",
        f"{report.requests:,} / {report.retries:,} / {report.throttled:,}",
    )
    return table
