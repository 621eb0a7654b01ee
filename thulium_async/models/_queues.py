"""What ``queues/:id/waiting_list`` answers: callers waiting in a queue."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Response

__all__ = ["WaitingCaller"]


@attrs.frozen(kw_only=True)
class WaitingCaller(Response):
    """A caller waiting in a queue, matched to a CRM customer when that is unambiguous.

    ``customer_label`` is the person's or the company's name.
    """

    phone_number: str
    started_at: dt.datetime | None = None
    customer_id: int | None = None
    customer_label: str | None = None
