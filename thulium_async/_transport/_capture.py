"""Raw responses of the calls made inside a ``capture_responses()`` block."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from ._response import RawResponse

__all__ = ["ResponseLog", "capture_responses", "record"]

# Every open block of the current context, outermost first: a block opened inside
# another (say, by a bulk helper inside the user's block) must not hide responses
# from the outer one.
_open: ContextVar[tuple[ResponseLog, ...]] = ContextVar("thulium_async_capture", default=())


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
    concurrent calls elsewhere never leak in. Blocks nest: a response is
    recorded in every open block, the outer ones included (bulk helpers open
    their own blocks inside yours)::

        with th.capture_responses() as log:
            await client.outbounds.records.create("00001", phone_number="111222333")
        log.last.status_code, log.last.request_id, log.last.elapsed
    """
    log = ResponseLog()
    token = _open.set((*_open.get(), log))
    try:
        yield log
    finally:
        _open.reset(token)


def record(response: RawResponse) -> None:
    """Add a response to every open capture block of the current context."""
    for log in _open.get():
        log.append(response)
