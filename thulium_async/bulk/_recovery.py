"""What a chunk's answer means for its entries: settle, peel, split or resubmit.

The transport has already retried the request per the client's RetryPolicy;
what arrives here is the final word on that request:

- an InputError naming one item (``records[3].status_id``: the resource's
  status check) fails that item alone; the rest go again at once;
- 413 (too large) or a timeout splits the chunk in halves (a timeout may have
  been applied: its items are marked so a later "exists" counts as ours);
- a connection error, 5xx, 429 or an unreadable 2xx puts the chunk back for
  a later pass, after a pause, up to ``resubmit`` times; then its items fail
  with that error, or are UNKNOWN when some attempt may have been applied;
- any other error (400, 401, 403, 404 for the whole request) fails every item;
- for operations that are not safe to repeat (customer creates), a request
  that may have been applied is final: its items are UNKNOWN, never resent.
"""

from __future__ import annotations

import re
import time
from typing import Any

from ..errors import (
    APIError,
    DecodeError,
    InputError,
    RateLimitError,
    ServerError,
    ThuliumError,
    TimeoutError,
    TransportError,
)
from ._batcher import Batcher, Chunk, Group
from ._entry import Entry, Settled
from ._models import Outcome
from ._operation import Sent, error_text, failed

__all__ = ["Recovery"]

RESUBMIT_DELAY = 0.5  # seconds before the first later pass; doubles each pass
_POSITION = re.compile(r"\w+\[(\d+)\]\.?")
_UNANSWERED = "the API's answer did not mention this item"


def _position(field: str) -> int | None:
    match = _POSITION.match(field)
    return int(match.group(1)) if match else None


def _alone(error: InputError) -> InputError:
    """The error as if the item had been sent alone (without ``records[3].``)."""
    match = _POSITION.match(error.field)
    field = error.field[match.end() :] if match else error.field
    return InputError(field or "item", error.expected, error.value)


class Recovery:
    """Turns answers and errors into settled entries and requeued chunks."""

    unknown_reason = "may have been applied: every attempt ended without a clear answer"

    def __init__(self, batcher: Batcher, resubmit: int, *, repeatable: bool) -> None:
        self._batcher = batcher
        self._resubmit = resubmit
        self._repeatable = repeatable

    def leftovers(self) -> list[Settled]:
        """Entries never sent when the run ended: UNKNOWN if an attempt may have acted."""
        return [
            Settled(entry, Outcome.UNKNOWN, error=self.unknown_reason)
            if entry.maybe_applied
            else Settled(entry, Outcome.NOT_ATTEMPTED)
            for entry in self._batcher.drain()
        ]

    def invalid(self, index: int, campaign_id: Any, item: Any, error: InputError) -> Settled:
        """An item refused before any request."""
        cid = None if campaign_id is None else str(campaign_id)
        return failed(Entry(index, cid, item, "", None), error)

    def settle_answer(self, chunk: Chunk, sent: Sent | None, error: Any) -> list[Settled]:
        """The settled entries of a chunk's answer; requeues what must go again."""
        if sent is not None:
            settled = list(sent.settled)
            if sent.unanswered:
                for entry in sent.unanswered:
                    entry.maybe_applied = True  # the server may have acted and not said so
                if self._repeatable:
                    settled += self._later(chunk.group, sent.unanswered, None)
                else:
                    settled += [self._final(entry, None) for entry in sent.unanswered]
            return settled
        assert isinstance(error, ThuliumError)
        return self._on_error(chunk, error)

    def _on_error(self, chunk: Chunk, error: ThuliumError) -> list[Settled]:
        entries, group = chunk.entries, chunk.group
        if isinstance(error, InputError):
            position = _position(error.field)
            if position is not None and position < len(entries) and group.batch:
                rest = entries[:position] + entries[position + 1 :]
                self._batcher.requeue(group, [rest])
                return [failed(entries[position], _alone(error))]
            return [failed(entry, error) for entry in entries]
        if error.maybe_applied:
            for entry in entries:
                entry.maybe_applied = True
            if not self._repeatable:
                return [self._final(entry, error) for entry in entries]  # never twice
        too_large = isinstance(error, APIError) and error.status_code == 413
        if (too_large or isinstance(error, TimeoutError)) and len(entries) > 1:
            half = len(entries) // 2
            self._batcher.requeue(group, [entries[:half], entries[half:]])
            return []
        if isinstance(error, (TransportError, ServerError, RateLimitError, DecodeError)):
            return self._later(group, entries, error)
        return [self._final(entry, error) for entry in entries]

    def _later(
        self, group: Group, entries: list[Entry], error: ThuliumError | None
    ) -> list[Settled]:
        """Resubmit in a later pass, or settle for good once the passes are used up."""
        passes = entries[0].failed_passes + 1
        for entry in entries:
            entry.failed_passes = passes
        if passes > self._resubmit:
            return [self._final(entry, error) for entry in entries]
        delay = RESUBMIT_DELAY * 2 ** (passes - 1)
        self._batcher.requeue(group, [entries], time.monotonic() + delay)
        return []

    def _final(self, entry: Entry, error: ThuliumError | None) -> Settled:
        if entry.maybe_applied:
            text = f"{self.unknown_reason} ({error_text(error) if error else _UNANSWERED})"
            return Settled(entry, Outcome.UNKNOWN, None, text, _status(error), error)
        if error is None:
            return Settled(entry, Outcome.FAILED, None, _UNANSWERED)
        return failed(entry, error)


def _status(error: ThuliumError | None) -> int | None:
    return error.status_code if isinstance(error, APIError) else None
