"""Calls of the fake account: connections (call detail records) and their recordings.

Shared by two areas: agent call control (``_h_agents``) starts and ends calls and
files each finished one here; the call lists (``_h_calls``: connections,
recordings, queues, topics) read them.
"""

from __future__ import annotations

import io
import wave

import attrs

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
        return call

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
