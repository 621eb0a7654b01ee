"""Call and attempt spans against the fake: retries, errors, secrets, tracing=False."""

from __future__ import annotations

import sys

import pytest
from opentelemetry import trace
from opentelemetry.trace import StatusCode

import thulium_async as th
from tests.support import open_client
from tests.tracing import conftest as otel
from tests.tracing.conftest import Telemetry, attempts, calls
from thulium_async import errors
from thulium_async._tracing import NO_TRACING, tracing_for
from thulium_async.models import NewRecord
from thulium_async.testing import FakeThulium, Fault, FaultPlan


async def _create(client: th.Client) -> None:
    assert await client.outbounds.records.create("00001", phone_number="111222333") > 0


async def _statuses(client: th.Client) -> None:
    assert await client.outbounds.statuses.list("00001")


CASES = {
    # name: (the call, its span name, its client method, the final answer's status)
    "get": (_statuses, "GET outbounds/{id}/statuses", "outbounds.statuses.list", 200),
    "create": (_create, "POST outbounds/{id}/records", "outbounds.records.create", 201),
}


@pytest.mark.parametrize("mode", ["in_process", "loopback"])
@pytest.mark.parametrize("case", sorted(CASES))
async def test_429_429_200_gives_one_call_span_and_three_attempts(
    telemetry: Telemetry, fake: FakeThulium, mode: str, case: str
) -> None:
    call_it, name, operation, final = CASES[case]
    fake.faults = FaultPlan(
        retry_after=0,
        on_requests={1: Fault.TOO_MANY_REQUESTS_429, 2: Fault.TOO_MANY_REQUESTS_429},
    )
    async with open_client(fake, mode, check_statuses=False) as client:
        await call_it(client)

    (call,) = calls(telemetry, name)
    sent = attempts(telemetry, name)
    assert len(sent) == 3
    assert call.attributes is not None
    assert call.attributes["thulium.operation"] == operation
    assert call.attributes["url.template"] == name.split(" ")[1]
    assert call.attributes["thulium.attempts"] == 3
    assert call.status.status_code is StatusCode.UNSET
    assert [e.name for e in call.events] == ["thulium.retry", "thulium.retry"]
    for attempt in sent:
        assert attempt.parent is not None
        assert attempt.parent.span_id == call.context.span_id
        assert attempt.context.trace_id == call.context.trace_id
    attributes = [a.attributes or {} for a in sent]
    assert [a["http.response.status_code"] for a in attributes] == [429, 429, final]
    assert [a.get("http.request.resend_count") for a in attributes] == [None, 1, 2]
    assert [a.get("error.type") for a in attributes] == ["429", "429", None]
    assert [s.status.status_code for s in sent] == [
        StatusCode.ERROR,
        StatusCode.ERROR,
        StatusCode.UNSET,
    ]
    for a in attributes:
        assert a["http.request.method"] == name.split(" ")[0]
        assert a["url.template"] == name.split(" ")[1]
        assert str(a["url.full"]).endswith(name.split(" ")[1].replace("{id}", "00001"))
        assert a["server.address"] in ("fake.thulium.local", "127.0.0.1")
        assert isinstance(a["server.port"], int)
        assert a["thulium.limiter.wait"] >= 0
    # Thulium (and the fake) give a request id with error answers.
    assert [bool(a.get("thulium.request_id")) for a in attributes] == [True, True, False]
    assert attributes[0]["thulium.retry_after"] == 0.0


async def test_call_spans_nest_under_the_callers_span(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    tracer = trace.get_tracer("test")
    async with fake.client() as client:
        with tracer.start_as_current_span("handler") as handler:
            await client.outbounds.statuses.list("00001")
    (call,) = calls(telemetry, "GET outbounds/{id}/statuses")
    assert call.parent is not None
    assert call.parent.span_id == handler.get_span_context().span_id


async def test_an_error_answer_ends_the_call_span_in_error(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    async with fake.client(auth=("api_user", otel.WRONG_PASSWORD)) as client:
        with pytest.raises(errors.AuthenticationError):
            await client.outbounds.list()
    (call,) = calls(telemetry, "GET outbounds")
    (attempt,) = attempts(telemetry, "GET outbounds")
    assert call.status.status_code is StatusCode.ERROR
    assert call.attributes is not None
    assert call.attributes["error.type"] == "401"
    assert attempt.attributes is not None
    assert attempt.attributes["http.response.status_code"] == 401
    assert attempt.attributes["thulium.request_id"]


async def test_a_dropped_connection_names_its_error_type(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    fake.faults = FaultPlan(on_requests={1: Fault.DROP_BEFORE_COMMIT})
    async with open_client(fake, "in_process") as client:
        await client.outbounds.list()
    first, second = attempts(telemetry, "GET outbounds")
    assert first.attributes is not None
    assert "http.response.status_code" not in first.attributes
    assert first.attributes["error.type"] not in ("", "429")
    assert first.status.status_code is StatusCode.ERROR
    assert second.attributes is not None
    assert second.attributes["http.response.status_code"] == 200


async def test_an_endpoint_outside_the_catalog_is_named_by_its_method(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    async with fake.client() as client:
        with pytest.raises(errors.APIError):
            await client.request("GET", "agents/jkowalski/screenshot/last")
    names = {s.name for s in telemetry.spans()}
    assert names == {"GET"}


async def test_tracing_false_emits_no_span(telemetry: Telemetry, fake: FakeThulium) -> None:
    async with fake.client(tracing=False) as client:
        await client.outbounds.records.create("00001", phone_number="111222333")
        await client.outbounds.records.list("00001").to_list()
        await client.bulk.create_records([("00001", NewRecord(phone_number="111222334"))])
    assert telemetry.spans() == []
    assert telemetry.metrics() == {}


async def test_with_options_turns_tracing_off_and_on(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    async with fake.client() as client:
        await client.with_options(tracing=False).outbounds.list()
        assert telemetry.spans() == []
        await client.with_options(timeout=5).outbounds.list()  # keeps the original's tracing
        assert len(telemetry.spans()) == 2
    async with fake.client(tracing=False) as client:
        await client.with_options(tracing=True).outbounds.list()
    assert len(telemetry.spans()) == 4


def test_without_opentelemetry_the_client_uses_the_no_op(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert tracing_for(True, "https://acme.thulium.com/api").enabled
    monkeypatch.setitem(sys.modules, "thulium_async._tracing._otel", None)
    assert tracing_for(True, "https://acme.thulium.com/api") is NO_TRACING
    assert tracing_for(False, "https://acme.thulium.com/api") is NO_TRACING


def test_the_secret_check_catches_a_leak(telemetry: Telemetry) -> None:
    with trace.get_tracer("test").start_as_current_span("leaky") as span:
        span.set_attribute("http.request.header.authorization", f"x{otel.PASSWORD}x")
    (leaky,) = telemetry.spans()
    with pytest.raises(AssertionError):
        otel.assert_no_secret(leaky)
    telemetry.exporter.clear()
