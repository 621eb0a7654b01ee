"""Internal units of work: one input item on its way (Entry) and what became of it (Settled)."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from ._models import Outcome

__all__ = ["Entry", "Settled"]


class Entry:
    """One valid input item between reading and settling.

    ``key`` identifies the record within its campaign (phone number without a
    leading +, customer id, identifier): two entries with the same key never
    share a chunk and never fly at once. ``value`` is what the operation sends;
    ``digest`` the journal's hash of the item. ``maybe_applied`` is set once a
    request carrying the entry ended ambiguously (the server may have acted), so
    a later "already exists" may be our own record, not a pre-existing one;
    ``first_sent`` (UTC) is when a request first carried it, what the record's
    ``create_date`` is compared with to tell the two apart.
    """

    __slots__ = (
        "campaign_id",
        "digest",
        "failed_passes",
        "first_sent",
        "index",
        "item",
        "key",
        "maybe_applied",
        "repeat_of",
        "value",
    )

    def __init__(
        self,
        index: int,
        campaign_id: str | None,
        item: Any,
        key: str,
        value: Any,
        digest: str | None = None,
    ) -> None:
        self.index = index
        self.campaign_id = campaign_id
        self.item = item
        self.key = key
        self.value = value
        self.digest = digest
        self.maybe_applied = False
        self.failed_passes = 0
        self.repeat_of: int | None = None  # set: a repeated key, sent as an update
        self.first_sent: dt.datetime | None = None

    def __repr__(self) -> str:
        return f"<Entry {self.campaign_id}:{self.key} #{self.index}>"


class Settled(NamedTuple):
    """The final word on one entry (or on an item that never became one)."""

    entry: Entry
    outcome: Outcome
    record_id: int | None = None
    error: str | None = None
    http_status: int | None = None
    exception: BaseException | None = None
    campaigns: tuple[str, ...] = ()
    repeats: int | None = None
