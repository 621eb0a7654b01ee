"""The OpenTelemetry recorders: the only module that imports ``opentelemetry``.

Spans come from the global tracer provider and instruments from the global
meter provider (both no-ops until the application installs an SDK), under
the instrumentation scope ``thulium_async`` at the package's version.

When no SDK is installed the API hands back invalid, non-recording spans:
the recorders then skip every attribute and context change, so a traced
client costs a few dictionary lookups and no-op calls per request.
"""

from __future__ import annotations

import contextvars
import functools
import time
from collections.abc import Mapping
from typing import Any

import attrs
import httpx2
from opentelemetry import context, metrics, trace
from opentelemetry.context import _SUPPRESS_HTTP_INSTRUMENTATION_KEY
from opentelemetry.trace import SpanKind, Status, StatusCode

from .._version import __version__
from ._base import Answer, AttemptRecorder, BulkRecorder, CallInfo, Recorder, Tracing
from ._catalog import ROUTES
from ._notes import ATTEMPT, current_page
from ._routes import Routes

__all__ = ["OtelTracing"]

SCOPE = "thulium_async"
# The HTTP semantic conventions' advisory buckets for http.client.request.duration.
_DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_ROUTES = Routes(ROUTES)
_ROUTE_CACHE = 4096  # paths carry ids, so the cache is emptied when full


@attrs.frozen
class Endpoint:
    """What the spans and metrics of every call to one concrete path share."""

    name: str
    """The span name: ``METHOD template``, or the method alone off the catalog."""
    template: str | None
    operation: str | None
    attributes: Mapping[str, Any]
    """The metrics' attributes common to every attempt (read only: copied per attempt)."""


@attrs.frozen
class _Instruments:
    tracer: trace.Tracer
    duration: metrics.Histogram
    limiter_wait: metrics.Histogram
    retries: metrics.Counter
    throttled: metrics.Counter
    pauses: metrics.Counter


@functools.cache
def _instruments() -> _Instruments:
    # Once per process: the global providers hand out proxies that follow an SDK
    # installed later, and an SDK warns about instruments created twice.
    meter = metrics.get_meter(SCOPE, __version__)
    return _Instruments(
        tracer=trace.get_tracer(SCOPE, __version__),
        duration=meter.create_histogram(
            "http.client.request.duration",
            unit="s",
            description="Duration of HTTP client requests (one per attempt).",
            explicit_bucket_boundaries_advisory=list(_DURATION_BUCKETS),
        ),
        limiter_wait=meter.create_histogram(
            "thulium.client.limiter.wait",
            unit="s",
            description="Time an attempt waited for the client's rate limiter.",
        ),
        retries=meter.create_counter(
            "thulium.client.retries", unit="{retry}", description="Attempts that were retries."
        ),
        throttled=meter.create_counter(
            "thulium.client.throttled",
            unit="{response}",
            description="Answers 429 Too Many Requests.",
        ),
        pauses=meter.create_counter(
            "thulium.client.pauses",
            unit="{pause}",
            description="Retry-After pauses that held every request of the client.",
        ),
    )


class OtelTracing(Tracing):
    """Tracing on: spans and metrics through the global OpenTelemetry providers."""

    enabled = True

    def __init__(self, base_url: str) -> None:
        url = httpx2.URL(base_url)
        self.instruments = _instruments()
        self.host = url.host
        self.port = url.port or _DEFAULT_PORTS.get(url.scheme, 443)
        self._base_path = url.raw_path.decode("ascii").split("?", 1)[0].rstrip("/") + "/"
        # Concrete request paths seen lately: the lookup then costs one dict access.
        self._endpoints: dict[tuple[str, bytes], Endpoint] = {}

    def endpoint(self, request: httpx2.Request) -> Endpoint:
        """The endpoint ``request`` calls: its catalog template and client method, if known."""
        key = (request.method, request.url.raw_path)
        try:
            return self._endpoints[key]
        except KeyError:
            pass
        method = request.method
        path = key[1].decode("ascii").split("?", 1)[0]
        if path.startswith(self._base_path):
            path = path[len(self._base_path) :]
        found = _ROUTES.match(method, path)
        attributes: dict[str, Any] = {
            "http.request.method": method,
            "server.address": self.host,
            "server.port": self.port,
        }
        if found is None:
            endpoint = Endpoint(method, None, None, attributes)
        else:
            attributes["url.template"] = found[0]
            endpoint = Endpoint(f"{method} {found[0]}", found[0], found[1], attributes)
        if len(self._endpoints) >= _ROUTE_CACHE:
            self._endpoints.clear()
        self._endpoints[key] = endpoint
        return endpoint

    def call(self, request: httpx2.Request) -> Recorder:
        """See :meth:`Tracing.call`."""
        return _Call(self, request)

    def attempt(self, request: httpx2.Request, call: CallInfo) -> AttemptRecorder:
        """See :meth:`Tracing.attempt`."""
        return _Attempt(self, request, call)

    def bulk(self, operation: str) -> BulkRecorder:
        """See :meth:`Tracing.bulk`."""
        return _Bulk(self, operation)


