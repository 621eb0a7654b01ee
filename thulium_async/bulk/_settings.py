"""The options every bulk call takes, checked before anything starts."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Literal, TypedDict

import attrs

from ..errors import InputError
from ._models import ItemResult
from ._progress import ProgressCallback
from ._report import DEFAULT_KEEP_FAILURES

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_KEEP_FAILURES",
    "BulkOptions",
    "Settings",
    "settings_from",
]

DEFAULT_CHUNK_SIZE = 100
"""Items per batch request.

The API documents no batch limit; 100 is its page maximum for records, keeps a
body around 10-30 KB (far below common proxy limits), and caps what one failed
or resubmitted request puts at stake, while cutting requests 100-fold. A 413 or
a timeout splits a chunk further.
"""
MAX_CHUNK_SIZE = 1000
_MIN_WINDOW = 1024


class BulkOptions(TypedDict, total=False):
    """Keyword options of every ``client.bulk`` call.

    - ``concurrency``: requests in flight for this call at most (default: the
      client's ``RateLimit.max_concurrency``); every request still goes through
      the client's rate limiter.
    - ``chunk_size``: items per batch request (default 100, at most 1000).
    - ``batch``: False sends one request per item everywhere (for accounts
      without the batch endpoints).
    - ``fail_fast``: stop at the first failed item (in-flight requests finish).
    - ``keep_results``: keep every item's result in ``report.results``.
    - ``keep_failures``: how many FAILED, REPEATED and unfinished items the
      report keeps in ``failures``, ``repeats`` and ``unfinished`` (each, the
      first ones; default 10,000; None keeps all). Counts stay exact
      (``report.not_kept`` says how many went unkept): memory stays bounded
      however many rows are refused.
    - ``on_failure``: called with every item that needs attention (FAILED,
      REPEATED, UNKNOWN, NOT_ATTEMPTED) as it settles, kept or not, to stream
      them to a file or a queue. Runs inline: keep it quick. If it raises, the
      run stops (``report.stopped`` says why) and the error is raised once
      the report is final.
    - ``on_cancel``: ``"finish"`` lets in-flight requests complete when the run
      is cancelled; ``"abandon"`` drops them (their items are UNKNOWN).
    - ``journal``: a sqlite file recording finished items; a rerun with the
      same file skips them.
    - ``on_progress``: called with a Progress at most 10 times a second.
    - ``resubmit``: later passes for a request that failed as a whole after the
      client's retries (default 2).
    - ``on_repeat`` (``create_records``): what to do with an item whose number
      (or customer) came earlier in the input for the same campaign:
      ``"reject"`` (the default) leaves it unsent as REPEATED, ``"update"``
      applies its fields to the record as an update once the earlier item is
      settled (UPDATED; a row with no field to change stays REPEATED).
    - ``buffer``: items read ahead of the requests (default
      ``max(1024, 4 * concurrency * chunk_size)``): bounds memory.
    """

    concurrency: int
    chunk_size: int
    batch: bool
    fail_fast: bool
    keep_results: bool
    keep_failures: int | None
    on_failure: Callable[[ItemResult], None] | None
    on_cancel: Literal["finish", "abandon"]
    journal: str | os.PathLike[str] | None
    on_progress: ProgressCallback | None
    resubmit: int
    on_repeat: Literal["reject", "update"]
    buffer: int | None


@attrs.frozen(kw_only=True)
class Settings:
    """Checked options of one run."""

    concurrency: int
    chunk_size: int = DEFAULT_CHUNK_SIZE
    batch: bool = True
    fail_fast: bool = False
    keep_results: bool = False
    keep_failures: int | None = DEFAULT_KEEP_FAILURES
    on_failure: Callable[[ItemResult], None] | None = None
    on_cancel: Literal["finish", "abandon"] = "finish"
    journal: str | os.PathLike[str] | None = None
    on_progress: ProgressCallback | None = None
    resubmit: int = 2
    on_repeat: Literal["reject", "update"] = "reject"
    buffer: int | None = None

    @property
    def window(self) -> int:
        """Items that may be read and not yet settled."""
        if self.buffer is not None:
            return self.buffer
        return max(_MIN_WINDOW, 4 * self.concurrency * self.chunk_size)


def _whole(name: str, value: Any, low: int, high: int | None = None) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        expected = f"a whole number from {low} to {high}" if high else f"a whole number >= {low}"
        raise InputError(name, expected, value)


def settings_from(options: dict[str, Any], default_concurrency: int) -> Settings:
    """Settings from keyword options; an unknown or invalid option is an InputError."""
    unknown = sorted(set(options) - set(BulkOptions.__annotations__))
    if unknown:
        raise InputError(
            unknown[0], f"one of the bulk options {sorted(BulkOptions.__annotations__)}"
        )
    values = dict(options)
    values.setdefault("concurrency", default_concurrency)
    _whole("concurrency", values["concurrency"], 1)
    _whole("chunk_size", values.get("chunk_size", DEFAULT_CHUNK_SIZE), 1, MAX_CHUNK_SIZE)
    _whole("resubmit", values.get("resubmit", 2), 0)
    if values.get("buffer") is not None:
        _whole("buffer", values["buffer"], 1)
    if values.get("keep_failures") is not None:
        _whole("keep_failures", values["keep_failures"], 0)
    on_failure = values.get("on_failure")
    if on_failure is not None and not callable(on_failure):
        raise InputError("on_failure", "a callable taking an ItemResult", on_failure)
    if values.get("on_cancel", "finish") not in ("finish", "abandon"):
        raise InputError("on_cancel", "'finish' or 'abandon'", values["on_cancel"])
    if values.get("on_repeat", "reject") not in ("reject", "update"):
        raise InputError("on_repeat", "'reject' or 'update'", values["on_repeat"])
    progress = values.get("on_progress")
    if progress is not None and not callable(progress):
        raise InputError("on_progress", "a callable taking a Progress", progress)
    journal = values.get("journal")
    if journal is not None and not isinstance(journal, (str, os.PathLike)):
        raise InputError("journal", "a path to a sqlite file", journal)
    for flag in ("batch", "fail_fast", "keep_results"):
        if not isinstance(values.get(flag, False), bool):
            raise InputError(flag, "True or False", values[flag])
    return Settings(**values)
