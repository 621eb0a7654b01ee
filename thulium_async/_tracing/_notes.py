"""What lower layers tell the attempt or call being traced, through context variables.

The limiter and the paginator know nothing of OpenTelemetry or of the
client's ``tracing`` setting: they report here, and the recorder of the
attempt (or call) running in the same task picks the note up. With tracing
off no recorder is ever set, so a note costs one context-variable read.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Protocol

__all__ = [
    "AttemptNotes",
    "current_page",
    "held_by_pause",
    "limiter_waited",
    "page",
    "pause_started",
]


class AttemptNotes(Protocol):
    """What an attempt recorder accepts from the limiter."""

    def waited(self, seconds: float) -> None:
        """The attempt waited ``seconds`` for a limiter slot (pace and concurrency)."""

    def paused(self, seconds: float) -> None:
        """Of that wait, ``seconds`` were a Retry-After pause holding every request."""

    def pause_started(self, seconds: float) -> None:
        """This attempt's answer made the limiter hold every request for ``seconds``."""


ATTEMPT: contextvars.ContextVar[AttemptNotes | None] = contextvars.ContextVar(
    "thulium_async_attempt", default=None
)
_PAGE: contextvars.ContextVar[tuple[int, int] | None] = contextvars.ContextVar(
    "thulium_async_page", default=None
)


def limiter_waited(seconds: float) -> None:
    """Report the limiter wait of the attempt in progress, if it is traced."""
    attempt = ATTEMPT.get()
    if attempt is not None:
        attempt.waited(seconds)


def held_by_pause(seconds: float) -> None:
    """Report that the attempt in progress sleeps ``seconds`` in a Retry-After pause."""
    attempt = ATTEMPT.get()
    if attempt is not None:
        attempt.paused(seconds)


def pause_started(seconds: float) -> None:
    """Report that the attempt in progress started a pause of every request."""
    attempt = ATTEMPT.get()
    if attempt is not None:
        attempt.pause_started(seconds)


@contextlib.contextmanager
def page(offset: int, limit: int) -> Iterator[None]:
    """Mark the call made inside as the fetch of the page at ``offset``."""
    token = _PAGE.set((offset, limit))
    try:
        yield
    finally:
        _PAGE.reset(token)


def current_page() -> tuple[int, int] | None:
    """(offset, limit) when the call starting now fetches a page."""
    return _PAGE.get()
