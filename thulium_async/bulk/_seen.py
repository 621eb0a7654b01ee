"""Which item first had each key: repeats are found at any input length in bounded memory."""

from __future__ import annotations

import sqlite3

__all__ = ["FirstSeen"]

_IN_MEMORY = 100_000  # keys held in a dict (about 17 MB) before the rest go to disk


class FirstSeen:
    """``first(campaign, identity, index)``: the index of the first item with that key.

    The first ``in_memory`` keys live in a dict, the fastest lookup there is.
    Past them a run of millions of rows would cost over 100 bytes a key, so
    further keys go to a private temporary sqlite database (the stdlib's; on
    disk, deleted when closed, with a page cache of a few MB): memory stays
    flat however long the input.
    """

    def __init__(self, in_memory: int | None = None) -> None:
        self._memory: dict[tuple[str | None, int], int] = {}
        self._in_memory = _IN_MEMORY if in_memory is None else in_memory
        self._db: sqlite3.Connection | None = None

    def first(self, campaign: str | None, identity: int, index: int) -> int:
        """The index of the first item with this key; ``index`` itself when this is it."""
        key = (campaign, identity)
        earlier = self._memory.get(key)
        if earlier is not None:
            return earlier
        if self._db is None:
            if len(self._memory) < self._in_memory:
                self._memory[key] = index
                return index
            self._db = _open()
        # Text keys: an identity is any int (a customer id may pass 64 bits).
        row = (campaign or "", str(identity), index)
        if self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", row).rowcount:
            return index
        found = self._db.execute(
            "SELECT first FROM seen WHERE campaign = ? AND identity = ?", row[:2]
        ).fetchone()
        return int(found[0])

    def close(self) -> None:
        """Forget every key; the temporary database goes with them."""
        self._memory.clear()
        if self._db is not None:
            self._db.close()
            self._db = None


def _open() -> sqlite3.Connection:
    # "" is a private temporary database on disk; nothing here needs to survive
    # a crash, so no journal and no syncing.
    db = sqlite3.connect("", isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(
        "CREATE TABLE seen (campaign TEXT, identity TEXT, first INTEGER,"
        " PRIMARY KEY (campaign, identity)) WITHOUT ROWID"
    )
    return db
