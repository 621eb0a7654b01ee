"""Resume: a sqlite journal of finished items, so a rerun of the same input skips them.

One row per item that succeeded: (operation, campaign, key, hash of the
item). The key alone would skip a changed item; the hash alone would confuse
two campaigns. Rows are written in batches (every 1,000 items or second) in a
worker thread, in WAL mode with ``synchronous=NORMAL``: a commit survives a
crash of the process (not a power cut), so a killed load redoes at most its
last second, and a redone create is answered "already exists", never doubled.
Lookups are single indexed reads on the event loop's thread (microseconds),
made only when the journal held rows for the operation when the run began.
"""

from __future__ import annotations

import hashlib
import os
import time
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread
import orjson

from ..errors import InputError

if TYPE_CHECKING:
    import sqlite3

__all__ = ["Journal", "digest"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS finished (
    operation TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    item_key TEXT NOT NULL,
    digest TEXT NOT NULL,
    outcome TEXT NOT NULL,
    record_id INTEGER,
    finished_at REAL NOT NULL,
    PRIMARY KEY (operation, campaign_id, item_key, digest)
) WITHOUT ROWID
"""
_LOOKUP = (
    "SELECT 1 FROM finished WHERE operation = ? AND campaign_id = ? AND item_key = ? AND digest = ?"
)
_INSERT = "INSERT OR REPLACE INTO finished VALUES (?, ?, ?, ?, ?, ?, ?)"
_FLUSH_ROWS = 1000
_FLUSH_SECONDS = 1.0


def digest(payload: Any) -> str:
    """A stable hash of an item's canonical wire form."""
    data = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Journal:
    """Finished items of one operation in a sqlite file."""

    def __init__(self, path: str | os.PathLike[str], operation: str) -> None:
        self.path = os.fspath(path)
        self.operation = operation
        self._writer: sqlite3.Connection | None = None
        self._reader: sqlite3.Connection | None = None
        self._pending: list[tuple[Any, ...]] = []
        self._last_flush = time.monotonic()
        self._lock = anyio.Lock()
        self.resuming = False  # rows for this operation existed when the run began

    async def open(self) -> None:
        """Create or open the file (in a worker thread: opening may touch the disk)."""
        await anyio.to_thread.run_sync(self._open)

    def _open(self) -> None:
        import sqlite3  # only runs that keep a journal pay for loading it

        try:
            self._connect()
        except sqlite3.Error as error:
            self._close()
            # A directory, a corrupt file or another program's file: name the path.
            raise InputError(
                "journal", f"a sqlite journal file that can be opened ({error})", self.path
            ) from None

    def _connect(self) -> None:
        import sqlite3

        writer = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._writer = writer
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA synchronous=NORMAL")
        writer.execute(_SCHEMA)
        self._reader = sqlite3.connect(self.path, check_same_thread=False)
        found = self._reader.execute(
            "SELECT 1 FROM finished WHERE operation = ? LIMIT 1", (self.operation,)
        ).fetchone()
        self.resuming = found is not None

    def finished(self, campaign_id: str | None, key: str, item_digest: str) -> bool:
        """Whether an earlier run finished this item (a tiny indexed read)."""
        if not self.resuming or self._reader is None:
            return False
        row = self._reader.execute(
            _LOOKUP, (self.operation, campaign_id or "", key, item_digest)
        ).fetchone()
        return row is not None

    def add(
        self,
        campaign_id: str | None,
        key: str,
        item_digest: str,
        outcome: str,
        record_id: int | None,
    ) -> None:
        """Note a finished item; written at the next flush."""
        self._pending.append(
            (self.operation, campaign_id or "", key, item_digest, outcome, record_id, time.time())
        )

    @property
    def due(self) -> bool:
        """True when enough rows (or time) have gathered to write them."""
        if not self._pending:
            return False
        return (
            len(self._pending) >= _FLUSH_ROWS
            or time.monotonic() - self._last_flush >= _FLUSH_SECONDS
        )

    async def flush(self) -> None:
        """Write the pending rows in one transaction, in a worker thread."""
        async with self._lock:
            if not self._pending:
                return
            rows, self._pending = self._pending, []
            self._last_flush = time.monotonic()
            try:
                await anyio.to_thread.run_sync(self._write, rows)
            except BaseException:
                # Keep them for the next flush (rewriting a row is harmless): a
                # cancellation may have come before or after the thread wrote them.
                self._pending[:0] = rows
                raise

    def _write(self, rows: list[tuple[Any, ...]]) -> None:
        assert self._writer is not None
        self._writer.execute("BEGIN")
        try:
            self._writer.executemany(_INSERT, rows)
        except BaseException:
            self._writer.execute("ROLLBACK")
            raise
        self._writer.execute("COMMIT")

    async def close(self) -> None:
        """Write what is pending and close the file."""
        try:
            await self.flush()
        finally:
            await anyio.to_thread.run_sync(self._close)

    def _close(self) -> None:
        for connection in (self._reader, self._writer):
            if connection is not None:
                connection.close()
        self._reader = self._writer = None
