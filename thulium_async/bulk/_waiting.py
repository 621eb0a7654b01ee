"""Waiting without busy loops: the reader for room, idle workers for chunks."""

from __future__ import annotations

import math
from collections import deque

import anyio

__all__ = ["Signal", "Waiters"]


class Signal:
    """Wakes its waiters once; re-armed at each notify (the reader waits for room)."""

    def __init__(self) -> None:
        self._event = anyio.Event()

    def notify(self) -> None:
        """Wake whoever waits now."""
        self._event.set()
        self._event = anyio.Event()

    async def wait(self) -> None:
        """Wait for the next notify."""
        await self._event.wait()


class Waiters:
    """Idle workers in line: a new chunk wakes one of them, not all (no thundering herd)."""

    def __init__(self) -> None:
        self._line: deque[anyio.Event] = deque()

    def __len__(self) -> int:
        return len(self._line)

    async def wait(self, patience: float | None) -> bool:
        """Wait to be woken; False when ``patience`` seconds passed first."""
        event = anyio.Event()
        self._line.append(event)
        try:
            with anyio.move_on_after(math.inf if patience is None else patience):
                await event.wait()
        finally:
            if not event.is_set():
                self._line.remove(event)
        return event.is_set()

    def wake(self, count: int = 1) -> None:
        """Wake up to ``count`` waiters."""
        for _ in range(min(count, len(self._line))):
            self._line.popleft().set()

    def wake_all(self) -> None:
        """Wake every waiter (the end, or a stop)."""
        self.wake(len(self._line))
