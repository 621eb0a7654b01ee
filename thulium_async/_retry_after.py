"""Parsing of the ``Retry-After`` header (seconds or an HTTP date)."""

from __future__ import annotations

import email.utils
import time


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value; None when absent or unreadable.

    Accepts delta-seconds (``"2"``, ``"0.5"``) and HTTP dates; a date in the past
    gives 0. Negative numbers are unreadable rather than "no wait".
    """
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            return None
        current = time.time() if now is None else now
        return max(0.0, moment.timestamp() - current)
    if seconds != seconds or seconds < 0 or seconds == float("inf"):
        return None
    return seconds
