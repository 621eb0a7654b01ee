"""The pieces on their own: the batcher's chunking and turns, the journal, the source."""

from __future__ import annotations

import sqlite3

import anyio
import pytest

from thulium_async.bulk._batcher import Batcher
from thulium_async.bulk._entry import Entry
from thulium_async.bulk._journal import Journal, digest
from thulium_async.bulk._source import MALFORMED, Source
from thulium_async.errors import InputError


def entry(key: str, index: int = 0) -> Entry:
    return Entry(index, "00001", key, key, key)


def keys(chunk) -> list[str]:
    return [e.key for e in chunk.entries]


def test_chunks_fill_in_order_and_repeats_go_to_the_next_chunk() -> None:
    """A repeated key opens a later chunk; sealing keeps input order."""
    batcher = Batcher()
    group = batcher.group("00001", "regular", 3, True)
    sealed = [batcher.add(group, entry(k)) for k in ["a", "b", "a", "c", "d", "a"]]
    assert sealed == [0, 0, 0, 1, 0, 0]
    batcher.seal_all()
    chunks = [batcher.take(0.0) for _ in range(3)]
    assert [keys(c) for c in chunks if c] == [["a", "b", "c"]]
    # The chunk holding the second "a" waits while the first "a" is in flight.
    assert batcher.take(0.0) is None
    batcher.release(chunks[0])
    second = batcher.take(0.0)
    assert second is not None
    assert keys(second) == ["a", "d"]
    batcher.release(second)
    third = batcher.take(0.0)
    assert third is not None
    assert keys(third) == ["a"]
    assert batcher.empty


def test_groups_take_turns() -> None:
    """Round-robin: each group with a ready chunk gets a turn before any gets a second."""
    batcher = Batcher()
    big = batcher.group("00001", "regular", 1, False)
    small = batcher.group("00002", "regular", 1, False)
    for i in range(10):
        batcher.add(big, entry(f"b{i}"))
    batcher.add(small, Entry(0, "00002", "s", "s", "s"))
    order = []
    while (chunk := batcher.take(0.0)) is not None:
        order.append(chunk.group.campaign_id)
    assert order[:2] == ["00001", "00002"]


def test_too_many_open_chunks_seal_the_oldest() -> None:
    """The same key five times: the oldest open chunk goes out part-full."""
    batcher = Batcher()
    group = batcher.group("00001", "regular", 100, True)
    sealed = sum(batcher.add(group, entry("same")) for _ in range(5))
    assert sealed == 1
    assert batcher.queued == 5


def test_delayed_chunks_wait_for_their_time() -> None:
    """A resubmitted chunk is held until its time; the hint says how long."""
    batcher = Batcher()
    group = batcher.group("00001", "regular", 2, True)
    batcher.requeue(group, [[entry("a"), entry("b")]], not_before=10.0)
    assert batcher.take(9.0) is None
    assert batcher.wait_hint(9.0) == pytest.approx(1.0)
    chunk = batcher.take(10.0)
    assert chunk is not None
    assert keys(chunk) == ["a", "b"]


def test_stale_part_full_chunks_are_sealed() -> None:
    """A chunk that got no item for a while (a slow input) is sealed part-full."""
    batcher = Batcher()
    group = batcher.group("00001", "regular", 10, True)
    batcher.add(group, entry("a"))
    assert batcher.filling
    chunk = group.open[0]
    assert not batcher.seal_stale(chunk.touched + 0.01, 0.05, 1.0)
    assert batcher.seal_stale(chunk.touched + 0.06, 0.05, 1.0)
    assert not batcher.filling


def test_digest_is_stable_and_order_free() -> None:
    """The journal hash ignores key order and tells different items apart."""
    assert digest({"a": 1, "b": "x"}) == digest({"b": "x", "a": 1})
    assert digest({"a": 1}) != digest({"a": 2})


async def test_journal_round_trip(tmp_path) -> None:
    """Rows written by one run are found by the next; WAL mode is on."""
    path = tmp_path / "j.sqlite"
    journal = Journal(path, "create_records")
    await journal.open()
    assert not journal.resuming
    journal.add("00001", "600", "d1", "created", 7)
    assert journal.due is False
    await journal.close()
    again = Journal(path, "create_records")
    await again.open()
    assert again.resuming
    assert again.finished("00001", "600", "d1")
    assert not again.finished("00001", "600", "d2")
    assert not again.finished("00002", "600", "d1")
    await again.close()
    other = Journal(path, "delete_records")
    await other.open()
    assert not other.resuming
    await other.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("SELECT outcome, record_id FROM finished").fetchall() == [("created", 7)]


async def test_source_forms() -> None:
    """Pairs, malformed elements, mappings in turns, and lengths."""
    source = Source([("00001", "a"), ["00002", "b"], "oops"], keyed=True, per_turn=2)
    assert source.expected == 3
    assert [t async for t in source] == [
        (0, "00001", "a"),
        (1, "00002", "b"),
        (2, MALFORMED, "oops"),
    ]
    turns = Source({"A": ["a1", "a2", "a3"], "B": ["b1"]}, keyed=True, per_turn=2)
    assert turns.expected == 4
    assert [t async for t in turns] == [
        (0, "A", "a1"), (1, "A", "a2"), (0, "B", "b1"), (2, "A", "a3")
    ]  # fmt: skip
    unkeyed = Source({"600": 5}, keyed=False, per_turn=2)
    assert [t async for t in unkeyed] == [(0, None, ("600", 5))]
    with pytest.raises(InputError):
        Source(b"bytes", keyed=True, per_turn=1)


def test_source_on_trio_reads_async_iterables() -> None:
    """Async inputs work on trio too."""

    async def gen():
        for i in range(3):
            yield "00001", i

    async def main() -> list[tuple[int, object, object]]:
        return [t async for t in Source(gen(), keyed=True, per_turn=1)]

    assert anyio.run(main, backend="trio") == [(0, "00001", 0), (1, "00001", 1), (2, "00001", 2)]
