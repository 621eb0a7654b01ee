"""Chunks per campaign, handed out round-robin so no campaign starves the others.

Items of one group (a campaign and a route, e.g. ``("00001", "regular")``)
fill *open* chunks; a full chunk is *sealed* into the group's ready queue.
Two items with the same key never share a chunk (the batch endpoints answer
per key, so they could not be told apart): a repeated key goes to the next
open chunk. Sealing keeps input order, and a ready chunk whose keys are in
flight waits, so repeated keys are applied in input order.

``take`` serves groups in turn: a campaign with ten times more items gets
ten times more turns in total, not the first ten turns.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator

from ._entry import Entry

__all__ = ["Batcher", "Chunk", "Group"]

_MAX_OPEN = 4  # open chunks per group; beyond that the oldest is sealed part-full


class Group:
    """One campaign and route: its open and ready chunks and the keys in flight."""

    __slots__ = (
        "batch",
        "busy",
        "campaign_id",
        "in_filling",
        "in_ring",
        "open",
        "ready",
        "route",
        "size",
    )

    def __init__(self, campaign_id: str | None, route: str, size: int, batch: bool) -> None:
        self.campaign_id = campaign_id
        self.route = route
        self.size = size
        self.batch = batch
        self.open: list[Chunk] = []
        self.ready: deque[Chunk] = deque()
        self.busy: set[str] = set()
        self.in_ring = False
        self.in_filling = False


class Chunk:
    """Entries sent in one request (one entry when the group does not batch)."""

    __slots__ = ("born", "entries", "group", "keys", "not_before", "touched")

    def __init__(self, group: Group, entries: list[Entry], not_before: float = 0.0) -> None:
        self.group = group
        self.entries = entries
        self.keys = {entry.key for entry in entries if entry.key}  # "" = no key
        self.not_before = not_before
        self.born = self.touched = time.monotonic()


class Batcher:
    """Every entry read and not yet handed out, grouped, chunked and queued fairly."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str | None, str], Group] = {}
        self._ring: deque[Group] = deque()  # groups with ready chunks, served in turn
        self._filling: deque[Group] = deque()  # groups with open chunks
        self.queued = 0  # entries in open or ready chunks

    def group(self, campaign_id: str | None, route: str, size: int, batch: bool) -> Group:
        """The group for a campaign and route, created on first use."""
        key = (campaign_id, route)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = Group(campaign_id, route, size, batch)
        return group

    def add(self, group: Group, entry: Entry) -> int:
        """Place an entry in the first open chunk without its key; returns chunks sealed."""
        self.queued += 1
        for position, chunk in enumerate(group.open):
            if not entry.key or entry.key not in chunk.keys:
                chunk.entries.append(entry)
                if entry.key:
                    chunk.keys.add(entry.key)
                chunk.touched = time.monotonic()
                if len(chunk.entries) >= group.size:
                    return self._seal(group, position + 1)
                return 0
        group.open.append(Chunk(group, [entry]))
        if group.size == 1:
            return self._seal(group, 1)
        if not group.in_filling:
            group.in_filling = True
            self._filling.append(group)
        if len(group.open) > _MAX_OPEN:
            return self._seal(group, 1)
        return 0

    def _seal(self, group: Group, count: int) -> int:
        # Seal the oldest ``count`` open chunks, in order, so input order is kept.
        group.ready.extend(group.open[:count])
        del group.open[:count]
        self._enqueue(group)
        return count

    def _enqueue(self, group: Group) -> None:
        if not group.in_ring and group.ready:
            group.in_ring = True
            self._ring.append(group)

    def seal_one(self) -> bool:
        """Seal the oldest open chunk of the next filling group; False when none is open."""
        while self._filling:
            group = self._filling.popleft()
            group.in_filling = False
            if group.open:
                self._seal(group, 1)
                if group.open:
                    group.in_filling = True
                    self._filling.append(group)
                return True
        return False

    def seal_stale(self, now: float, idle: float, age: float) -> bool:
        """Seal part-full chunks that got no item for ``idle`` s or are ``age`` s old."""
        sealed = False
        for group in list(self._filling):
            while group.open and (
                now - group.open[0].touched >= idle or now - group.open[0].born >= age
            ):
                self._seal(group, 1)
                sealed = True
        return sealed

    def seal_all(self) -> None:
        """Seal every open chunk (the input is exhausted)."""
        while self.seal_one():
            pass

    def take(self, now: float) -> Chunk | None:
        """The next chunk that may go now, serving groups in turn; None if none may."""
        for _ in range(len(self._ring)):
            group = self._ring.popleft()
            head = group.ready[0]
            if head.not_before > now or not group.busy.isdisjoint(head.keys):
                self._ring.append(group)
                continue
            group.ready.popleft()
            group.busy |= head.keys
            if group.ready:
                self._ring.append(group)
            else:
                group.in_ring = False
            self.queued -= len(head.entries)
            return head
        return None

    def wait_hint(self, now: float) -> float | None:
        """Seconds until a delayed ready chunk may go, if one is waiting for its time."""
        times = [group.ready[0].not_before for group in self._ring]
        later = [when - now for when in times if when > now]
        return min(later) if later else None

    def release(self, chunk: Chunk) -> None:
        """A chunk's request is over: its keys are no longer in flight."""
        chunk.group.busy -= chunk.keys

    def requeue(self, group: Group, parts: list[list[Entry]], not_before: float = 0.0) -> None:
        """Put entries back at the front of their group (in the given order)."""
        for entries in reversed(parts):
            if entries:
                group.ready.appendleft(Chunk(group, entries, not_before))
                self.queued += len(entries)
        self._enqueue(group)

    @property
    def has_ready(self) -> bool:
        """True when some group has a sealed chunk (it may still wait for its keys)."""
        return bool(self._ring)

    @property
    def filling(self) -> bool:
        """True when some open chunk waits for more items."""
        return any(group.open for group in self._filling)

    @property
    def empty(self) -> bool:
        """True when no entry waits in any chunk."""
        return self.queued == 0

    def drain(self) -> Iterator[Entry]:
        """Remove and yield every queued entry (the run is over)."""
        for group in self._groups.values():
            for chunk in [*group.ready, *group.open]:
                yield from chunk.entries
            group.ready.clear()
            group.open.clear()
            group.in_ring = group.in_filling = False
        self._ring.clear()
        self._filling.clear()
        self.queued = 0
