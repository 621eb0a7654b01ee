"""An OpenTelemetry SDK for the tracing tests: in-memory spans and delta metrics.

The global providers can be set once per process, so they are installed on
first use and shared; each test starts from an empty exporter and a fresh
metrics window. After every test, no span may carry the account's password.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import Counter, Histogram, MeterProvider
from opentelemetry.sdk.metrics.export import AggregationTemporality, InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from thulium_async.testing import FakeThulium

PASSWORD = "S3cr3t-Pa55word"
WRONG_PASSWORD = "Wr0ng-Pa55word"


class Telemetry:
    """The installed SDK's exporter and reader, with helpers to read them."""

    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        delta = AggregationTemporality.DELTA
        self.reader = InMemoryMetricReader(preferred_temporality={Counter: delta, Histogram: delta})

    def spans(self) -> list[ReadableSpan]:
        """Finished spans, in the order they ended."""
        return list(self.exporter.get_finished_spans())

    def reset(self) -> None:
        """Forget spans and metrics so far."""
        self.exporter.clear()
        self.reader.get_metrics_data()  # delta temporality: the next read starts here

    def metrics(self) -> dict[str, list[Any]]:
        """Data points by metric name since the last read (scope ``thulium_async`` only)."""
        found: dict[str, list[Any]] = {}
        data = self.reader.get_metrics_data()
        for resource in data.resource_metrics if data else ():
            for scope in resource.scope_metrics:
                if scope.scope.name != "thulium_async":
                    continue
                for metric in scope.metrics:
                    found.setdefault(metric.name, []).extend(metric.data.data_points)
        return found


@functools.cache
def _installed() -> Telemetry:
    telemetry = Telemetry()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(telemetry.exporter))
    trace.set_tracer_provider(tracer_provider)
    metrics.set_meter_provider(MeterProvider(metric_readers=[telemetry.reader]))
    return telemetry


@pytest.fixture
def telemetry() -> Iterator[Telemetry]:
    """The SDK, emptied; after the test, every span is checked for the password."""
    installed = _installed()
    installed.reset()
    yield installed
    for span in installed.spans():
        assert_no_secret(span)


def assert_no_secret(span: ReadableSpan) -> None:
    """No password (nor its Basic-auth token) in the span's name, attributes, events or status."""
    texts = [span.name, str(span.status.description)]
    texts += [f"{key}={value}" for key, value in (span.attributes or {}).items()]
    for event in span.events:
        texts.append(event.name)
        texts += [f"{key}={value}" for key, value in (event.attributes or {}).items()]
    for secret in (PASSWORD, WRONG_PASSWORD):
        token = base64.b64encode(f"api_user:{secret}".encode()).decode()
        for text in texts:
            assert secret not in text, (span.name, text)
            assert token not in text, (span.name, text)


@pytest.fixture
def fake() -> FakeThulium:
    """A fake account with one campaign, whose password the spans must never show."""
    fake = FakeThulium("api_user", PASSWORD)
    fake.add_campaign("00001", fields=("field1",))
    return fake


def by_name(spans: list[ReadableSpan], name: str) -> list[ReadableSpan]:
    """The spans called ``name``, in the order they started."""
    return sorted((s for s in spans if s.name == name), key=lambda s: s.start_time or 0)


def calls(telemetry: Telemetry, name: str) -> list[ReadableSpan]:
    """The call spans (INTERNAL) called ``name``, in the order they started."""
    return [s for s in by_name(telemetry.spans(), name) if s.kind is SpanKind.INTERNAL]


def attempts(telemetry: Telemetry, name: str) -> list[ReadableSpan]:
    """The attempt spans (CLIENT) called ``name``, in the order they started."""
    return [s for s in by_name(telemetry.spans(), name) if s.kind is SpanKind.CLIENT]
