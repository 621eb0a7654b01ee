"""Metrics read back from the SDK: durations, retries, 429s, limiter waits and pauses."""

from __future__ import annotations

import anyio

import thulium_async as th
from tests.support import open_client
from tests.tracing.conftest import Telemetry, attempts
from thulium_async.testing import FakeThulium, Fault, FaultPlan


def _total(points: list) -> float:
    return sum(point.value for point in points)


async def test_two_429s_read_back_as_two_429s_and_two_retries(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    fake.faults = FaultPlan(
        retry_after=0,
        on_requests={1: Fault.TOO_MANY_REQUESTS_429, 2: Fault.TOO_MANY_REQUESTS_429},
    )
    async with open_client(fake, "in_process") as client:
        await client.outbounds.statuses.list("00001")
    found = telemetry.metrics()
    assert _total(found["thulium.client.throttled"]) == 2
    assert _total(found["thulium.client.retries"]) == 2
    durations = found["http.client.request.duration"]
    by_status = {p.attributes["http.response.status_code"]: p.count for p in durations}
    assert by_status == {429: 2, 200: 1}
    for point in durations:
        assert point.attributes["url.template"] == "outbounds/{id}/statuses"
        assert point.attributes["http.request.method"] == "GET"
        assert point.attributes["server.address"] == "fake.thulium.local"
        assert point.sum >= 0
    (errors,) = [p for p in durations if p.attributes["http.response.status_code"] == 429]
    assert errors.attributes["error.type"] == "429"
    (waits,) = found["thulium.client.limiter.wait"]
    assert waits.count == 3
    assert "thulium.client.pauses" not in found


async def test_a_paced_client_records_its_limiter_waits(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    pace = th.RateLimit(per_second=20, burst=1, adaptive=False)
    async with open_client(fake, "in_process", rate_limit=pace) as client:
        for _ in range(3):
            await client.outbounds.list()
    (waits,) = telemetry.metrics()["thulium.client.limiter.wait"]
    assert waits.count == 3
    assert waits.sum >= 0.05  # two requests waited about 1/20 s each
    waited = [
        float((s.attributes or {})["thulium.limiter.wait"])
        for s in attempts(telemetry, "GET outbounds")
    ]
    assert sum(waited) >= 0.05


async def test_a_retry_after_pause_is_counted_and_shown_on_the_held_attempt(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    async with open_client(fake, "in_process") as client:
        client.limiter.pause(0.05)
        await client.outbounds.list()
    (attempt,) = attempts(telemetry, "GET outbounds")
    (event,) = [e for e in attempt.events if e.name == "thulium.limiter.paused"]
    assert 0 < float((event.attributes or {})["thulium.pause.seconds"]) <= 0.05


async def test_429s_that_pause_every_request_count_a_pause(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    # Four calls at once refused twice: the second overload within 2 s pauses everyone.
    fake.faults = FaultPlan(
        retry_after=1, on_requests=dict.fromkeys(range(1, 9), Fault.TOO_MANY_REQUESTS_429)
    )
    async with open_client(fake, "in_process") as client, anyio.create_task_group() as group:
        for _ in range(4):
            group.start_soon(client.outbounds.list)
    found = telemetry.metrics()
    assert _total(found["thulium.client.throttled"]) == 8
    pauses = _total(found["thulium.client.pauses"])
    assert pauses >= 1
    sent = attempts(telemetry, "GET outbounds")
    started = [s for s in sent if any(e.name == "thulium.pause.started" for e in s.events)]
    assert len(started) == pauses
    assert {(s.attributes or {})["http.response.status_code"] for s in started} == {429}
    held = [s for s in sent if any(e.name == "thulium.limiter.paused" for e in s.events)]
    assert held  # the calls' next attempts waited for the pause
