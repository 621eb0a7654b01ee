"""Typed multi-status (207) answers of the batch endpoints."""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

from ._enums import BatchStatus

__all__ = ["BatchItemResult", "BatchResult"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class BatchItemResult(Generic[T]):
    """What the API said about one input item of a batch call.

    ``index`` is the item's position in the list that was sent and ``input`` the
    item itself; ``key`` is the key the API answered under (phone number,
    customer id or campaign id: it differs between endpoints). A batch delete by
    phone number can answer several results for one input (duplicates).
    """

    index: int
    key: str
    input: T
    http_status: int
    status: BatchStatus | None = None
    record_id: int | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        """True when the API reports success for this item (a 2xx item status)."""
        return 200 <= self.http_status < 300

    @property
    def already_exists(self) -> bool:
        """True when a create found the record already there (``record_id`` is set)."""
        return self.status is BatchStatus.ALREADY_EXISTS


@attrs.frozen(kw_only=True)
class BatchResult(Generic[T]):
    """Every item's result of one batch call; ``unanswered`` lists items the API skipped.

    ``earlier_maybe_applied`` is True when an attempt of this call before the
    answered one may have been applied (its answer was lost, or it got a 5xx):
    an item reported as already there (or already gone) may then be this
    call's own doing.
    """

    items: list[BatchItemResult[T]]
    unanswered: list[tuple[int, T]] = attrs.field(factory=list)
    earlier_maybe_applied: bool = False

    @property
    def succeeded(self) -> list[BatchItemResult[T]]:
        """Results with a 2xx item status."""
        return [item for item in self.items if item.ok]

    @property
    def failed(self) -> list[BatchItemResult[T]]:
        """Results with a non-2xx item status (ALREADY_EXISTS included: check it)."""
        return [item for item in self.items if not item.ok]

    def __len__(self) -> int:
        return len(self.items)
