"""OpenTelemetry traces and metrics for the client, when ``opentelemetry-api`` is importable.

How a span learns its endpoint: the transport only sees a concrete path
(``outbounds/00001/records``), while the template (``outbounds/{id}/records``)
and the client method (``outbounds.records.create``) belong to the API's
catalog. Rather than threading a ``route=`` through 100+ resource methods, the
catalog's current endpoints are a table here (``_catalog.py``, checked against
the catalog and the client's method maps by the tests) and the path is matched
against it, a literal segment beating a placeholder, with a cache of the paths seen lately. A
call the table does not know (``client.request`` on a legacy endpoint) gets
the method alone as its name, as the HTTP conventions say.

Where the calls come from:

- ``Transport._send`` opens the call span (``Tracing.call``) around the retry
  loop, ``Transport._attempt`` one CLIENT span per attempt (``Tracing.attempt``)
  that suppresses other HTTP instrumentation underneath;
- the limiter reports waits and Retry-After pauses, and the paginator the page
  it fetches, through context variables (``_notes``), knowing nothing of
  OpenTelemetry;
- the bulk engine opens one span per run (``Tracing.bulk``).

Whether ``opentelemetry`` is importable is checked once, when a client is
built (``tracing_for``); without it, or with ``tracing=False``, every
recorder is a shared no-op.
"""

from __future__ import annotations

from ._base import Answer, AttemptRecorder, BulkRecorder, CallInfo, Recorder, Tracing
from ._notes import held_by_pause, limiter_waited, page, pause_started

__all__ = [
    "NO_TRACING",
    "Answer",
    "AttemptRecorder",
    "BulkRecorder",
    "CallInfo",
    "Recorder",
    "Tracing",
    "held_by_pause",
    "limiter_waited",
    "page",
    "pause_started",
    "tracing_for",
]

NO_TRACING = Tracing()
"""Tracing off: the shared no-op."""


def tracing_for(enabled: bool, base_url: str) -> Tracing:
    """The client's tracing: OpenTelemetry when enabled and importable, else the no-op."""
    if not enabled:
        return NO_TRACING
    try:
        from ._otel import OtelTracing
    except ImportError:
        return NO_TRACING
    return OtelTracing(base_url)
