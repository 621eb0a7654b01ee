"""BulkReport: the exact account of a bulk run, its summary and its failures as CSV."""

from __future__ import annotations

import os
from collections import Counter

from ._csv import write_results
from ._entry import Settled
from ._models import ItemResult, Outcome

__all__ = ["ATTENTION", "DEFAULT_KEEP_FAILURES", "BulkReport"]

DEFAULT_KEEP_FAILURES = 10_000
"""Items of each kind needing attention that a report keeps (see ``keep_failures``).

About 2.5 KB each with the item and its error: 10,000 is plenty to debug
from and 25 MB per list at worst, where keeping every one of half a million
refused rows cost over a gigabyte. Counts stay exact beyond it.
"""

ATTENTION = frozenset({Outcome.FAILED, Outcome.REPEATED, Outcome.UNKNOWN, Outcome.NOT_ATTEMPTED})
"""The outcomes of items that need attention (kept in the report, passed to ``on_failure``)."""
_MAX_MESSAGES = 1000  # distinct failure messages counted by name; the rest as one line
_OTHER_MESSAGES = "(other messages)"


class BulkReport:
    """What happened to every item of a bulk call.

    Every item read from the input ends in exactly one outcome, so
    ``total == succeeded + failed + repeated + skipped + unknown + not_attempted``.
    ``failures`` lists FAILED items, ``repeats`` REPEATED ones (an input row
    whose key came earlier), and ``unfinished`` UNKNOWN or NOT_ATTEMPTED ones,
    with the original item: each the first ``keep_failures`` (10,000 by
    default), so memory stays bounded however many rows are refused;
    ``not_kept`` counts the others (stream every one with ``on_failure``).
    Succeeded items are only counted (``counts`` by outcome) unless
    ``keep_results=True`` filled ``results``. ``requests``, ``retries``, ``throttled`` (429s) and
    ``transport_errors`` are the client's counters over the run (calls made
    concurrently by other code on the same client count too); ``calls`` is the
    number of API calls the run made (batch or single), ``expected`` the
    input's length when it had one. ``stopped`` says why a run ended before
    its input did (``fail_fast``, or a 401/403 that every request would get);
    ``cancelled`` is True when it was cancelled. The report is live: it fills
    as the run goes.
    """

    def __init__(
        self,
        operation: str,
        *,
        keep_results: bool,
        expected: int | None,
        keep_failures: int | None = DEFAULT_KEEP_FAILURES,
    ) -> None:
        self.operation = operation
        self.expected = expected
        self.total = 0
        self.counts: Counter[Outcome] = Counter()
        self.keep_failures = keep_failures
        self.not_kept = 0
        """Items needing attention counted but not kept in the lists (over ``keep_failures``)."""
        self._messages: Counter[str] = Counter()
        self.failures: list[ItemResult] = []
        self.repeats: list[ItemResult] = []
        self.unfinished: list[ItemResult] = []
        self.results: list[ItemResult] | None = [] if keep_results else None
        self.elapsed = 0.0
        self.requests = self.retries = self.throttled = self.transport_errors = 0
        self.calls = 0
        self.cancelled = False
        self.stopped: str | None = None

    @property
    def succeeded(self) -> int:
        """Items whose intent holds: created (or existed), updated, deleted, not found."""
        return sum(n for outcome, n in self.counts.items() if outcome.succeeded)

    @property
    def failed(self) -> int:
        """Items refused, by validation or by Thulium."""
        return self.counts[Outcome.FAILED]

    @property
    def repeated(self) -> int:
        """Items not sent because their key came earlier in the input (REPEATED)."""
        return self.counts[Outcome.REPEATED]

    @property
    def skipped(self) -> int:
        """Items a journal showed finished by an earlier run."""
        return self.counts[Outcome.SKIPPED]

    @property
    def unknown(self) -> int:
        """Items that may or may not have been applied."""
        return self.counts[Outcome.UNKNOWN]

    @property
    def not_attempted(self) -> int:
        """Items read but never sent."""
        return self.counts[Outcome.NOT_ATTEMPTED]

    @property
    def throughput(self) -> float:
        """Items finished per second (succeeded and failed)."""
        return (self.succeeded + self.failed) / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def ok(self) -> bool:
        """True when every item read succeeded or was skipped and the run was not cut short."""
        return not (
            self.failed or self.repeated or self.unknown or self.not_attempted or self.cancelled
        )

    @property
    def stopped_early(self) -> bool:
        """True when the run stopped before the end of its input (see ``stopped``)."""
        return self.stopped is not None

    def record(self, settled: Settled, *, build: bool) -> ItemResult | None:
        """Count one settled item; keep it when it needs attention (or ``build``)."""
        outcome = settled.outcome
        self.counts[outcome] += 1
        attention = outcome in ATTENTION
        if not (attention or build or self.results is not None):
            return None
        if outcome is Outcome.FAILED:
            self._count_message(settled.error)
        entry = settled.entry
        result = ItemResult(
            index=entry.index,
            campaign_id=entry.campaign_id,
            item=entry.item,
            outcome=outcome,
            record_id=settled.record_id,
            error=settled.error,
            http_status=settled.http_status,
            exception=settled.exception,
            campaigns=settled.campaigns,
            repeats=settled.repeats,
        )
        if attention:
            if outcome is Outcome.FAILED:
                kept = self.failures
            elif outcome is Outcome.REPEATED:
                kept = self.repeats
            else:
                kept = self.unfinished
            if self.keep_failures is None or len(kept) < self.keep_failures:
                kept.append(result)
            else:
                self.not_kept += 1
        if self.results is not None:
            self.results.append(result)
        return result

    def _count_message(self, error: str | None) -> None:
        message = error or "?"
        messages = self._messages
        if message in messages or len(messages) < _MAX_MESSAGES:
            messages[message] += 1
        else:
            messages[_OTHER_MESSAGES] += 1

    def error_counts(self) -> list[tuple[str, int]]:
        """Failure messages with how many items each, most frequent first.

        Counts every FAILED item, kept or not; past 1,000 distinct messages the
        rest are counted together as "(other messages)".
        """
        return self._messages.most_common()

    def summary(self) -> str:
        """A few lines for a terminal or a log."""
        done = ", ".join(
            f"{outcome.value} {self.counts[outcome]:,}"
            for outcome in Outcome
            if outcome.succeeded and self.counts[outcome]
        )
        state = ""
        if self.cancelled:
            state = " (cancelled)"
        elif self.stopped:
            state = f" (stopped: {self.stopped})"
        of = f" of {self.expected:,}" if self.expected is not None else ""
        lines = [
            f"{self.operation}: {self.total:,}{of} items in {self.elapsed:.1f} s"
            f" ({self.throughput:,.0f}/s){state}",
            f"  succeeded {self.succeeded:,}" + (f" ({done})" if done else ""),
            f"  failed {self.failed:,}, repeated {self.repeated:,}, skipped {self.skipped:,},"
            f" unknown {self.unknown:,},"
            f" not attempted {self.not_attempted:,}",
            f"  {self.calls:,} API calls; client requests {self.requests:,},"
            f" retries {self.retries:,}, 429s {self.throttled:,},"
            f" connection errors {self.transport_errors:,}",
        ]
        for message, count in self.error_counts()[:5]:
            lines.append(f"  {count:,} x {message}")
        if self.repeated:
            lines.append(
                "  repeated rows repeat an earlier row's number and were not sent"
                ' (on_repeat="update" applies them as updates)'
            )
        if self.unknown:
            lines.append("  unknown items may have been applied: check them before resending")
        if self.not_kept:
            lines.append(
                f"  {self.not_kept:,} items needing attention are counted but not kept in the"
                f" report (keep_failures={self.keep_failures:,}; on_failure= streams them all)"
            )
        if self.counts[Outcome.CREATED_OR_EXISTED]:
            lines.append(
                "  created_or_existed: the record is there, but a lost answer and its"
                " create_date (to the minute) could not tell whether this run made it"
            )
        return "\n".join(lines)

    def failures_to_csv(
        self, path: str | os.PathLike[str], *, include_unfinished: bool = False
    ) -> int:
        """Write the failed and repeated items (and optionally the unfinished ones) to CSV.

        Columns: index, campaign_id, outcome, http_status, error, then the
        item's own fields (``record_fields`` spread as ``record_fields.<name>``).
        Returns the number of rows written. Only the kept items are written
        (see ``keep_failures``); ``on_failure`` sees every one as it settles.
        """
        rows = self.failures + self.repeats + (self.unfinished if include_unfinished else [])
        return write_results(path, rows)

    def __repr__(self) -> str:
        return (
            f"<BulkReport {self.operation} total={self.total} succeeded={self.succeeded}"
            f" failed={self.failed} skipped={self.skipped} unknown={self.unknown}"
            f" repeated={self.repeated} not_attempted={self.not_attempted}>"
        )
