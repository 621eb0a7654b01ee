"""Calls of the fake account: connections (call detail records) and their recordings.

Shared by two areas: agent call control (``agents._handlers``) files each call here
with ``ended=False`` when it starts and completes it in place when it ends;
the call lists (``_handlers``: connections, recordings, queues, topics) read
them. Also here: call queues, topic groups, topics and the topics saved per call.

Listing order: ``finished()`` lists calls in the order they were seen finished
(a call filed finished is seen at once; an ongoing one when a list is next
read after it ended). The list only ever grows at its end, so offset paging
over it never shifts under a running scan.
"""

from __future__ import annotations

import io
import wave

import attrs

from ..server._errors import not_found
from ._models import (
    Queue,
    SavedTopic,
    ScheduledCall,
    Topic,
    TopicField,
    TopicGroup,
)

__all__ = ["Call", "CallsStore", "silent_wav"]

_RATE = 8000  # telephone-quality mono, 8-bit: 8 KB of audio per second
_MAX_SECONDS = 3600


@attrs.define(eq=False)
class Call:
    """A finished (or, with ``ended`` False, ongoing) call as ``GET connections`` shows it.

    Dates are local ``YYYY-MM-DD hh:mm:ss`` strings; ``filename`` names the
    recording (``""``: not recorded); ``type`` is INBOUND or OUTBOUND and
    ``disposition`` one of ANSWERED, BUSY, FAILED, NO ANSWER.
    """

    connection_id: str
    date: str
    src: str
    dst: str
    type: str
    disposition: str = "ANSWERED"
    duration: int = 0
    billsec: int = 0
    user_login: str = ""
    queue_id: int | None = None
    topic_id: int | None = None
    customer_id: int | None = None
    ticket_id: int | None = None
    outbound_id: str = ""
    outbound_result: str = ""
    operator: str = "siptrunk"
    filename: str = ""
    tags: list[str] = attrs.field(factory=list)
    disconnected_by: str = ""
    transferred_to: str = ""
    ended: bool = True


class CallsStore:
    """Every call of the account in start order, and the recordings' audio by filename."""

    def __init__(self) -> None:
        self.calls: dict[str, Call] = {}
        self.recordings: dict[str, bytes] = {}
        self._next_sequence = 1
        self._listed: list[Call] = []
        self._ongoing: dict[str, Call] = {}
        # Saved topics by connection id (what GET connections/{id}/topic shows).
        self.saved_topics: dict[str, SavedTopic] = {}
        self.queues: dict[int, Queue] = {}
        self.topic_groups: dict[int, TopicGroup] = {}
        self.topics: dict[int, Topic] = {}
        self.topic_fields: dict[int, TopicField] = {}
        # Every call scheduled through a queue, due or not, in scheduling order.
        self.scheduled: list[ScheduledCall] = []
        self._next_ids = {"queue": 1, "group": 1, "topic": 1, "field": 1}

    def new_connection_id(self, epoch_seconds: int) -> str:
        """A Thulium-style connection id, ``"<unix time>.<sequence>"`` (a string, never a float)."""
        sequence = self._next_sequence
        self._next_sequence += 1
        return f"{epoch_seconds}.{sequence}"

    def add(self, call: Call) -> Call:
        """File a call (ongoing or finished) under its connection id."""
        if call.connection_id in self.calls:
            raise ValueError(f"connection {call.connection_id} already exists")
        self.calls[call.connection_id] = call
        if call.ended:
            self._listed.append(call)
        else:
            self._ongoing[call.connection_id] = call
        return call

    def finished(self) -> list[Call]:
        """Finished calls in listing order (see the module docstring); do not mutate."""
        if self._ongoing:
            done = [call for call in self._ongoing.values() if call.ended]
            for call in done:
                del self._ongoing[call.connection_id]
            self._listed.extend(done)
        return self._listed

    def call(self, connection_id: str) -> Call:
        """The call (ongoing or finished), or a 404."""
        try:
            return self.calls[connection_id]
        except KeyError:
            raise not_found("connection_not_found") from None

    def queue(self, raw_id: str) -> Queue:
        """The queue with this id (a path segment), or a 404."""
        queue = self.queues.get(int(raw_id)) if raw_id.isdigit() else None
        if queue is None:
            raise not_found("queue_not_found")
        return queue

    def new_id(self, kind: str) -> int:
        """The next id of a ``queue``, topic ``group``, ``topic`` or topic ``field``."""
        value = self._next_ids[kind]
        self._next_ids[kind] = value + 1
        return value

    def claim_id(self, kind: str, value: int) -> None:
        """Note an id chosen by setup code, so generated ones never collide with it."""
        self._next_ids[kind] = max(self._next_ids[kind], value + 1)

    def active_topics(
        self, group_ids: list[int] | None = None
    ) -> list[tuple[TopicGroup, list[Topic]]]:
        """Active groups (all, or those given, in that order) with their active topics."""
        groups = self.topic_groups
        chosen = list(groups.values()) if group_ids is None else [groups[g] for g in group_ids]
        return [
            (group, [t for t in (self.topics[i] for i in group.topic_ids) if t.active])
            for group in chosen
            if group.active
        ]

    def schedule(self, queue: Queue, phone_number: str, call_at: str, now: str) -> None:
        """Schedule a call through ``queue`` (kept in ``scheduled`` for inspection too)."""
        scheduled = ScheduledCall(queue.queue_id, phone_number, call_at, now)
        queue.scheduled.append(scheduled)
        self.scheduled.append(scheduled)

    def take_due(self, queue: Queue, now: str) -> list[ScheduledCall]:
        """Take the queue's scheduled calls that are due (``call_at`` <= ``now``), earliest first.

        The caller puts them at the end of the line (``_events.line``), so
        each gets a connection id and its ENTER_QUEUE event.
        """
        due = sorted((s for s in queue.scheduled if s.call_at <= now), key=lambda s: s.call_at)
        if due:
            queue.scheduled = [s for s in queue.scheduled if s.call_at > now]
        return due

    def record(self, call: Call, folder: str = "nagrania", audio: bytes | None = None) -> str:
        """Give ``call`` a recording; returns its filename.

        The name follows the documented shape, ``folder/YYYY-MM-DD/YYYY-MM-DD_hhmmss_ID.wav``;
        ``audio`` defaults to ``billsec`` seconds of silence as a real WAV file.
        """
        day, clock = call.date[:10], call.date[11:19].replace(":", "")
        filename = f"{folder}/{day}/{day}_{clock}_{call.connection_id}.wav"
        call.filename = filename
        self.recordings[filename] = silent_wav(call.billsec) if audio is None else audio
        return filename


def silent_wav(seconds: float) -> bytes:
    """A valid WAV file of ``seconds`` of silence (8 kHz, 8-bit mono; capped at an hour)."""
    frames = int(min(max(seconds, 0), _MAX_SECONDS) * _RATE)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(_RATE)
        out.writeframes(b"\x80" * frames)  # 8-bit WAV is unsigned: 0x80 is silence
    return buffer.getvalue()
