"""Exactly once under faults: 5xx, 429, dropped connections, 413, timeouts, lost items."""

from __future__ import annotations

import collections
from collections.abc import Callable

import httpx2
import orjson
import pytest

import thulium_async as th
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
from thulium_async.testing import FakeThulium, Fault, FaultPlan

BATCH_POST = "POST batch/outbounds/*/records"


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
async def test_ten_thousand_records_under_faults_are_stored_exactly_once(
    mode: str, batch: bool
) -> None:
    """500/503/429 answers and drops before and after commit: every record once, all CREATED."""
    plan = FaultPlan(
        error_500_rate=0.03,
        error_503_rate=0.03,
        throttle_rate=0.03,
        retry_after=0,
        drop_before_commit_rate=0.03,
        drop_after_commit_rate=0.04,
    )
    fake = populated(FakeThulium(keep_requests=0, faults=plan, seed=7))
    options = {"retry": th.RetryPolicy.no_wait(max_attempts=6)}
    if mode == "loopback" and not batch:
        # Client and server share this process's one core: the aiohttp transport's
        # lower cost per request keeps 10,000 single requests quick.
        options["transport"] = th.AiohttpTransport(max_connections=16)
    async with open_client(fake, mode, **options) as client:
        report = await client.bulk.create_records(
            records(10_000), batch=batch, chunk_size=50, concurrency=16
        )
    assert_accounted(report, 10_000)
    # A create whose answer was lost and whose retry found the record counts as ours.
    # A create whose answer was lost is found stamped this minute: ours or not, it
    # cannot say (CREATED_OR_EXISTED); no number was there before, so none ALREADY_EXISTED.
    assert set(report.counts) <= {Outcome.CREATED, Outcome.CREATED_OR_EXISTED}, (
        report.summary(),
        [(u.error, repr(u.exception)) for u in report.unfinished],
    )
    assert report.counts[Outcome.CREATED_OR_EXISTED] > 0
    stored = [p for cid in CAMPAIGNS for p in stored_phones(fake, cid)]
    assert len(stored) == 10_000
    assert sorted(stored) == [phone(i) for i in range(10_000)]
    assert fake.counters.drops > 0
    assert fake.counters.throttled > 0
    assert report.retries > 0
    assert report.throttled > 0
    assert report.transport_errors > 0
    assert report.requests == fake.counters.total


async def test_a_chunk_that_exhausts_its_retries_is_resubmitted_later(fake: FakeThulium) -> None:
    """Three 503s use up three attempts; a later pass sends the chunk again."""
    fake.faults = FaultPlan(
        on_requests=dict.fromkeys((1, 2, 3), Fault.SERVER_ERROR_503), on_requests_match=BATCH_POST
    )
    async with quick(fake, retry=th.RetryPolicy.no_wait(max_attempts=3)) as client:
        report = await client.bulk.create_records(
            records(100, ("00001",)), chunk_size=50, concurrency=1
        )
    assert report.counts == {Outcome.CREATED: 100}
    assert report.calls == 3  # one failed call, then both chunks
    assert report.retries == 2
    assert len(stored_phones(fake, "00001")) == 100


async def test_without_resubmission_the_chunk_fails_with_thuliums_message(
    fake: FakeThulium,
) -> None:
    """resubmit=0: the chunk's items fail with the last error, none is lost or doubled."""
    fake.faults = FaultPlan(
        on_requests=dict.fromkeys((1, 2), Fault.SERVER_ERROR_503), on_requests_match=BATCH_POST
    )
    async with quick(fake, retry=th.RetryPolicy.no_wait(max_attempts=2)) as client:
        report = await client.bulk.create_records(
            records(100, ("00001",)), chunk_size=50, resubmit=0, concurrency=1
        )
    assert report.counts == {Outcome.CREATED: 50, Outcome.UNKNOWN: 50}  # a 5xx may have acted
    assert {f.error for f in report.unfinished} == {
        "may have been applied: every attempt ended without a clear answer"
        " (Service temporarily unavailable.)"
    }
    assert {f.http_status for f in report.unfinished} == {503}
    assert len(stored_phones(fake, "00001")) == 50


