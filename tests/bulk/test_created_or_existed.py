"""Created versus already there: an ambiguous first attempt never makes an old record CREATED."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx2
import pytest

import thulium_async as th
from tests.bulk.support import CRM_CAMPAIGN, populated, quick
from thulium_async.bulk import Outcome
from thulium_async.testing import FakeThulium, Fault, FaultPlan

OLD = "2020-01-01 10:00"  # long before the run: a record there before it
CREATES = "POST *records"  # the batch and the single create endpoints, not the look-ups


class _TimeoutAfterCommit(httpx2.AsyncBaseTransport):
    """Applies the first create, then times out reading its answer (the ambiguous timeout)."""

    def __init__(self, fake: FakeThulium) -> None:
        self._inner = fake.transport()
        self._left = 1

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        answer = await self._inner.handle_async_request(request)
        if request.method == "POST" and self._left:
            self._left -= 1
            raise httpx2.ReadTimeout("timed out", request=request)
        return answer


def _ahead(minutes: int) -> Any:
    """The fake's local clock ``minutes`` ahead: records it makes now are stamped later."""
    zone = populated().app.state.timezone
    return lambda: dt.datetime.now(zone).replace(tzinfo=None) + dt.timedelta(minutes=minutes)


def _setup(route: str, fake: FakeThulium) -> tuple[str, list[tuple[str, Any]]]:
    """Four records there before the run (items 0-3), then four new ones (items 4-7)."""
    if route == "regular":
        cid = "00001"
        for i in range(4):
            fake.add_record(cid, f"60000000{i}", create_date=OLD)
        return cid, [(cid, {"phone_number": f"60000000{i}"}) for i in range(8)]
    customers = [fake.add_customer(surname=f"S{i}") for i in range(8)]
    for customer in customers[:4]:
        fake.add_record(CRM_CAMPAIGN, customer_id=customer, create_date=OLD)
    return CRM_CAMPAIGN, [(CRM_CAMPAIGN, {"customer_id": c}) for c in customers]


FAULTS = {
    "503": Fault.SERVER_ERROR_503,
    "500": Fault.SERVER_ERROR_500,
    "drop_before_commit": Fault.DROP_BEFORE_COMMIT,
    "drop_after_commit": Fault.DROP_AFTER_COMMIT,
    "timeout": None,
}


@pytest.mark.parametrize("route", ["regular", "crm"])
@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
@pytest.mark.parametrize("fault", list(FAULTS))
async def test_an_ambiguous_first_attempt_never_counts_an_old_record_as_created(
    fault: str, batch: bool, route: str
) -> None:
    """Old records are ALREADY_EXISTED, new ones CREATED, whatever hid the first answer."""
    fake = populated(FakeThulium(wall_clock=_ahead(3)))
    cid, items = _setup(route, fake)
    options: dict[str, Any] = {"retry": th.RetryPolicy.no_wait(max_attempts=3)}
    if fault == "timeout":
        options["transport"] = _TimeoutAfterCommit(fake)
    else:
        fake.faults = FaultPlan(on_requests={1: FAULTS[fault]}, on_requests_match=CREATES)
    async with quick(fake, **options) as client:
        report = await client.bulk.create_records(
            items, batch=batch, concurrency=1, keep_results=True
        )
    assert report.results is not None
    outcomes = {r.index: r.outcome for r in sorted(report.results, key=lambda r: r.index)}
    assert outcomes == {
        **dict.fromkeys(range(4), Outcome.ALREADY_EXISTED),
        **dict.fromkeys(range(4, 8), Outcome.CREATED),
    }, report.summary()
    assert len(fake.records(cid)) == 8


async def test_the_issue_reproduction_counts_200_created() -> None:
    """200 old numbers, 200 new, a 503 on the first batch: created 200, already existed 200."""
    fake = populated()
    for i in range(200):
        fake.add_record("00001", f"6001{i:05d}", create_date=OLD)
    items = [("00001", {"phone_number": f"6001{i:05d}"}) for i in range(400)]
    fake.faults = FaultPlan(on_requests={1: Fault.SERVER_ERROR_503}, on_requests_match=CREATES)
    async with quick(fake) as client:
        report = await client.bulk.create_records(items, concurrency=1)
    assert report.counts == {Outcome.CREATED: 200, Outcome.ALREADY_EXISTED: 200}


async def test_a_record_made_the_same_minute_is_created_or_existed() -> None:
    """Too close to the first send to tell: its own outcome, a success, explained in summary()."""
    fake = populated()
    fake.add_record("00001", "600000000")  # stamped this very minute
    fake.faults = FaultPlan(on_requests={1: Fault.DROP_AFTER_COMMIT}, on_requests_match=CREATES)
    items = [("00001", {"phone_number": "600000000"}), ("00001", {"phone_number": "600000001"})]
    async with quick(fake) as client:
        report = await client.bulk.create_records(items)
    assert report.counts == {Outcome.CREATED_OR_EXISTED: 2}
    assert report.ok
    assert "created_or_existed 2" in report.summary()
    assert "could not tell" in report.summary()
