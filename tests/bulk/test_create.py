"""bulk.create_records: input forms, validation, outcomes, duplicates, CRM, reports."""

from __future__ import annotations

import csv

import pytest

import thulium_async as th
from tests.bulk.support import (
    CAMPAIGNS,
    CRM_CAMPAIGN,
    assert_accounted,
    open_client,
    phone,
    quick,
    records,
    status_id,
    stored_phones,
)
from thulium_async import errors
from thulium_async.bulk import Outcome, Progress
from thulium_async.models import NewCrmRecord, NewRecord
from thulium_async.testing import FakeThulium


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
async def test_creates_every_record_once(fake: FakeThulium, mode: str, batch: bool) -> None:
    """1,000 records over five campaigns: all stored, all CREATED with their record ids."""
    async with open_client(fake, mode) as client:
        report = await client.bulk.create_records(records(1000), batch=batch, keep_results=True)
    assert_accounted(report, 1000)
    assert report.counts == {Outcome.CREATED: 1000}
    assert report.ok
    assert report.failures == []
    assert report.unfinished == []
    stored = {cid: stored_phones(fake, cid) for cid in CAMPAIGNS}
    assert sorted(p for phones in stored.values() for p in phones) == [
        phone(i) for i in range(1000)
    ]
    assert all(len(phones) == 200 for phones in stored.values())
    ids = {r["record_id"] for cid in CAMPAIGNS for r in fake.records(cid)}
    assert report.results is not None
    assert {r.record_id for r in report.results} == ids
    if batch:
        # Ten full chunks of 100; a chunk idle too long under a loaded machine is
        # sent part-full on purpose (no item waits on a stalled input), so a few more.
        assert 10 <= report.calls <= 20
    else:
        assert report.calls == 1000
    assert report.requests == report.calls
    assert report.elapsed > 0
    assert report.throughput > 0


async def test_bulk_inside_a_users_capture_block(fake: FakeThulium) -> None:
    """The bulk engine's own capture blocks do not hide its batch calls from the user's."""
    async with open_client(fake, "in_process") as client:
        with th.capture_responses() as log:
            report = await client.bulk.create_records(records(250), batch=True)
    assert report.counts == {Outcome.CREATED: 250}
    batch_calls = [r for r in log if r.method == "POST" and "/batch/outbounds/" in r.url]
    assert len(batch_calls) == report.calls
    assert all(r.status_code == 207 for r in batch_calls)


async def test_input_forms(fake: FakeThulium) -> None:
    """Pairs from a list, an async generator, and a mapping of campaign -> items (sync/async)."""

    async def agen(start: int, n: int):
        for i in range(start, start + n):
            yield "00001", NewRecord(phone_number=phone(i))

    async def values(start: int, n: int):
        for i in range(start, start + n):
            yield {"phone_number": phone(i)}

    async with quick(fake) as client:
        first = await client.bulk.create_records([("00001", NewRecord(phone_number=phone(0)))])
        second = await client.bulk.create_records(agen(1, 20))
        third = await client.bulk.create_records(
            {"00002": [NewRecord(phone_number=phone(i)) for i in range(30)], 3: values(30, 7)}
        )
    assert (first.succeeded, first.expected) == (1, 1)
    assert (second.succeeded, second.expected) == (20, None)
    assert (third.succeeded, third.expected) == (37, None)
    assert len(stored_phones(fake, "00001")) == 21
    assert len(stored_phones(fake, "00002")) == 30
    assert len(stored_phones(fake, "00003")) == 7  # an int campaign id is zero-padded


