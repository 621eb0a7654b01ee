"""Repeats found at any input length: keys past the in-memory ones go to a temporary database."""

from __future__ import annotations

import pytest

from tests.bulk.support import assert_accounted, phone, quick
from thulium_async.bulk import Outcome, _seen
from thulium_async.bulk._seen import FirstSeen
from thulium_async.testing import FakeThulium


def test_keys_past_the_in_memory_ones_still_name_their_first_item() -> None:
    """Two keys in memory, the rest on disk: every repeat finds its first index, per campaign."""
    seen = FirstSeen(in_memory=2)
    assert [seen.first("00001", n, n) for n in range(5)] == [0, 1, 2, 3, 4]
    assert seen.first("00001", 1, 10) == 1  # in memory
    assert seen.first("00001", 4, 11) == 4  # on disk
    assert seen.first("00002", 4, 12) == 12  # another campaign: a first
    assert seen.first(None, -(2**70), 13) == 13  # a customer id past 64 bits
    assert seen.first(None, -(2**70), 14) == 13
    seen.close()
    assert seen.first("00001", 4, 20) == 20  # closed: everything forgotten


@pytest.mark.parametrize("in_memory", [0, 3, 1000])
async def test_a_long_run_finds_repeats_beyond_the_keys_held_in_memory(
    fake: FakeThulium, monkeypatch: pytest.MonkeyPatch, in_memory: int
) -> None:
    """Repeats of early and late numbers are REPEATED with the right index, wherever kept."""
    monkeypatch.setattr(_seen, "_IN_MEMORY", in_memory)
    opened = []
    real_open = _seen._open
    monkeypatch.setattr(_seen, "_open", lambda: opened.append(1) or real_open())
    items = [("00001", {"phone_number": phone(i)}) for i in range(20)]
    items += [("00001", {"phone_number": phone(i)}) for i in (0, 19, 7)]
    async with quick(fake) as client:
        report = await client.bulk.create_records(items)
    assert_accounted(report, 23)
    assert report.counts == {Outcome.CREATED: 20, Outcome.REPEATED: 3}
    assert [(r.index, r.repeats) for r in report.repeats] == [(20, 0), (21, 19), (22, 7)]
    assert len(opened) == (0 if in_memory > 20 else 1)
