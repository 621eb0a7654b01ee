"""Handlers: connections (call detail records), recordings, queues and topics.

``GET connections`` and ``GET recordings`` answer ``{"count", "result"}`` with
``count`` the total of matches, at most 100 a page. ``date_from``/``date_to``
take a day (``YYYY-MM-DD``) or a minute (``YYYY-MM-DD hh:mm``), both bounds
inclusive: a day bound covers the whole day, a minute bound its 60 seconds.
Connections filter on the call's start, recordings on their creation (the
call's end; the current docs, where the 2017 ones said the call's date).

Choices where the documentation is silent:

- Ongoing calls (filed with ``ended=False`` by agent call control) are not
  listed: a call detail record exists once the call is over.
- Connections are listed newest first (by the call's start ``date``; calls
  started in the same second, the one seen finished last first). The docs do
  not say; the author of one public integration, who read real answers, pages
  connections newest first and stops at the first call older than the one
  already seen, which only works in that order. So a call ending during a
  paged scan lands on the first page and shifts later pages by one (the
  client's paginator reports it as drift). Recordings keep the order their
  calls were seen finished, oldest first.
- ``tags[]`` matches calls carrying any of the tags; ``include_tags`` adds
  ``tags`` (a list of names), ``include_topics`` adds ``topics`` (a list of
  ``GET topics`` entries: the call's saved topic, or none). Unknown ids or
  logins in filters match nothing (no 404).
- ``GET connections/{id}/topic`` answers for ongoing calls too (agents save a
  topic while talking); an unknown call and a call without a saved topic are
  two different 404s.
- ``recordings/stream`` and ``recordings/download`` (inferred endpoints) take
  ``filename`` as listed; both answer the file with its audio media type
  (``audio/x-wav`` for .wav), download as an attachment named after the file's
  base name; an unknown name is a 404. Recordings exist for finished calls only.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from ..server._clock import stamp
from ..server._errors import bad_request, not_found
from ..server._routing import Blob, Ctx, Reply
from ..shared._validate import Query, as_int, date_bound, page, query_bool
from ._store import Call
from ._views import connection_view, created_at, recording_view, saved_topic_view

__all__ = [
    "CONNECTION_QUERY",
    "RECORDING_QUERY",
    "download_recording",
    "get_connection_topic",
    "list_connections",
    "list_recordings",
    "stream_recording",
]

MAX_LIMIT = 100
_SHARED = frozenset({"limit", "offset", "date_from", "date_to", "src", "dst", "connection_id"})
RECORDING_QUERY = _SHARED
CONNECTION_QUERY = _SHARED | {
    "user_login",
    "queue_id",
    "topic_id",
    "customer_id",
    "tags[]",
    "include_tags",
    "include_topics",
}
_MEDIA_TYPES = {".wav": "audio/x-wav", ".mp3": "audio/mpeg", ".ogg": "audio/ogg"}

Test = Callable[[Call], bool]


def _shared_filters(query: Query, moment: Callable[[Call], str]) -> list[Test]:
    """Date bounds on ``moment(call)``, and src, dst, connection_id (exact matches)."""
    tests: list[Test] = []
    low = date_bound(query, "date_from", end=False)
    if low is not None:
        floor = stamp(low)
        tests.append(lambda c: moment(c) >= floor)
    high = date_bound(query, "date_to", end=True)
    if high is not None:
        ceiling = stamp(high)
        tests.append(lambda c: moment(c) < ceiling)
    for name in ("src", "dst", "connection_id"):
        value = query.get(name)
        if value is not None:
            tests.append(_attribute_is(name, value))
    return tests


def _attribute_is(name: str, value: object) -> Test:
    return lambda call: bool(getattr(call, name) == value)


def _connection_filters(query: Query) -> list[Test]:
    tests = _shared_filters(query, lambda c: c.date)
    login = query.get("user_login")
    if login is not None:
        tests.append(_attribute_is("user_login", login))
    for name in ("queue_id", "topic_id", "customer_id"):
        raw = query.get(name)
        if raw is not None:
            tests.append(_attribute_is(name, as_int(raw, name, minimum=1)))
    wanted = set(query.getlist("tags[]"))
    if wanted:
        tests.append(lambda c: not wanted.isdisjoint(c.tags))
    return tests


def list_connections(ctx: Ctx) -> Reply:
    """GET connections: finished calls matching every filter, ``{"count", "result"}``."""
    query = ctx.query
    limit, offset = page(query, MAX_LIMIT)
    tests = _connection_filters(query)
    tags, topics = query_bool(query, "include_tags"), query_bool(query, "include_topics")
    finished = ctx.state.calls.finished()
    chosen = [c for c in reversed(finished) if all(t(c) for t in tests)]
    # reversed() then a stable sort: same-second calls stay newest-finished first.
    chosen.sort(key=lambda c: c.date, reverse=True)
    state = ctx.state
    result = [
        connection_view(state, c, tags=tags, topics=topics) for c in chosen[offset : offset + limit]
    ]
    return 200, {"count": len(chosen), "result": result}


def get_connection_topic(ctx: Ctx) -> Reply:
    """GET connections/{id}/topic: what an agent saved for the call."""
    store = ctx.state.calls
    call = store.call(ctx.params["id"])
    saved = store.saved_topics.get(call.connection_id)
    if saved is None:
        raise not_found("connection_topic_not_found")
    return 200, saved_topic_view(saved)


def list_recordings(ctx: Ctx) -> Reply:
    """GET recordings: recorded finished calls, filtered on the recording's creation."""
    query = ctx.query
    limit, offset = page(query, MAX_LIMIT)
    tests = _shared_filters(query, created_at)
    chosen = [c for c in ctx.state.calls.finished() if c.filename and all(t(c) for t in tests)]
    state = ctx.state
    result = [recording_view(state, c) for c in chosen[offset : offset + limit]]
    return 200, {"count": len(chosen), "result": result}


def _audio(ctx: Ctx) -> tuple[str, bytes]:
    name = ctx.query.get("filename")
    if not name:
        raise bad_request("required", name="filename")
    data = ctx.state.calls.recordings.get(name)
    if data is None:
        raise not_found("recording_not_found")
    return name, data


def _media_type(name: str) -> str:
    return _MEDIA_TYPES.get(posixpath.splitext(name)[1].lower(), "application/octet-stream")


def stream_recording(ctx: Ctx) -> Reply:
    """GET recordings/stream?filename=: the audio, inline."""
    name, data = _audio(ctx)
    return 200, Blob(data, _media_type(name))


def download_recording(ctx: Ctx) -> Reply:
    """GET recordings/download?filename=: the audio as an attachment named after the file."""
    name, data = _audio(ctx)
    return 200, Blob(data, _media_type(name), posixpath.basename(name))