async def test_mapping_items_index_within_their_campaign(fake: FakeThulium) -> None:
    """For a mapping input, a result's index is the item's position in its campaign's list."""
    items = {
        "00001": [NewRecord(phone_number=phone(i)) for i in range(3)],
        "00002": [NewRecord(phone_number=phone(i)) for i in range(2)]
        + [NewRecord(phone_number="x")],
    }
    async with quick(fake) as client:
        report = await client.bulk.create_records(items, keep_results=True)
    assert report.results is not None
    assert sorted((r.campaign_id, r.index) for r in report.results) == [
        ("00001", 0), ("00001", 1), ("00001", 2), ("00002", 0), ("00002", 1), ("00002", 2)
    ]  # fmt: skip
    (failure,) = report.failures
    assert (failure.campaign_id, failure.index) == ("00002", 2)


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
async def test_invalid_items_fail_alone_before_any_request(fake: FakeThulium, batch: bool) -> None:
    """Bad items fail with a clear reason; every valid item around them is created."""
    to_call = status_id(fake, "00001", "TO_CALL")
    my_record = status_id(fake, "00001", "MY_RECORD")
    items = [
        ("00001", NewRecord(phone_number=phone(1))),
        ("00001", NewRecord(phone_number="12-34")),  # 1: bad phone
        ("00001", {"phone_number": phone(2), "colour": "red"}),  # 2: unknown field
        ("1234567", NewRecord(phone_number=phone(3))),  # 3: bad campaign id
        "not a pair",  # 4
        ("00001", NewRecord(phone_number=phone(5), status_id=99999)),  # 5: unknown status
        ("00001", NewRecord(phone_number=phone(6), status_id=my_record)),  # 6: needs agent
        ("00001", 42),  # 7: not a record
        ("00001", NewRecord(phone_number=phone(8), status_id=to_call)),
        ("00001", NewRecord(phone_number=phone(9), next_call_date="tomorrow")),  # 9
    ]
    async with quick(fake) as client:
        report = await client.bulk.create_records(items, batch=batch)
    assert_accounted(report, 10)
    assert report.succeeded == 2
    assert sorted(stored_phones(fake, "00001")) == [phone(1), phone(8)]
    reasons = {f.index: f.error for f in report.failures}
    assert set(reasons) == {1, 2, 3, 4, 5, 6, 7, 9}
    assert reasons[1] is not None
    assert reasons[1].startswith("phone_number: expected digits")
    assert "colour" in (reasons[2] or "")
    assert (reasons[3] or "").startswith("campaign_id: expected a five-character")
    assert (reasons[4] or "").startswith("items[4]: expected a (campaign_id, item) pair")
    assert (reasons[5] or "").startswith("status_id: expected one of the campaign's status ids")
    assert (reasons[6] or "").startswith("agent_login: expected a value")
    assert (reasons[9] or "").startswith("next_call_date: expected")
    assert all(isinstance(f.exception, errors.InputError) for f in report.failures)
    # Only the valid items were ever sent.
    sent = [r for r in fake.requests if r.method == "POST"]
    assert sum(len(r.json["records"]) if batch else 1 for r in sent) == 2


async def test_thulium_item_errors_carry_its_messages(fake: FakeThulium) -> None:
    """An item the server refuses (unknown record field) fails with Thulium's own message."""
    items = [
        ("00001", NewRecord(phone_number=phone(1), record_fields={"nope": "x"})),
        ("00001", NewRecord(phone_number=phone(2))),
    ]
    async with quick(fake, language="pl") as client:
        report = await client.bulk.create_records(items)
    (failure,) = report.failures
    assert failure.index == 0
    assert failure.http_status == 400
    assert failure.error is not None
    assert "nope" in failure.error
    assert stored_phones(fake, "00001") == [phone(2)]


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
async def test_numbers_already_in_the_campaign_are_a_distinct_success(
    fake: FakeThulium, batch: bool
) -> None:
    """A number there before the load is ALREADY_EXISTED with its record id, not a failure."""
    existing = fake.add_record("00001", phone(3))
    async with quick(fake) as client:
        report = await client.bulk.create_records(
            [("00001", NewRecord(phone_number=phone(i))) for i in range(6)],
            batch=batch,
            keep_results=True,
        )
    assert report.counts == {Outcome.CREATED: 5, Outcome.ALREADY_EXISTED: 1}
    assert report.succeeded == 6
    assert report.failed == 0
    assert report.results is not None
    (already,) = [r for r in report.results if r.outcome is Outcome.ALREADY_EXISTED]
    assert (already.index, already.record_id) == (3, existing)
    assert len(stored_phones(fake, "00001")) == 6


