"""What the demo shows at the end: the phases table, the faults met and the checks."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs
from rich.table import Table

__all__ = ["Phase", "Stats", "Verdict", "faults_line", "phases_table"]


@attrs.frozen
class Stats:
    """The client's request counters at one moment."""

    requests: int
    retries: int
    throttled: int

    @classmethod
    def of(cls, client: Any) -> Stats:
        """A snapshot of ``client.stats``."""
        stats = client.stats
        return cls(stats.requests, stats.retries, stats.throttled)

    def __sub__(self, other: Stats) -> Stats:
        return Stats(
            self.requests - other.requests,
            self.retries - other.retries,
            self.throttled - other.throttled,
        )


@attrs.frozen(kw_only=True)
class Phase:
    """One step of the demo: what it handled, how long it took, what it cost."""

    name: str
    items: int
    seconds: float
    unit: str = "records"
    stats: Stats
    failed: int = 0


@attrs.frozen(kw_only=True)
class Verdict:
    """The export compared with what was loaded and edited."""

    expected: int
    stored: int
    exported: int
    missing: int
    duplicated: int
    edited_expected: int
    edited_found: int
    wrong_status: int = 0

    @property
    def ok(self) -> bool:
        """Every record stored and exported exactly once, every edit in place."""
        return (
            self.stored == self.exported == self.expected
            and not self.missing
            and not self.duplicated
            and self.edited_found == self.edited_expected
            and not self.wrong_status
        )

    def lines(self) -> list[str]:
        """The checks, one per line, with a mark."""
        stored = (
            self.stored == self.exported == self.expected
            and not self.missing
            and not self.duplicated
        )
        edited = self.edited_found == self.edited_expected and not self.wrong_status
        return [
            f"{_mark(stored)} {self.expected:,} records loaded, {self.stored:,} stored on the "
            f"server, {self.exported:,} exported: {self.missing:,} missing, "
            f"{self.duplicated:,} duplicated",
            f"{_mark(edited)} {self.edited_found:,} of {self.edited_expected:,} edited records "
            f"carry the new status; {self.wrong_status:,} records in the wrong status",
        ]


def _mark(ok: bool) -> str:
    return "[green]✓[/green]" if ok else "[red]✗[/red]"


def phases_table(phases: list[Phase], total_seconds: float) -> Table:
    """One row per phase and a total row."""
    table = Table(title="Summary", title_justify="left")
    for name, justify in (
        ("Phase", "left"),
        ("Items", "right"),
        ("Time", "right"),
        ("Rate/s", "right"),
        ("Requests", "right"),
        ("Retries", "right"),
        ("429s", "right"),
        ("Failed", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for phase in phases:
        rate = phase.items / phase.seconds if phase.seconds > 0 else 0.0
        table.add_row(
            phase.name,
            f"{phase.items:,} {phase.unit}",
            f"{phase.seconds:.1f} s",
            f"{rate:,.0f}",
            f"{phase.stats.requests:,}",
            f"{phase.stats.retries:,}",
            f"{phase.stats.throttled:,}",
            f"[red]{phase.failed:,}[/red]" if phase.failed else "0",
        )
    total = Stats(
        sum(p.stats.requests for p in phases),
        sum(p.stats.retries for p in phases),
        sum(p.stats.throttled for p in phases),
    )
    table.add_section()
    table.add_row(
        "[bold]Total[/bold]",
        "",
        f"[bold]{total_seconds:.1f} s[/bold]",
        "",
        f"{total.requests:,}",
        f"{total.retries:,}",
        f"{total.throttled:,}",
        f"{sum(p.failed for p in phases):,}",
    )
    return table


_FAULT_NAMES = {
    "SERVER_ERROR_500": "500",
    "SERVER_ERROR_502": "502",
    "SERVER_ERROR_503": "503",
    "TOO_MANY_REQUESTS_429": "429",
    "DROP_BEFORE_COMMIT": "connection dropped before the change",
    "DROP_AFTER_COMMIT": "connection dropped after the change was applied",
}


def faults_line(faults: Counter[Any]) -> str:
    """The faults the fake injected, e.g. ``503 x 3, 429 x 2``."""
    if not faults:
        return "none"
    return ", ".join(
        f"{_FAULT_NAMES.get(fault.name, fault.name)} x {count}"
        for fault, count in sorted(faults.items(), key=lambda pair: pair[0].name)
    )
