"""What a bulk run says about each item: outcomes, per-item results, progress, record keys."""

from __future__ import annotations

import enum
from typing import Any

import attrs

__all__ = ["ItemResult", "Outcome", "Progress", "RecordKey"]


class Outcome(str, enum.Enum):
    """How one input item ended.

    Succeeded: CREATED, ALREADY_EXISTED, CREATED_OR_EXISTED, UPDATED, DELETED,
    NOT_FOUND. REPEATED items repeat an earlier item's key in the same input
    and were not sent (``on_repeat="reject"``). SKIPPED
    items were finished by an earlier run (journal). FAILED items were refused.
    UNKNOWN items may or may not have been applied (their request was in flight
    when the run was abandoned, or every attempt ended ambiguously).
    NOT_ATTEMPTED items were read but never sent.
    """

    CREATED = "created"
    """The record was added by this run (also when a retry of a lost answer found it)."""
    ALREADY_EXISTED = "already_existed"
    """The number (or customer) was in the campaign before this item was first sent."""
    CREATED_OR_EXISTED = "created_or_existed"
    """The record is there, but an ambiguous attempt leaves open who made it.

    An attempt carrying the item may have been applied and a retry found the
    record; its ``create_date`` (to the minute) is too close to the first send
    to tell this run's record from one that was there before.
    """
    UPDATED = "updated"
    """The change was applied."""
    DELETED = "deleted"
    """The record(s) were removed."""
    NOT_FOUND = "not_found"
    """Nothing matched: a delete found no record, a status change no campaign."""
    REPEATED = "repeated"
    """Its number (or customer) already came earlier in the input for the same campaign.

    Not sent: ``repeats`` is the earlier item's index. ``on_repeat="update"``
    applies such a row as an update instead (then UPDATED, ``repeats`` still set).
    """
    SKIPPED = "skipped"
    """Finished by an earlier run with the same journal; not sent again."""
    FAILED = "failed"
    """Refused (by validation or by Thulium); ``error`` says why."""
    UNKNOWN = "unknown"
    """May or may not have been applied; check before resending."""
    NOT_ATTEMPTED = "not_attempted"
    """Read from the input but never sent (the run stopped first)."""

    @property
    def succeeded(self) -> bool:
        """True for the outcomes that mean the item's intent holds on the server."""
        return self in _SUCCEEDED

    def __str__(self) -> str:
        return self.value


_SUCCEEDED = frozenset(
    {
        Outcome.CREATED,
        Outcome.ALREADY_EXISTED,
        Outcome.CREATED_OR_EXISTED,
        Outcome.UPDATED,
        Outcome.DELETED,
        Outcome.NOT_FOUND,
    }
)


@attrs.frozen(kw_only=True)
class ItemResult:
    """The outcome of one input item.

    ``index`` is the item's position in the input (for a mapping
    ``{campaign_id: items}``, its position in that campaign's items);
    ``campaign_id`` and ``item`` are as given (campaign ids normalised to five
    characters). ``record_id`` is the id of the record created, found or
    removed (the customer's id for customer operations). ``error`` carries
    Thulium's own messages (or the validation message), ``http_status`` the
    item's or request's status when there was one,
    ``exception`` the request-level error behind a failure. ``campaigns`` lists
    the campaigns a status change by phone number touched. ``repeats`` is the
    index of the earlier item whose key this one repeats (REPEATED, or UPDATED
    with ``on_repeat="update"``).
    """

    index: int
    campaign_id: str | None
    item: Any
    outcome: Outcome
    record_id: int | None = None
    error: str | None = None
    http_status: int | None = None
    exception: BaseException | None = attrs.field(default=None, repr=False, eq=False)
    campaigns: tuple[str, ...] = ()
    repeats: int | None = None

    @property
    def ok(self) -> bool:
        """True when the item succeeded (see Outcome.succeeded)."""
        return self.outcome.succeeded


@attrs.frozen(kw_only=True)
class Progress:
    """A snapshot for progress bars: passed to ``on_progress`` at most 10 times a second.

    ``done`` counts finished items (succeeded, failed and skipped), ``total``
    is the input's length when it has one, ``rate`` is items finished per
    second since the start.
    """

    done: int
    succeeded: int
    failed: int
    skipped: int
    total: int | None
    elapsed: float
    rate: float


@attrs.frozen(kw_only=True)
class RecordKey:
    """Names one record for ``bulk.delete_records``: exactly one of the three keys.

    ``phone_number`` (every record with that number) or ``identifier`` in a
    regular campaign, ``customer_id`` in a CRM campaign.
    """

    phone_number: str | None = None
    identifier: str | None = None
    customer_id: int | None = None
