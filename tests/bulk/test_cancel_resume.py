"""Cancellation leaves an exact report; a journal lets a rerun (or a crashed run) resume."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import anyio
import pytest

from tests.bulk.support import (
    CAMPAIGNS,
    assert_accounted,
    open_client,
    phone,
    populated,
    quick,
    records,
    stored_phones,
)
from thulium_async.bulk import Outcome
from thulium_async.models import NewRecord
from thulium_async.testing import FakeThulium, FaultPlan


def stored_total(fake: FakeThulium) -> int:
    return sum(len(stored_phones(fake, cid)) for cid in CAMPAIGNS)


def all_stored_once(fake: FakeThulium, n: int) -> bool:
    stored = sorted(p for cid in CAMPAIGNS for p in stored_phones(fake, cid))
    return stored == [phone(i) for i in range(n)]


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
async def test_cancel_with_finish_waits_for_in_flight_requests(
    fake: FakeThulium, batch: bool
) -> None:
    """Cancelled mid-load: in-flight requests complete; every item is done or not attempted."""
    fake.faults = FaultPlan(latency=0.01)
    async with quick(fake) as client:
        job = client.bulk.create_records(
            records(3000), batch=batch, chunk_size=20, concurrency=4, keep_results=True
        )
        with anyio.move_on_after(0.15):
            await job
    report = job.report
    assert report.cancelled
    assert not report.ok
    assert_accounted(report, report.total)
    assert report.unknown == 0
    assert report.not_attempted > 0
    assert report.counts[Outcome.CREATED] == stored_total(fake) > 0
    assert report.results is not None
    done = {r.item.phone_number for r in report.results if r.outcome is Outcome.CREATED}
    assert done == {p for cid in CAMPAIGNS for p in stored_phones(fake, cid)}
    assert {r.index for r in report.unfinished} == {
        r.index for r in report.results if r.outcome is Outcome.NOT_ATTEMPTED
    }
    assert "(cancelled)" in report.summary()


async def test_cancel_with_abandon_marks_in_flight_items_unknown(mode: str) -> None:
    """abandon: requests in flight are dropped and their items are UNKNOWN, never lost."""
    fake = populated(faults=FaultPlan(latency=0.05))
    async with open_client(fake, mode) as client:
        job = client.bulk.create_records(
            records(500), batch=False, concurrency=4, on_cancel="abandon"
        )
        with anyio.move_on_after(0.2):
            await job
    await anyio.sleep(0.1)  # over HTTP the server may still apply what was in flight
    report = job.report
    assert report.cancelled
    assert_accounted(report, report.total)
    assert 1 <= report.unknown <= 4
    assert {r.error for r in report.unfinished if r.outcome is Outcome.UNKNOWN} == {
        "the run was abandoned while this item's request was in flight"
    }
    created = report.counts[Outcome.CREATED]
    assert created <= stored_total(fake) <= created + report.unknown


async def test_cancelling_the_task_propagates_and_keeps_the_report(fake: FakeThulium) -> None:
    """A cancelled task is cancelled (not swallowed); job.report is final."""
    fake.faults = FaultPlan(latency=0.01)
    async with quick(fake) as client:
        job = client.bulk.create_records(records(1000), batch=False, concurrency=4)
        cancelled = False

        async def run() -> None:
            nonlocal cancelled
            try:
                await job
            except anyio.get_cancelled_exc_class():
                cancelled = True
                raise

        async with anyio.create_task_group() as group:
            group.start_soon(run)
            await anyio.sleep(0.1)
            group.cancel_scope.cancel()
    assert cancelled
    assert job.report.cancelled
    assert_accounted(job.report, job.report.total)
    assert job.report.counts[Outcome.CREATED] == stored_total(fake)


async def test_iterating_yields_every_result_as_it_completes(fake: FakeThulium) -> None:
    """iter_create_records yields one ItemResult per item (failures included)."""
    items = list(records(300))
    items[7] = ("00001", NewRecord(phone_number="bad"))
    async with quick(fake) as client:
        results = client.bulk.iter_create_records(items, chunk_size=25)
        seen = [result async for result in results]
    assert len(seen) == 300
    assert sum(r.ok for r in seen) == 299
    assert [r.index for r in seen if not r.ok] == [7]
    assert seen[0].index == 7  # refused before any request: reported first
    assert results.report.succeeded == 299


async def test_leaving_the_iteration_early_stops_the_run(fake: FakeThulium) -> None:
    """Breaking out (inside ``async with``) stops the load; the report stays exact."""
    fake.faults = FaultPlan(latency=0.005)
    async with quick(fake) as client:
        async with client.bulk.iter_create_records(
            records(2000), batch=False, concurrency=4
        ) as results:
            count = 0
            async for _ in results:
                count += 1
                if count == 50:
                    break
        report = results.report
    assert report.cancelled
    assert_accounted(report, report.total)
    assert report.counts[Outcome.CREATED] == stored_total(fake) >= 50
    assert report.not_attempted > 0


async def test_a_rerun_with_the_journal_skips_finished_items(fake: FakeThulium, tmp_path) -> None:
    """Cancel a journaled load, rerun it: done items are skipped, the rest created, once."""
    journal = tmp_path / "load.sqlite"
    fake.faults = FaultPlan(latency=0.005)
    async with quick(fake) as client:
        first = client.bulk.create_records(
            records(1500), journal=journal, chunk_size=10, concurrency=4
        )
        with anyio.move_on_after(0.2):
            await first
        assert first.report.cancelled
        done = first.report.succeeded
        assert 0 < done < 1500
        fake.faults = None
        second = await client.bulk.create_records(records(1500), journal=journal, chunk_size=10)
        third = await client.bulk.create_records(records(1500), journal=journal, chunk_size=10)
    assert second.skipped == done
    assert second.counts[Outcome.CREATED] == 1500 - done
    assert third.counts == {Outcome.SKIPPED: 1500}
    assert third.requests == 0
    assert all_stored_once(fake, 1500)
    # Another operation, or a changed item, is not "finished": it goes again.
    async with quick(fake) as client:
        changed = [("00001", NewRecord(phone_number=phone(0), order=5))]
        fourth = await client.bulk.create_records(changed, journal=journal)
        fifth = await client.bulk.delete_records([("00001", phone(0))], journal=journal)
    assert fourth.counts == {Outcome.ALREADY_EXISTED: 1}
    assert fifth.counts == {Outcome.DELETED: 1}


async def _loader(url: str, journal: str, n: int) -> anyio.abc.Process:
    command = [sys.executable, "-m", "tests.bulk.loader", url, journal, str(n)]
    return await anyio.open_process(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


async def _wait_started(process: anyio.abc.Process) -> None:
    assert process.stdout is not None
    with anyio.fail_after(20):
        text = b""
        while b"started" not in text:
            text += await process.stdout.receive()


@pytest.mark.loopback
async def test_ctrl_c_stops_cleanly_with_an_exact_report(fake: FakeThulium, tmp_path) -> None:
    """SIGINT to a loading process: in-flight requests finish, the report adds up."""
    fake.faults = FaultPlan(latency=0.01)
    async with fake.serve() as url:
        process = await _loader(url, str(tmp_path / "j.sqlite"), 3000)
        await _wait_started(process)
        await anyio.sleep(0.3)
        process.send_signal(signal.SIGINT)
        assert process.stdout is not None
        with anyio.fail_after(20):
            output = b""
            async for chunk in process.stdout:
                output += chunk
            assert await process.wait() == 130
    counts = json.loads(output.decode().splitlines()[-1])
    assert counts["cancelled"] is True
    created, unknown = counts["created"], counts.get("unknown", 0)
    assert created + unknown + counts["not_attempted"] == counts["total"]
    assert 0 < created <= stored_total(fake) <= created + unknown
    # asyncio.run turns Ctrl-C into a cancellation of the main task: in-flight
    # requests finish.
    assert unknown == 0


@pytest.mark.loopback
async def test_a_killed_load_resumes_from_its_journal(fake: FakeThulium, tmp_path) -> None:
    """SIGKILL mid-load (no cleanup at all); the rerun finishes it, every record once."""
    journal = str(tmp_path / "j.sqlite")
    fake.faults = FaultPlan(latency=0.005)
    async with fake.serve() as url:
        process = await _loader(url, journal, 3000)
        await _wait_started(process)
        await anyio.sleep(1.5)  # long enough for a journal flush (every second)
        process.kill()
        await process.wait()
    before = stored_total(fake)
    assert 0 < before < 3000
    fake.faults = None
    async with quick(fake) as client:
        report = await client.bulk.create_records(records(3000), journal=journal)
    assert report.skipped > 0
    assert report.failed == 0
    # Items done but not yet journaled when killed are found already there.
    assert report.skipped + report.counts[Outcome.ALREADY_EXISTED] == before
    assert report.counts[Outcome.CREATED] == 3000 - before
    assert all_stored_once(fake, 3000)
