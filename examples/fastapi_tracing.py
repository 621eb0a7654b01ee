"""A FastAPI backend that calls Thulium in its handlers, traced with OpenTelemetry.

The library only emits through the global providers; the application installs
the SDK and its exporter. Every handler's trace then shows each Thulium call
(``POST outbounds/{id}/records``), its HTTP attempts with status codes and
resend counts, limiter waits and Retry-After pauses.

Run it::

    pip install "thulium-async[otel]" opentelemetry-sdk opentelemetry-exporter-otlp fastapi uvicorn
    export THULIUM_BASE_URL=https://acme.thulium.com/api THULIUM_USER=... THULIUM_PASSWORD=...
    uvicorn examples.fastapi_tracing:serve --factory --port 8000

FastAPI's own telemetry (recent releases; ``FastAPI(telemetry=...)``) opens
the server span once an SDK is installed; on older releases add
``FastAPIInstrumentor.instrument_app(app)`` from opentelemetry-instrumentation-fastapi.
``opentelemetry-instrumentation-httpx`` may stay installed: the client
suppresses it under its own spans.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

import thulium_async as th

try:
    from fastapi import FastAPI, Request
    from pydantic import BaseModel
except ImportError as exc:  # FastAPI is not a dependency of thulium_async
    raise SystemExit("this example needs FastAPI: pip install fastapi uvicorn") from exc

NEW_LEAD_STATUS_ID = 3  # a campaign status id, as GET outbounds/{id}/statuses lists them


def install_sdk(exporter: SpanExporter | None = None) -> None:
    """The application's part: an SDK tracer provider exporting (here to the console)."""
    provider = TracerProvider(resource=Resource.create({"service.name": "leads-api"}))
    provider.add_span_processor(BatchSpanProcessor(exporter or ConsoleSpanExporter()))
    trace.set_tracer_provider(provider)


class Lead(BaseModel):
    """A lead to call back."""

    phone_number: str


def create_app(make_client: Callable[[], th.Client] = th.Client.from_env) -> FastAPI:
    """The app; one Thulium client for its lifetime, shared by every request."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with make_client() as client:
            app.state.thulium = client
            yield

    app = FastAPI(lifespan=lifespan)

    @app.post("/campaigns/{campaign_id}/leads")
    async def add_lead(campaign_id: str, lead: Lead, request: Request) -> dict[str, int]:
        client: th.Client = request.app.state.thulium
        # Two Thulium calls, each a span: the campaign's statuses (looked up once,
        # cached 5 minutes, to check the status) and the create.
        record_id = await client.outbounds.records.create(
            campaign_id, phone_number=lead.phone_number, status_id=NEW_LEAD_STATUS_ID
        )
        return {"record_id": record_id}

    return app


def serve() -> FastAPI:
    """The uvicorn factory: install the SDK, then build the app."""
    install_sdk()
    return create_app()