async def test_duplicates_in_the_input_go_to_different_chunks(fake: FakeThulium) -> None:
    """A number repeated in one campaign never shares a chunk; it is stored once.

    on_repeat="update": the repeats go (as updates) after their number's create.
    """
    items = []
    for i in range(50):
        fields = {"field1": f"v{i}"}
        items.append(("00001", NewRecord(phone_number=phone(i % 10), record_fields=fields)))
        items.append(("00002", NewRecord(phone_number=phone(i))))
    # The batch answer drops a leading +, so "+600..." and "600..." never share a chunk
    # either; the fake (like the API, as far as documented) stores them apart.
    items.append(("00001", NewRecord(phone_number="+" + phone(0))))
    async with quick(fake) as client:
        report = await client.bulk.create_records(
            items, chunk_size=8, keep_results=True, on_repeat="update"
        )
    assert_accounted(report, 101)
    assert report.failed == 0
    assert report.counts == {Outcome.CREATED: 61, Outcome.UPDATED: 40}
    last = {r["phone_number"]: r["record_fields"]["field1"] for r in fake.records("00001")}
    assert all(last[phone(k)] == f"v{40 + k}" for k in range(10))  # applied in input order
    assert sorted(stored_phones(fake, "00001")) == ["+" + phone(0)] + [phone(i) for i in range(10)]
    for request in fake.requests:
        if request.method == "POST":
            keys = [r["phone_number"].lstrip("+") for r in request.json["records"]]
            assert len(keys) == len(set(keys)) <= 8
    # Repeats are sent in input order: the first occurrence is the one created.
    assert report.results is not None
    created = {
        r.item.phone_number: r.index
        for r in report.results
        if r.outcome is Outcome.CREATED and r.campaign_id == "00001"
    }
    assert all(created[phone(k)] == 2 * k for k in range(10))


async def test_crm_records_by_item_type(fake: FakeThulium) -> None:
    """NewCrmRecord items (or mappings with customer_id) go to batch/crm_outbounds."""
    customers = [fake.add_customer(surname=f"S{i}", phone_number=phone(i)) for i in range(25)]
    items = [(CRM_CAMPAIGN, NewCrmRecord(customer_id=c)) for c in customers[:20]]
    items += [(CRM_CAMPAIGN, {"customer_id": c}) for c in customers[20:]]
    items.append((CRM_CAMPAIGN, NewCrmRecord(customer_id=customers[0])))  # a repeat
    items.append((CRM_CAMPAIGN, NewCrmRecord(customer_id=987654)))  # no such customer
    async with quick(fake) as client:
        report = await client.bulk.create_records(items, chunk_size=10)
        single = await client.bulk.create_records(items[:3], batch=False)
    assert report.counts == {Outcome.CREATED: 25, Outcome.REPEATED: 1, Outcome.FAILED: 1}
    assert single.counts == {Outcome.ALREADY_EXISTED: 3}
    assert len(fake.records(CRM_CAMPAIGN)) == 25
    assert {r.endpoint for r in fake.requests if r.method == "POST"} == {
        "POST batch/crm_outbounds/{id}/records",
        "POST crm_outbounds/{id}/records",
    }


async def test_fail_fast_stops_at_the_first_failure(fake: FakeThulium) -> None:
    """The run stops; nothing after the failure is sent and the report says so."""
    items = [("00001", NewRecord(phone_number=phone(i))) for i in range(300)]
    items[150] = ("00001", NewRecord(phone_number="bad"))
    async with quick(fake) as client:
        report = await client.bulk.create_records(
            iter(items), fail_fast=True, batch=False, concurrency=2, buffer=10
        )
    assert report.stopped_early
    assert not report.ok
    assert report.failed == 1
    assert report.failures[0].index == 150
    assert report.total < 170  # reading stopped soon after the failure
    assert_accounted(report, report.total)
    assert len(stored_phones(fake, "00001")) == report.succeeded < 160
    assert "(stopped: fail_fast: item 150 failed)" in report.summary()


async def test_progress_is_throttled_and_final(fake: FakeThulium) -> None:
    """on_progress gets Progress snapshots, at most ~10/s, and a final one with everything."""
    seen: list[Progress] = []
    async with quick(fake) as client:
        report = await client.bulk.create_records(
            records(2000), batch=False, on_progress=seen.append
        )
    assert seen, "no progress reported"
    final = seen[-1]
    assert (final.done, final.succeeded, final.failed, final.total) == (2000, 2000, 0, None)
    assert final.rate > 0
    assert len(seen) <= report.elapsed * 10 + 2
    assert [p.done for p in seen] == sorted(p.done for p in seen)


