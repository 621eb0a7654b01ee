"""What the queue endpoints answer: queues, callers waiting in one, its waiting stats."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Response
from ._reports import Duration

__all__ = ["Queue", "QueueWaitingStats", "WaitingCaller"]


@attrs.frozen(kw_only=True)
class Queue(Response):
    """A call queue as ``GET queues`` lists it (an endpoint seen in use, not documented).

    Integrations read ``queue_id`` and ``name``; anything else the account
    sends is in ``extra``.
    """

    queue_id: int
    name: str | None = None


@attrs.frozen(kw_only=True)
class QueueWaitingStats(Response):
    """How many callers wait in a queue now and roughly for how long (``queues/:id/waiting_stats``).

    Not in the docs: Thulium's website widget reads ``in_queue`` and
    ``approx_wait_time`` (``"HH:MM:SS"``, null when nobody waits), another
    integration ``waiting`` and ``estimated_waiting_time``. Which pair an
    account sends is unknown, so both are fields; ``count`` and ``wait``
    read whichever came.
    """

    in_queue: int | None = None
    approx_wait_time: Duration | None = None
    waiting: int | None = None
    estimated_waiting_time: Duration | None = None

    @property
    def count(self) -> int | None:
        """Callers waiting now: ``in_queue``, else ``waiting``."""
        return self.in_queue if self.in_queue is not None else self.waiting

    @property
    def wait(self) -> Duration | None:
        """The approximate wait: ``approx_wait_time``, else ``estimated_waiting_time``."""
        return (
            self.approx_wait_time
            if self.approx_wait_time is not None
            else (self.estimated_waiting_time)
        )


@attrs.frozen(kw_only=True)
class WaitingCaller(Response):
    """A caller waiting in a queue, matched to a CRM customer when that is unambiguous.

    ``customer_label`` is the person's or the company's name.
    """

    phone_number: str
    started_at: dt.datetime | None = None
    customer_id: int | None = None
    customer_label: str | None = None
