"""The exactly-once trial: create, update and delete 20,000 records under faults, then audit.

20,000 records over 5 campaigns (1,000 of them already in their campaign,
stamped long before the run), through the in-process fake with 5 % 500s, 3 %
503s, 3 % 429s, 2 % drops before commit and 2 % drops after commit, in batch
mode and in single-request mode. After each operation the fake's state is
compared with the report: every record stored (changed, removed) exactly once,
and every count of the report matching what the server holds.

``uv run python benchmarks/bench_exactly_once.py`` prints one row per mode and
operation and exits 1 if any check fails. Each run is bounded by RUN_LIMIT.
"""

from __future__ import annotations

import collections
import sys
import time
from collections.abc import Iterator

import anyio

import thulium_async as th
from thulium_async.bulk import BulkReport, Outcome
from thulium_async.models import NewRecord, RecordUpdate
from thulium_async.testing import FakeThulium, FaultPlan

RECORDS = 20_000
CAMPAIGNS = ("00001", "00002", "00003", "00004", "00005")
BEFORE = 1_000  # numbers already in their campaign before the run
RUN_LIMIT = 600.0  # seconds per operation at most
FAULTS = FaultPlan(
    error_500_rate=0.05,
    error_503_rate=0.03,
    throttle_rate=0.03,
    retry_after=0,
    drop_before_commit_rate=0.02,
    drop_after_commit_rate=0.02,
)


def phone(i: int) -> str:
    """A distinct number per item."""
    return f"600{i:07d}"


def campaign(i: int) -> str:
    """Items go round-robin over the campaigns."""
    return CAMPAIGNS[i % len(CAMPAIGNS)]


def new_records() -> Iterator[tuple[str, NewRecord]]:
    """The 20,000 creates, as a stream."""
    for i in range(RECORDS):
        yield campaign(i), NewRecord(phone_number=phone(i), record_fields={"field1": f"c{i}"})


def updates() -> Iterator[tuple[str, RecordUpdate]]:
    """One change per record."""
    for i in range(RECORDS):
        yield campaign(i), RecordUpdate(phone_number=phone(i), record_fields={"field1": f"u{i}"})


def deletes() -> Iterator[tuple[str, str]]:
    """Every record, by number."""
    for i in range(RECORDS):
        yield campaign(i), phone(i)


def fake_account() -> FakeThulium:
    """Five campaigns; the first BEFORE numbers are there already (made in 2020)."""
    fake = FakeThulium(keep_requests=0, seed=15)
    for cid in CAMPAIGNS:
        fake.add_campaign(cid, fields=("field1",))
    for i in range(BEFORE):
        fake.add_record(campaign(i), phone(i), create_date="2020-01-01 10:00")
    return fake


def stored(fake: FakeThulium) -> collections.Counter[str]:
    """How many records hold each number, over every campaign."""
    return collections.Counter(r["phone_number"] for cid in CAMPAIGNS for r in fake.records(cid))


def audit_create(fake: FakeThulium, report: BulkReport) -> list[str]:
    """Each number once; created + created_or_existed = new ones; already_existed = BEFORE."""
    counts, problems = stored(fake), []
    if sorted(counts) != sorted(phone(i) for i in range(RECORDS)) or max(counts.values()) != 1:
        problems.append("a number is missing or stored twice")
    made = report.counts[Outcome.CREATED] + report.counts[Outcome.CREATED_OR_EXISTED]
    if made != RECORDS - BEFORE:
        problems.append(f"created {made:,}, the server has {RECORDS - BEFORE:,} new records")
    if report.counts[Outcome.ALREADY_EXISTED] != BEFORE:
        problems.append(f"already_existed {report.counts[Outcome.ALREADY_EXISTED]:,} != {BEFORE}")
    return problems


def audit_update(fake: FakeThulium, report: BulkReport) -> list[str]:
    """Every record carries its change; updated = RECORDS."""
    changed = sum(
        r["record_fields"]["field1"] == f"u{int(r['phone_number'][3:])}"
        for cid in CAMPAIGNS
        for r in fake.records(cid)
    )
    problems = []
    if changed != RECORDS:
        problems.append(f"{changed:,} records changed, not {RECORDS:,}")
    if report.counts[Outcome.UPDATED] != RECORDS:
        problems.append(f"updated {report.counts[Outcome.UPDATED]:,}")
    return problems


def audit_delete(fake: FakeThulium, report: BulkReport) -> list[str]:
    """Nothing left; deleted + not_found (a retry after a lost answer) = RECORDS."""
    left = sum(stored(fake).values())
    gone = report.counts[Outcome.DELETED] + report.counts[Outcome.NOT_FOUND]
    problems = []
    if left:
        problems.append(f"{left:,} records left")
    if gone != RECORDS:
        problems.append(f"deleted + not_found {gone:,}")
    return problems


async def trial(batch: bool) -> list[list[object]]:
    """Create, update, delete with one mode; a row per operation."""
    fake = fake_account()
    fake.faults = FAULTS
    rows: list[list[object]] = []
    steps = (
        ("create", audit_create, lambda c: c.bulk.create_records(new_records(), batch=batch)),
        ("update", audit_update, lambda c: c.bulk.update_records(updates(), batch=batch)),
        ("delete", audit_delete, lambda c: c.bulk.delete_records(deletes(), batch=batch)),
    )
    retry = th.RetryPolicy.no_wait(max_attempts=6)
    async with fake.client(retry=retry, rate_limit=th.RateLimit(max_concurrency=16)) as client:
        for name, audit, run in steps:
            started = time.monotonic()
            with anyio.fail_after(RUN_LIMIT):
                report = await run(client)
            problems = audit(fake, report) if report.ok else ["not ok: " + report.summary()]
            outcomes = ", ".join(f"{o.value} {n:,}" for o, n in sorted(report.counts.items()))
            rows.append(
                [
                    "batch" if batch else "single",
                    name,
                    outcomes,
                    report.requests,
                    report.retries,
                    f"{time.monotonic() - started:.1f}",
                    "; ".join(problems) or "exactly once, counts match",
                ]
            )
    return rows


async def main() -> int:
    """Both modes; prints the table, returns 1 if any audit failed."""
    rows = [*await trial(batch=True), *await trial(batch=False)]
    print(
        f"exactly-once trial: {RECORDS:,} records over {len(CAMPAIGNS)} campaigns, faults {FAULTS}"
    )
    print("| mode | op | outcomes | requests | retries | s | audit |")
    print("|---|---|---|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    return int(any(row[-1] != "exactly once, counts match" for row in rows))


if __name__ == "__main__":
    sys.exit(anyio.run(main))