async def test_a_broken_progress_callback_does_not_stop_the_load(fake: FakeThulium) -> None:
    """A callback that raises is logged and ignored."""

    def broken(progress: Progress) -> None:
        raise RuntimeError("bar")

    async with quick(fake) as client:
        report = await client.bulk.create_records(records(50), on_progress=broken)
    assert report.succeeded == 50


async def test_summary_and_failures_csv(fake: FakeThulium, tmp_path) -> None:
    """summary() is readable; failures_to_csv writes the original fields plus the error."""
    items = [
        ("00001", NewRecord(phone_number=phone(1), record_fields={"field1": "a"})),
        ("00001", NewRecord(phone_number="bad", record_fields={"field2": "b"}, order=3)),
        ("00001", {"phone_number": phone(2), "record_fields": {"zzz": "c"}}),
    ]
    async with quick(fake) as client:
        report = await client.bulk.create_records(items)
    text = report.summary()
    assert "create_records: 3 of 3 items" in text
    assert "succeeded 1 (created 1)" in text
    assert "failed 2" in text
    path = tmp_path / "failures.csv"
    assert report.failures_to_csv(path) == 2
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["index"] for row in rows] == ["1", "2"]
    assert rows[0]["phone_number"] == "bad"
    assert rows[0]["record_fields.field2"] == "b"
    assert rows[0]["order"] == "3"
    assert rows[0]["error"].startswith("phone_number: expected digits")
    assert rows[1]["record_fields.zzz"] == "c"
    assert rows[1]["http_status"] == "400"
    assert rows[0]["outcome"] == "failed"
    assert rows[0]["campaign_id"] == "00001"


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"concurrency": 0}, "concurrency"),
        ({"chunk_size": 1001}, "chunk_size"),
        ({"on_cancel": "later"}, "on_cancel"),
        ({"batch": "yes"}, "batch"),
        ({"journal": 3}, "journal"),
        ({"colour": "red"}, "colour"),
        ({"on_progress": 5}, "on_progress"),
    ],
)
async def test_bad_options_are_refused_at_once(fake: FakeThulium, options, field) -> None:
    """Options are checked when the call is made, before anything is read or sent."""
    async with quick(fake) as client:
        with pytest.raises(errors.InputError) as caught:
            client.bulk.create_records(records(3), **options)
    assert caught.value.field == field


async def test_bad_inputs_are_refused_at_once(fake: FakeThulium) -> None:
    """A string or a non-iterable input, or a mapping to a non-iterable, is an InputError."""
    async with quick(fake) as client:
        for items in ("00001", 42, {"00001": 5}):
            with pytest.raises(errors.InputError):
                client.bulk.create_records(items)  # type: ignore[arg-type]


async def test_a_job_runs_once(fake: FakeThulium) -> None:
    """Awaiting a job twice is a clear error."""
    async with quick(fake) as client:
        job = client.bulk.create_records(records(3))
        await job
        with pytest.raises(RuntimeError, match="already awaited"):
            await job
    assert job.report.succeeded == 3


async def test_errors_in_the_input_propagate_unwrapped(fake: FakeThulium) -> None:
    """A failing input iterator raises its own error; the report keeps what was done."""

    def rows():
        yield from records(5)
        raise ValueError("broken file")

    async with quick(fake) as client:
        job = client.bulk.create_records(rows(), batch=False)
        with pytest.raises(ValueError, match="broken file"):
            await job
    assert_accounted(job.report, 5)
    assert job.report.succeeded + job.report.not_attempted == 5


async def test_wrong_credentials_stop_the_run(fake: FakeThulium) -> None:
    """A 401 would meet every request: the run stops instead of reading on."""
    async with quick(fake, auth=("api_user", "wrong")) as client:
        report = await client.bulk.create_records(records(5000), concurrency=2)
    assert report.stopped is not None
    assert report.stopped.startswith("401: ")
    assert report.calls <= 2
    assert report.failed <= 200
    assert report.total < 5000
    assert_accounted(report, report.total)
    assert report.not_attempted == report.total - report.failed


async def test_concurrency_caps_requests_in_flight(fake: FakeThulium) -> None:
    """At most ``concurrency`` requests of the run are in flight at once."""
    fake.faults = th.testing.FaultPlan(latency=0.005)
    async with quick(fake) as client:
        report = await client.bulk.create_records(records(200), batch=False, concurrency=3)
    assert report.succeeded == 200
    assert fake.counters.peak_concurrency == 3