_CALL: contextvars.ContextVar[_Call | None] = contextvars.ContextVar(
    "thulium_async_call", default=None
)


class _Call(Recorder):
    """The INTERNAL span of a client call, named ``METHOD template``; attempts go under it."""

    __slots__ = (
        "_request",
        "_token",
        "_tracing",
        "attempts",
        "context",
        "ended",
        "endpoint",
        "span",
    )

    def __init__(self, tracing: OtelTracing, request: httpx2.Request) -> None:
        self._tracing = tracing
        self._request = request
        self.attempts = 0
        self.ended = 0.0
        self.span: trace.Span | None = None
        self.context: context.Context | None = None

    def __enter__(self) -> _Call:
        self.endpoint = endpoint = self._tracing.endpoint(self._request)
        span = self._tracing.instruments.tracer.start_span(endpoint.name)
        if span.get_span_context().is_valid:
            self.span = span
            self.context = trace.set_span_in_context(span)
            if span.is_recording():
                attributes: dict[str, Any] = {"http.request.method": self._request.method}
                if endpoint.template is not None:
                    attributes["url.template"] = endpoint.template
                if endpoint.operation is not None:
                    attributes["thulium.operation"] = endpoint.operation
                page = current_page()
                if page is not None:
                    attributes["thulium.page.offset"], attributes["thulium.page.limit"] = page
                span.set_attributes(attributes)
        self._token = _CALL.set(self)
        return self

    def end(self, exc: BaseException | None) -> None:
        """See :meth:`Recorder.end`."""
        _CALL.reset(self._token)
        span = self.span
        if span is None:
            return
        if span.is_recording():
            span.set_attribute("thulium.attempts", self.attempts)
            if exc is not None:
                span.set_attribute("error.type", error_type(exc))
                span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
        span.end()


