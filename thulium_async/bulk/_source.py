"""Reading the input lazily: pairs from an iterable or async iterable, or a mapping.

Nothing is materialised: items are pulled as the engine has room for them.
A mapping ``{campaign_id: items}`` is read in turns (a chunk's worth from
each campaign), so a long first campaign does not hold the others back.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from typing import Any

from ..errors import InputError

__all__ = ["MALFORMED", "Source"]

#: Stands in for the campaign id of an input element that is not a pair.
MALFORMED: Any = object()


def _is_stream(value: Any) -> bool:
    if isinstance(value, (str, bytes)):
        return False
    return isinstance(value, (Iterable, AsyncIterable))


class _Turns:
    """One campaign's items, read a turn at a time (sync or async)."""

    def __init__(self, campaign_id: Any, values: Iterable[Any] | AsyncIterable[Any]) -> None:
        self.campaign_id = campaign_id
        self._sync: Iterator[Any] | None = None
        self._async: AsyncIterator[Any] | None = None
        if isinstance(values, AsyncIterable):
            self._async = aiter(values)
        else:
            self._sync = iter(values)
        self.taken = 0
        self.done = False

    async def turn(self, n: int) -> AsyncIterator[Any]:
        """Up to ``n`` items, each handed over as soon as it is read (so an error or a
        cancellation of the input never swallows items already read)."""
        for _ in range(n):
            try:
                if self._sync is not None:
                    item = next(self._sync)
                else:
                    assert self._async is not None
                    item = await anext(self._async)
            except (StopIteration, StopAsyncIteration):
                self.done = True
                return
            self.taken += 1
            yield item


class Source:
    """The input as an async stream of ``(index, campaign_id, item)``.

    ``keyed=False`` is for inputs without campaigns (status by phone number):
    each element (or mapping entry) is the item itself, campaign None.
    ``expected`` is the input's length when it has one.
    """

    def __init__(self, items: Any, *, keyed: bool, per_turn: int) -> None:
        if not _is_stream(items) and not isinstance(items, Mapping):
            raise InputError("items", "an iterable, async iterable or mapping of items", items)
        self._items = items
        self._keyed = keyed
        self._per_turn = max(1, per_turn)
        self.expected = _length(items, keyed)
        if keyed and isinstance(items, Mapping):
            for campaign_id, values in items.items():
                if not _is_stream(values):
                    raise InputError(
                        f"items[{campaign_id!r}]", "an iterable of items for the campaign", values
                    )

    async def __aiter__(self) -> AsyncIterator[tuple[int, Any, Any]]:
        items: Any = self._items
        if isinstance(items, Mapping):
            if self._keyed:
                async for triple in self._turns(items):
                    yield triple
                return
            items = items.items()
        index = 0
        if isinstance(items, AsyncIterable):
            async for element in items:
                yield self._triple(index, element)
                index += 1
        else:
            for element in items:
                yield self._triple(index, element)
                index += 1

    def _triple(self, index: int, element: object) -> tuple[int, Any, Any]:
        if not self._keyed:
            return index, None, element
        if isinstance(element, (tuple, list)) and len(element) == 2:
            return index, element[0], element[1]
        return index, MALFORMED, element

    async def _turns(self, items: Mapping[Any, Any]) -> AsyncIterator[tuple[int, Any, Any]]:
        active = deque(_Turns(campaign_id, values) for campaign_id, values in items.items())
        while active:
            campaign = active.popleft()
            async for item in campaign.turn(self._per_turn):
                yield campaign.taken - 1, campaign.campaign_id, item
            if not campaign.done:
                active.append(campaign)


def _length(items: Any, keyed: bool) -> int | None:
    try:
        if keyed and isinstance(items, Mapping):
            return sum(len(values) for values in items.values())
        return len(items)
    except TypeError:
        return None
