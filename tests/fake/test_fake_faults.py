"""Fault injection in process: every kind, reproducibility, limits, counters."""

from __future__ import annotations

import asyncio
import time

import attrs
import httpx2
import pytest
from fake_support import AUTH, error, populate

from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium, Fault, FaultPlan


def client_for(fake: FakeThulium) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(transport=fake.transport(), base_url=IN_PROCESS_BASE_URL, auth=AUTH)


async def post(client: httpx2.AsyncClient, phone: str) -> int | str:
    """Status of adding a record, or the name of the transport error."""
    try:
        response = await client.post("outbounds/00001/records", json={"phone_number": phone})
    except httpx2.TransportError as exc:
        return type(exc).__name__
    return response.status_code


@pytest.mark.parametrize(
    ("fault", "status", "message"),
    [
        (Fault.SERVER_ERROR_500, 500, "Internal server error."),
        (Fault.SERVER_ERROR_502, 502, "Bad gateway."),
        (Fault.SERVER_ERROR_503, 503, "Service temporarily unavailable."),
        (Fault.TOO_MANY_REQUESTS_429, 429, "Too many requests."),
    ],
)
async def test_error_answers_change_nothing(fault, status, message):
    fake = populate(
        FakeThulium(strict=True, faults=FaultPlan(on_requests={1: fault}, retry_after=7))
    )
    async with client_for(fake) as client:
        response = await client.post("outbounds/00001/records", json={"phone_number": "600100200"})
    assert error(response)[:2] == (status, message)
    assert response.headers.get("retry-after") == ("7" if status == 429 else None)
    assert fake.records("00001") == []
    assert fake.requests[0].fault is fault


async def test_drop_before_commit_raises_without_applying():
    fake = populate(
        FakeThulium(strict=True, faults=FaultPlan(on_requests={1: Fault.DROP_BEFORE_COMMIT}))
    )
    async with client_for(fake) as client:
        with pytest.raises(httpx2.RemoteProtocolError):
            await client.post("outbounds/00001/records", json={"phone_number": "600100200"})
    assert fake.records("00001") == []


async def test_drop_after_commit_applies_then_raises():
    fake = populate(
        FakeThulium(strict=True, faults=FaultPlan(on_requests={1: Fault.DROP_AFTER_COMMIT}))
    )
    async with client_for(fake) as client:
        with pytest.raises(httpx2.RemoteProtocolError):
            await client.post("outbounds/00001/records", json={"phone_number": "600100200"})
        # the ambiguous case: a retry of the same POST now meets the duplicate rule
        again = await client.post("outbounds/00001/records", json={"phone_number": "600100200"})
    assert error(again)[1] == "Phone number already exists in the campaign."
    assert [r["phone_number"] for r in fake.records("00001")] == ["600100200"]
    assert fake.requests[0].status is None
    assert fake.counters.drops == 1


async def test_request_number_plan_meets_every_kind_in_few_requests():
    plan = FaultPlan(
        on_requests={
            2: Fault.SERVER_ERROR_500,
            3: Fault.SERVER_ERROR_502,
            4: Fault.SERVER_ERROR_503,
            5: Fault.TOO_MANY_REQUESTS_429,
            6: Fault.DROP_BEFORE_COMMIT,
            7: Fault.DROP_AFTER_COMMIT,
        }
    )
    fake = populate(FakeThulium(strict=True, faults=plan))
    async with client_for(fake) as client:
        outcomes = [await post(client, f"60010020{i}") for i in range(1, 9)]
    assert outcomes == [
        201,
        500,
        502,
        503,
        429,
        "RemoteProtocolError",
        "RemoteProtocolError",
        201,
    ]
    assert [r["phone_number"] for r in fake.records("00001")] == [
        "600100201",
        "600100207",
        "600100208",
    ]
    counters = fake.counters
    assert counters.by_endpoint[("POST outbounds/{id}/records", 201)] == 2
    assert counters.by_endpoint[("POST outbounds/{id}/records", None)] == 2
    assert counters.by_status[429] == counters.throttled == 1
    assert counters.drops == 2
    assert sum(counters.faults.values()) == 6


async def test_plan_restricted_to_a_pattern_counts_only_matching_requests():
    plan = FaultPlan(
        on_requests={2: Fault.SERVER_ERROR_503}, on_requests_match="POST batch/outbounds/*/records"
    )
    fake = populate(FakeThulium(strict=True, faults=plan))
    batch = {"records": [{"phone_number": "600100200"}]}
    async with client_for(fake) as client:
        statuses = []
        for _ in range(3):
            statuses.append((await client.get("outbounds")).status_code)
            statuses.append(
                (await client.post("batch/outbounds/00001/records", json=batch)).status_code
            )
    assert statuses == [200, 207, 200, 503, 200, 207]


async def test_installing_a_plan_restarts_the_count(fake):
    async with client_for(fake) as client:
        await client.get("agents")
        fake.faults = FaultPlan(on_requests={1: Fault.SERVER_ERROR_500})
        assert (await client.get("agents")).status_code == 500
        assert (await client.get("agents")).status_code == 200
        fake.faults = None
        assert fake.faults is None


async def statuses_for(seed: int, n: int = 300) -> list[int | str]:
    plan = FaultPlan(
        error_500_rate=0.05,
        error_502_rate=0.05,
        error_503_rate=0.05,
        throttle_rate=0.05,
        drop_before_commit_rate=0.05,
        drop_after_commit_rate=0.05,
    )
    fake = populate(FakeThulium(strict=True, faults=plan, seed=seed))
    async with client_for(fake) as client:
        return [await post(client, str(600_000_000 + i)) for i in range(n)]


