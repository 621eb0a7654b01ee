"""Paginators give one span per page under the caller's span; bulk one span over its batches.

Pages fetched concurrently and bulk workers run in anyio task groups: the
parent links below show the context reaching those tasks.
"""

from __future__ import annotations

from opentelemetry import trace

from tests.support import open_client
from tests.tracing.conftest import Telemetry, attempts, by_name, calls
from thulium_async.models import NewRecord
from thulium_async.testing import FakeThulium

LIST = "GET outbounds/{id}/records"
BATCH = "POST batch/outbounds/{id}/records"


async def test_each_page_is_a_span_under_the_callers_span(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    for n in range(250):
        fake.add_record("00001", phone_number=f"600{n:06d}")
    async with open_client(fake, "in_process") as client:
        with trace.get_tracer("test").start_as_current_span("report job") as job:
            records = await client.outbounds.records.list("00001", page_size=50).to_list()
    assert len(records) == 250
    pages = calls(telemetry, LIST)
    # count() is not asked: the first page, then the other four at once (concurrency 8).
    assert sorted((s.attributes or {})["thulium.page.offset"] for s in pages) == [
        0,
        50,
        100,
        150,
        200,
    ]
    for page in pages:
        assert page.parent is not None
        assert page.parent.span_id == job.get_span_context().span_id
        assert (page.attributes or {})["thulium.page.limit"] == 50
        assert (page.attributes or {})["thulium.operation"] == "outbounds.records.list"
    sent = attempts(telemetry, LIST)
    assert {a.parent.span_id for a in sent if a.parent} == {p.context.span_id for p in pages}


async def test_a_bulk_run_is_one_span_with_its_batches_under_it(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    fake.add_campaign("00002", fields=("field1",))
    fake.add_record("00002", phone_number="600000000")
    items = [("00001", NewRecord(phone_number=f"600{n:06d}")) for n in range(120)]
    items += [("00002", NewRecord(phone_number=p)) for p in ("600000000", "x")]
    async with open_client(fake, "in_process") as client:
        report = await client.bulk.create_records(items, chunk_size=50, concurrency=4)
    assert report.total == 122
    (bulk,) = by_name(telemetry.spans(), "bulk create_records")
    counts = bulk.attributes or {}
    assert counts["thulium.operation"] == "bulk.create_records"
    assert counts["thulium.bulk.items"] == 122
    assert counts["thulium.bulk.items.created"] == 120
    assert counts["thulium.bulk.items.already_existed"] == 1
    assert counts["thulium.bulk.items.failed"] == 1
    assert counts["thulium.bulk.requests"] == report.requests
    batches = calls(telemetry, BATCH)
    assert len(batches) == report.requests == 4  # 50 + 50 + 20 for 00001, 1 for 00002
    for batch in batches:
        assert batch.parent is not None
        assert batch.parent.span_id == bulk.context.span_id
        assert batch.context.trace_id == bulk.context.trace_id
