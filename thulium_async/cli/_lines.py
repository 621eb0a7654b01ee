"""Which file line each item came from, in a few bytes per irregular line, not per row."""

from __future__ import annotations

from array import array
from bisect import bisect_right

__all__ = ["LineMap"]


class LineMap:
    """``lines[index]``: the file line of the index-th item read; 0 if unknown.

    Lines run ahead of item indexes by a constant (the header, say) that only
    changes at a blank line, an unreadable row or a value spanning lines, so
    only those changes are stored: a file of clean rows costs a few bytes in
    all, where a line number per row cost 8 bytes each (32 MB for 4 million rows).
    """

    def __init__(self) -> None:
        self._starts = array("q")  # first item index of each stretch
        self._offsets = array("q")  # line - index along that stretch
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, line: int) -> None:
        """Note the line of the next item."""
        offset = line - self._count
        if not self._offsets or self._offsets[-1] != offset:
            self._starts.append(self._count)
            self._offsets.append(offset)
        self._count += 1

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self._count:
            return 0
        return index + self._offsets[bisect_right(self._starts, index) - 1]
