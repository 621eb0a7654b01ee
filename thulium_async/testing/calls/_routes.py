"""Routes of the calls area: connections, recordings, topics, queues."""

from __future__ import annotations

from ..server._routing import Route
from . import _handlers as calls
from . import _handlers_queues as queues

__all__ = ["ROUTES"]

_FILENAME = frozenset({"filename"})

ROUTES: tuple[Route, ...] = (
    Route("GET", "connections", calls.list_connections, query=calls.CONNECTION_QUERY),
    Route("GET", "connections/{id}/topic", calls.get_connection_topic),
    Route("GET", "recordings", calls.list_recordings, query=calls.RECORDING_QUERY),
    Route("GET", "recordings/stream", calls.stream_recording, query=_FILENAME),
    Route("GET", "recordings/download", calls.download_recording, query=_FILENAME),
    Route("GET", "topics", queues.list_topics),
    Route("GET", "queues/{id}/topics", queues.list_queue_topics),
    Route("GET", "queues", queues.list_queues),
    Route("GET", "queues/{id}/waiting_list", queues.waiting_list),
    Route("GET", "queues/{id}/waiting_stats", queues.waiting_stats),
    Route(
        "POST",
        "queues/{id}/schedule_call",
        queues.schedule_call,
        body=frozenset({"phone_number", "call_at"}),
    ),
)
