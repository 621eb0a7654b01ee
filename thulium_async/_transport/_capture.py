"""Raw responses of the calls made inside a ``capture_responses()`` block."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from ._response import RawResponse

__all__ = ["ResponseLog", "capture_responses", "record"]

_current: ContextVar[ResponseLog | None] = ContextVar("thulium_async_capture", default=None)


class ResponseLog(list[RawResponse]):
    """The raw responses seen in a capture block, in arrival order."""

    @property
    def last(self) -> RawResponse:
        """The most recent response (IndexError when none arrived)."""
        return self[-1]


@contextlib.contextmanager
def capture_responses() -> Iterator[ResponseLog]:
    """Collect the raw response (status, headers, request id, elapsed) of every call.

    Scoped to the current task and the tasks it starts inside the block, so
    concurrent calls elsewhere never leak in::

        with th.capture_responses() as log:
            await client.outbounds.records.create("00001", phone_number="111222333")
        log.last.status_code, log.last.request_id, log.last.elapsed
    """
    log = ResponseLog()
    token = _current.set(log)
    try:
        yield log
    finally:
        _current.reset(token)


def record(response: RawResponse) -> None:
    """Add a response to the active capture block, if any."""
    log = _current.get()
    if log is not None:
        log.append(response)
