"""No duplicate spans: HTTP instrumentation underneath the client is suppressed while tracing."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.utils import is_http_instrumentation_enabled
from opentelemetry.trace import SpanKind

from tests.tracing.conftest import Telemetry
from thulium_async.testing import FakeThulium


class _Probe(httpx2.AsyncBaseTransport):
    """Records, for each request, whether HTTP instrumentation would be active there."""

    def __init__(self, inner: httpx2.AsyncBaseTransport) -> None:
        self.inner = inner
        self.enabled: list[bool] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.enabled.append(is_http_instrumentation_enabled())
        return await self.inner.handle_async_request(request)


@pytest.mark.parametrize(("tracing", "instrumented"), [(True, False), (False, True)])
async def test_http_instrumentation_sees_the_suppression_key(
    telemetry: Telemetry, fake: FakeThulium, tracing: bool, instrumented: bool
) -> None:
    probe = _Probe(fake.transport())
    async with fake.client(transport=probe, tracing=tracing) as client:
        await client.outbounds.list()
    assert probe.enabled == [instrumented]


@pytest.fixture
def instrumented_http(fake: FakeThulium) -> Iterator[httpx2.AsyncClient]:
    http = httpx2.AsyncClient(transport=fake.transport())
    HTTPXClientInstrumentor().instrument_client(http)  # type: ignore[arg-type]
    yield http
    HTTPXClientInstrumentor.uninstrument_client(http)  # type: ignore[arg-type]


async def test_httpx_instrumentation_adds_no_second_span(
    telemetry: Telemetry, fake: FakeThulium, instrumented_http: httpx2.AsyncClient
) -> None:
    async with fake.client(http_client=instrumented_http) as client:
        await client.outbounds.list()
    spans = telemetry.spans()
    assert sorted((s.name, s.kind.name) for s in spans) == [
        ("GET outbounds", SpanKind.CLIENT.name),
        ("GET outbounds", SpanKind.INTERNAL.name),
    ]
    assert {s.instrumentation_scope.name for s in spans if s.instrumentation_scope} == {
        "thulium_async"
    }