async def test_429_exhausted_is_a_plain_failure(fake: FakeThulium) -> None:
    """A 429 is refused before processing: its items are FAILED, not UNKNOWN."""
    fake.faults = FaultPlan(
        on_requests=dict.fromkeys((1, 2), Fault.TOO_MANY_REQUESTS_429),
        on_requests_match=BATCH_POST,
        retry_after=0,
    )
    async with quick(fake, retry=th.RetryPolicy.no_wait(max_attempts=2)) as client:
        report = await client.bulk.create_records(records(10, ("00001",)), resubmit=0)
    assert report.counts == {Outcome.FAILED: 10}
    assert {f.http_status for f in report.failures} == {429}
    assert report.throttled == 2


async def test_commits_lost_on_every_attempt_are_found_on_the_next_pass(
    fake: FakeThulium,
) -> None:
    """Both attempts applied but their answers were cut: the resubmission counts them CREATED."""
    fake.faults = FaultPlan(
        on_requests={1: Fault.DROP_AFTER_COMMIT, 2: Fault.DROP_AFTER_COMMIT},
        on_requests_match=BATCH_POST,
    )
    async with quick(fake, retry=th.RetryPolicy.no_wait(max_attempts=2)) as client:
        report = await client.bulk.create_records(records(30, ("00001",)), keep_results=True)
    assert report.counts == {Outcome.CREATED_OR_EXISTED: 30}  # stamped this minute
    assert report.results is not None
    ids = {r["phone_number"]: r["record_id"] for r in fake.records("00001")}
    assert {r.item.phone_number: r.record_id for r in report.results} == ids


async def test_only_a_retry_that_may_have_been_applied_turns_exists_into_created(
    fake: FakeThulium,
) -> None:
    """After a 429 (never applied), a number that was there before stays ALREADY_EXISTED."""
    fake.add_record("00001", phone(0))
    fake.faults = FaultPlan(
        on_requests={1: Fault.TOO_MANY_REQUESTS_429}, on_requests_match=BATCH_POST, retry_after=0
    )
    async with quick(fake) as client:
        report = await client.bulk.create_records(records(5, ("00001",)))
    assert report.counts == {Outcome.CREATED: 4, Outcome.ALREADY_EXISTED: 1}
    # After a drop after commit, the retry's "already exists" answers are our own records.
    fake.faults = FaultPlan(on_requests={1: Fault.DROP_AFTER_COMMIT}, on_requests_match=BATCH_POST)
    async with quick(fake) as client:
        report = await client.bulk.create_records(
            [("00002", NewRecord(phone_number=phone(i))) for i in range(5)]
        )
    assert report.counts == {Outcome.CREATED_OR_EXISTED: 5}  # stamped this minute
    assert len(stored_phones(fake, "00002")) == 5


async def test_single_mode_settles_a_lost_answer_and_a_real_duplicate(fake: FakeThulium) -> None:
    """One request per item: a dropped answer is CREATED, a number already there ALREADY_EXISTED."""
    fake.add_record("00001", phone(1))
    fake.faults = FaultPlan(
        on_requests={1: Fault.DROP_AFTER_COMMIT}, on_requests_match="POST outbounds/*/records"
    )
    async with quick(fake) as client:
        report = await client.bulk.create_records(
            records(3, ("00001",)), batch=False, concurrency=1, keep_results=True
        )
    assert report.results is not None
    assert {r.index: r.outcome for r in report.results} == {
        0: Outcome.CREATED_OR_EXISTED,  # lost answer, record stamped this minute
        1: Outcome.ALREADY_EXISTED,
        2: Outcome.CREATED,
    }
    assert sorted(stored_phones(fake, "00001")) == [phone(0), phone(1), phone(2)]


