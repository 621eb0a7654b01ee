"""Progress callbacks, throttled so a progress bar is drawn at most 10 times a second."""

from __future__ import annotations

import time
from collections.abc import Callable

from .._logging import logger
from ._models import Progress
from ._report import BulkReport

__all__ = ["ProgressCallback", "Throttle"]

ProgressCallback = Callable[[Progress], None]

INTERVAL = 0.1  # seconds between calls: 10 redraws a second are plenty for a terminal


class Throttle:
    """Calls ``callback`` with a Progress at most every ``interval`` seconds."""

    def __init__(self, callback: ProgressCallback | None, started: float) -> None:
        self._callback = callback
        self._started = started
        self._next = started

    def tick(self, report: BulkReport, *, final: bool = False) -> None:
        """Report progress if the interval has passed (always when ``final``)."""
        if self._callback is None:
            return
        now = time.monotonic()
        if now < self._next and not final:
            return
        self._next = now + INTERVAL
        elapsed = now - self._started
        done = report.succeeded + report.failed + report.skipped
        snapshot = Progress(
            done=done,
            succeeded=report.succeeded,
            failed=report.failed,
            skipped=report.skipped,
            total=report.expected,
            elapsed=elapsed,
            rate=done / elapsed if elapsed > 0 else 0.0,
        )
        try:
            self._callback(snapshot)
        except Exception:
            # A broken progress bar must not break a million-item load.
            logger.exception("on_progress callback raised; ignored")
