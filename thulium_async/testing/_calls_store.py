"""Calls of the fake account: connections (call detail records) and their recordings.

Shared by two areas: agent call control (``_h_agents``) starts and ends calls and
files each finished one here; the call lists (``_h_calls``: connections,
recordings, queues, topics) read them.
"""

from __future__ import annotations

import attrs

__all__ = ["Call", "CallsStore"]


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