def _wrapped(fake: FakeThulium, handle: Callable[[httpx2.Request], httpx2.Response | None]):
    """An httpx transport into the fake that lets ``handle`` answer some requests first."""
    inner = fake.transport()

    class Wrapper(httpx2.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            await request.aread()
            answer = handle(request)
            if answer is not None:
                return answer
            return await inner.handle_async_request(request)

    return Wrapper()


def _batch_size(request: httpx2.Request) -> int:
    if request.method != "POST" or not request.url.path.startswith("/api/batch/"):
        return 0
    return len(orjson.loads(request.content)["records"])


async def test_413_splits_chunks_until_they_fit(fake: FakeThulium) -> None:
    """A 413 halves the chunk, again and again; every record is stored once."""
    refused = collections.Counter[int]()

    def too_large(request: httpx2.Request) -> httpx2.Response | None:
        size = _batch_size(request)
        if size > 30:
            refused[size] += 1
            return httpx2.Response(413, text="Request Entity Too Large")
        return None

    async with quick(fake, transport=_wrapped(fake, too_large)) as client:
        report = await client.bulk.create_records(records(200, ("00001", "00002")), chunk_size=100)
    assert report.counts == {Outcome.CREATED: 200}
    assert refused == {100: 2, 50: 4}
    assert sorted(stored_phones(fake, "00001") + stored_phones(fake, "00002")) == [
        phone(i) for i in range(200)
    ]


async def test_a_single_item_refused_as_too_large_fails(fake: FakeThulium) -> None:
    """A chunk of one cannot be split: its item fails with the 413."""

    def always(request: httpx2.Request) -> httpx2.Response | None:
        return httpx2.Response(413) if _batch_size(request) else None

    async with quick(fake, transport=_wrapped(fake, always)) as client:
        report = await client.bulk.create_records(records(4, ("00001",)))
    assert report.counts == {Outcome.FAILED: 4}
    assert {f.http_status for f in report.failures} == {413}


async def test_timeouts_split_chunks_and_count_as_maybe_applied(fake: FakeThulium) -> None:
    """A batch that times out (after the client's retries) is split; nothing doubles."""
    timed_out = collections.Counter[int]()
    inner = fake.transport()

    class Slow(httpx2.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            await request.aread()
            size = _batch_size(request)
            if size > 20:
                timed_out[size] += 1
                if timed_out[size] % 2:  # every other time the server did apply it
                    await inner.handle_async_request(request)
                raise httpx2.ReadTimeout("timed out", request=request)
            return await inner.handle_async_request(request)

    async with quick(fake, transport=Slow(), retry=th.RetryPolicy.no_wait(max_attempts=2)) as c:
        report = await c.bulk.create_records(records(80, ("00001",)), chunk_size=80)
    assert set(report.counts) == {Outcome.CREATED_OR_EXISTED}  # all applied, stamped now
    assert sorted(stored_phones(fake, "00001")) == [phone(i) for i in range(80)]
    assert timed_out == {80: 2, 40: 4}


async def test_items_missing_from_the_answer_are_resubmitted(fake: FakeThulium) -> None:
    """A 207 that does not mention an item: it goes again (and is found created)."""
    inner = fake.transport()
    dropped = []

    class Forgetful(httpx2.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            response = await inner.handle_async_request(request)
            if response.status_code != 207 or dropped:
                return response
            body = orjson.loads(await response.aread())
            dropped.append(body.pop(phone(3)))
            return httpx2.Response(207, json=body)

    async with quick(fake, transport=Forgetful()) as client:
        report = await client.bulk.create_records(records(10, ("00001",)), keep_results=True)
    assert dropped
    assert dropped[0]["status"] == "ADDED"
    assert report.counts == {Outcome.CREATED: 9, Outcome.CREATED_OR_EXISTED: 1}
    assert report.calls == 2
    assert len(stored_phones(fake, "00001")) == 10