async def test_random_faults_are_reproducible_by_seed():
    first, again, other = await statuses_for(1), await statuses_for(1), await statuses_for(2)
    assert first == again
    assert first != other
    # 30 % of 300 requests faulted on average; generous bounds
    faulted = sum(s != 201 for s in first)
    assert 45 <= faulted <= 140
    assert {500, 502, 503, 429, "RemoteProtocolError"} <= set(first)


async def test_latency_and_jitter():
    fake = populate(FakeThulium(strict=True, faults=FaultPlan(latency=0.05, jitter=0.02)))
    async with client_for(fake) as client:
        started = time.monotonic()
        await asyncio.gather(*(client.get("agents") for _ in range(10)))
        elapsed = time.monotonic() - started
    assert elapsed >= 0.05  # concurrent requests wait side by side
    assert elapsed < 5
    assert fake.counters.peak_concurrency == 10


async def test_token_bucket_rate_limit_with_a_controlled_clock():
    now = [100.0]
    plan = FaultPlan(rate_limit=2, burst=3)
    fake = populate(FakeThulium(strict=True, faults=plan, clock=lambda: now[0]))
    async with client_for(fake) as client:
        burst = [(await client.get("agents")).status_code for _ in range(4)]
        limited = await client.get("agents")
        now[0] += 0.5  # one token back at 2 per second
        after = [(await client.get("agents")).status_code for _ in range(2)]
    assert burst == [200, 200, 200, 429]
    assert error(limited)[:2] == (429, "Too many requests.")
    assert limited.headers["retry-after"] == "1"
    assert after == [200, 429]
    assert fake.counters.rate_limited == fake.counters.throttled == 3


@pytest.mark.parametrize("status", [503, 429])
async def test_concurrency_cap(status):
    plan = FaultPlan(latency=0.05, max_concurrency=2, concurrency_status=status)
    fake = populate(FakeThulium(strict=True, faults=plan))
    async with client_for(fake) as client:
        responses = await asyncio.gather(*(client.get("agents") for _ in range(5)))
    assert sorted(r.status_code for r in responses) == [200, 200, status, status, status]
    refused = [r for r in responses if r.status_code == status]
    assert all(r.headers.get("retry-after") == ("1" if status == 429 else None) for r in refused)
    assert fake.counters.over_concurrency == 3
    assert fake.counters.peak_concurrency == 5
    assert fake.counters.in_flight == 0


async def test_setup_helpers_are_never_faulted():
    fake = FakeThulium(strict=True, faults=FaultPlan(error_500_rate=1.0))
    populate(fake)
    fake.add_record("00001", "600100200")
    fake.seed_records("00001", 5)
    assert len(fake.records("00001")) == 6
    assert fake.counters.total == 0


def test_fault_plan_is_frozen_keyword_only_and_validated():
    plan = FaultPlan(latency=0.1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        plan.latency = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        FaultPlan(0.1)  # type: ignore[misc]
    for bad in (
        {"error_500_rate": 1.5},
        {"error_500_rate": 0.6, "drop_after_commit_rate": 0.6},
        {"latency": -1},
        {"rate_limit": 0},
        {"concurrency_status": 500},
        {"on_requests": {0: Fault.SERVER_ERROR_500}},
    ):
        with pytest.raises(ValueError):
            FaultPlan(**bad)
    assert Fault.SERVER_ERROR_503.status == 503
    assert Fault.DROP_AFTER_COMMIT.status is None


async def test_request_log_and_counters(fake):
    async with client_for(fake) as client:
        await client.post("outbounds/00001/records?x=1", json={"phone_number": "600100200"})
        await client.get(
            "outbounds/00001/records", params=[("status_id[]", "1"), ("status_id[]", "3")]
        )
    first, second = fake.requests
    assert (first.method, first.path, first.endpoint, first.status) == (
        "POST",
        "outbounds/00001/records",
        "POST outbounds/{id}/records",
        400,
    )
    assert first.query == (("x", "1"),)
    assert first.json == {"phone_number": "600100200"}
    assert second.query == (("status_id[]", "1"), ("status_id[]", "3"))
    assert second.json is None
    assert fake.counters.count("GET outbounds/{id}/records") == 1
    assert fake.counters.count("POST outbounds/{id}/records", 400) == 1
    assert fake.counters.total == 2
    fake.clear_requests()
    assert (fake.requests, fake.counters.total) == ([], 0)


async def test_request_log_can_be_capped():
    fake = FakeThulium(strict=True, keep_requests=2)
    async with client_for(fake) as client:
        for _ in range(4):
            await client.get("agents")
    assert len(fake.requests) == 2
    assert fake.counters.total == 4


async def test_the_rate_limit_moves_on_schedule():
    """rate_limit_changes: 2/s, then 1/s after 10 s, then 4/s after 20 s (controlled clock)."""
    now = [0.0]
    plan = FaultPlan(rate_limit=2, burst=1, rate_limit_changes=[(20, 4), (10, 1)])
    fake = populate(FakeThulium(faults=plan, clock=lambda: now[0]))

    async def codes(count: int, spacing: float) -> list[int]:
        answers = []
        for _ in range(count):
            now[0] += spacing
            answers.append((await client.get("agents")).status_code)
        return answers

    async with client_for(fake) as client:
        assert await codes(4, 0.5) == [200] * 4  # 2/s is allowed
        now[0] = 10.0
        assert await codes(4, 0.5) == [200, 429, 200, 429]  # 1/s now
        now[0] = 20.0
        assert await codes(4, 0.25) == [200] * 4  # 4/s
    assert plan.rate_limit_changes == ((10.0, 1.0), (20.0, 4.0))