class _Attempt(AttemptRecorder):
    """The CLIENT span and the metrics of one HTTP attempt."""

    __slots__ = (
        "_call",
        "_context_token",
        "_info",
        "_notes_token",
        "_request",
        "_sent",
        "_status",
        "_tracing",
        "_waited",
        "answer",
        "number",
        "span",
    )

    def __init__(self, tracing: OtelTracing, request: httpx2.Request, info: CallInfo) -> None:
        self._tracing = tracing
        self._request = request
        self._info = info
        self._waited = 0.0
        self._status: int | None = None
        self.answer: Answer | None = None
        self.span: trace.Span | None = None

    def __enter__(self) -> _Attempt:
        call = _CALL.get()
        assert call is not None, "an attempt is traced inside its call"
        self._call = call
        self.number = number = self._info.attempts + 1
        tracing = self._tracing
        if number > 1:
            tracing.instruments.retries.add(1, {"server.address": tracing.host})
        self._context_token = None
        if call.span is not None:
            span = tracing.instruments.tracer.start_span(
                call.endpoint.name, context=call.context, kind=SpanKind.CLIENT
            )
            if span.is_recording():
                self._describe(span, call)
            self.span = span
            # HTTP instrumentation underneath (opentelemetry-instrumentation-httpx)
            # would add a second span for the same exchange. Without a tracing SDK
            # there is no span to duplicate, and the attach is skipped to stay cheap.
            suppressed = context.set_value(
                _SUPPRESS_HTTP_INSTRUMENTATION_KEY, True, trace.set_span_in_context(span)
            )
            self._context_token = context.attach(suppressed)
        self._notes_token = ATTEMPT.set(self)
        self._sent = time.perf_counter()
        return self

    def _describe(self, span: trace.Span, call: _Call) -> None:
        request, tracing = self._request, self._tracing
        attributes: dict[str, Any] = {
            "http.request.method": request.method,
            "url.full": scrubbed(request.url),
            "server.address": tracing.host,
            "server.port": tracing.port,
        }
        if call.endpoint.template is not None:
            attributes["url.template"] = call.endpoint.template
        if self.number > 1:
            attributes["http.request.resend_count"] = self.number - 1
            decision = self._info.decision
            if call.span is not None:
                call.span.add_event(
                    "thulium.retry",
                    {
                        "thulium.attempt": self.number,
                        "thulium.retry.reason": str(getattr(decision, "reason", "")),
                        "thulium.retry.delay": max(0.0, time.perf_counter() - call.ended),
                    },
                )
        span.set_attributes(attributes)

    def answered(self, answer: Answer) -> None:
        """See :meth:`AttemptRecorder.answered`."""
        self.answer = answer
        self._status = answer.status_code

    # -- notes from the limiter (see _notes) ----------------------------------------------

    def waited(self, seconds: float) -> None:
        """See :class:`AttemptNotes`; the exchange starts now."""
        self._waited += seconds
        self._sent = time.perf_counter()

    def paused(self, seconds: float) -> None:
        """See :class:`AttemptNotes`."""
        if self.span is not None and self.span.is_recording():
            self.span.add_event("thulium.limiter.paused", {"thulium.pause.seconds": seconds})

    def pause_started(self, seconds: float) -> None:
        """See :class:`AttemptNotes`."""
        self._tracing.instruments.pauses.add(1, {"server.address": self._tracing.host})
        if self.span is not None and self.span.is_recording():
            self.span.add_event("thulium.pause.started", {"thulium.pause.seconds": seconds})

    def end(self, exc: BaseException | None) -> None:
        """See :meth:`Recorder.end`."""
        ended = time.perf_counter()
        ATTEMPT.reset(self._notes_token)
        if self._context_token is not None:
            context.detach(self._context_token)
        call, tracing = self._call, self._tracing
        call.attempts = self.number
        call.ended = ended
        status = self._status
        if status is None and exc is not None:
            status = getattr(exc, "status_code", None)
        error = error_type(exc) if exc is not None else None
        attributes = dict(call.endpoint.attributes)
        if status is not None:
            attributes["http.response.status_code"] = status
        if error is not None:
            attributes["error.type"] = error
        instruments = tracing.instruments
        instruments.duration.record(ended - self._sent, attributes)
        instruments.limiter_wait.record(self._waited, {"server.address": tracing.host})
        if status == 429:
            instruments.throttled.add(1, {"server.address": tracing.host})
        span = self.span
        if span is None:
            return
        if span.is_recording():
            self._conclude(span, status, error, exc)
        span.end()

    def _conclude(
        self, span: trace.Span, status: int | None, error: str | None, exc: BaseException | None
    ) -> None:
        attributes: dict[str, Any] = {"thulium.limiter.wait": self._waited}
        if status is not None:
            attributes["http.response.status_code"] = status
        if error is not None:
            attributes["error.type"] = error
            span.set_status(Status(StatusCode.ERROR, error))
        request_id = getattr(self.answer if exc is None else exc, "request_id", None)
        if request_id is None and self.answer is not None:
            request_id = self.answer.headers.get("x-request-id")
        if request_id:
            attributes["thulium.request_id"] = str(request_id)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            attributes["thulium.retry_after"] = float(retry_after)
        span.set_attributes(attributes)


class _Bulk(BulkRecorder):
    """The span of one bulk run, current while it runs so its requests nest under it."""

    __slots__ = ("_operation", "_token", "_tracing", "span")

    def __init__(self, tracing: OtelTracing, operation: str) -> None:
        self._tracing = tracing
        self._operation = operation
        self._token: object | None = None
        self.span: trace.Span | None = None

    def __enter__(self) -> _Bulk:
        span = self._tracing.instruments.tracer.start_span(f"bulk {self._operation}")
        if span.get_span_context().is_valid:
            self.span = span
            span.set_attribute("thulium.operation", f"bulk.{self._operation}")
            # Task groups copy the current context into their tasks: every
            # request of the run then finds this span as its parent.
            self._token = context.attach(trace.set_span_in_context(span))
        return self

    def report(self, counts: Mapping[str, int]) -> None:
        """See :meth:`BulkRecorder.report`."""
        if self.span is not None and self.span.is_recording():
            self.span.set_attributes({f"thulium.bulk.{name}": n for name, n in counts.items()})

    def end(self, exc: BaseException | None) -> None:
        """See :meth:`Recorder.end`."""
        if self.span is None:
            return
        context.detach(self._token)  # type: ignore[arg-type]
        if exc is not None and self.span.is_recording():
            self.span.set_attribute("error.type", error_type(exc))
            self.span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
        self.span.end()


def error_type(exc: BaseException) -> str:
    """``error.type``: the status code of an error answer, else the underlying exception's type."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int) and status >= 400:
        return str(status)
    cause = exc.__cause__ if exc.__cause__ is not None else exc
    return type(cause).__qualname__


def scrubbed(url: httpx2.URL) -> str:
    """``url.full`` without user info: the client never puts credentials in URLs, but be sure."""
    if url.userinfo:
        url = url.copy_with(username=None, password=None)
    return str(url)
