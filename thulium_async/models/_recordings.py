"""What ``recordings`` answers: call recordings."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Response
from ._connections import CallDisposition, CallType

__all__ = ["Recording"]


@attrs.frozen(kw_only=True)
class Recording(Response):
    """A call recording; ``filename`` is what ``recordings.stream/download`` take.

    ``date`` is the call's time, ``created_at`` the recording's.
    """

    filename: str
    date: dt.datetime | None = None
    created_at: dt.datetime | None = None
    src: str | None = None
    dst: str | None = None
    disposition: CallDisposition | None = None
    type: CallType | None = None
    duration: int | None = None
    billsec: int | None = None
    user: str | None = None
    connection_id: str | None = None
