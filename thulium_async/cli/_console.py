"""Where output goes: results on stdout, progress, logs and errors on stderr."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from rich.console import Console
from rich.logging import RichHandler
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

__all__ = ["err", "new_progress", "out", "verbose_logging"]

out = Console(highlight=False)
"""Results (tables, summaries): stdout."""
err = Console(stderr=True, highlight=False)
"""Progress bars, logs and notes: stderr, so stdout stays clean for pipes."""


def new_progress() -> Progress:
    """A progress display with bars, counts, a rate column and elapsed time (on stderr)."""
    return Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(bar_width=32),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
    )


@contextlib.contextmanager
def verbose_logging(enabled: bool) -> Iterator[None]:
    """With ``enabled``, the ``thulium_async`` logger at DEBUG on stderr for the block.

    The library logs method, credential-free URL and status of each request;
    the Authorization header and the password are never logged.
    """
    if not enabled:
        yield
        return
    logger = logging.getLogger("thulium_async")
    handler = RichHandler(console=err, show_path=False, markup=False, rich_tracebacks=False)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
