"""ManualClock: the fake's local time, pinned and moved by the test."""

from __future__ import annotations

import datetime as dt

import pytest

from thulium_async.testing import FakeThulium, ManualClock


def test_advance_moves_and_returns_the_new_time():
    clock = ManualClock(dt.datetime(2024, 5, 6, 9, 0))
    assert clock() == dt.datetime(2024, 5, 6, 9, 0)
    assert clock.advance(90) == dt.datetime(2024, 5, 6, 9, 1, 30)
    assert clock.advance(hours=1, minutes=2) == dt.datetime(2024, 5, 6, 10, 3, 30)
    clock.now = dt.datetime(2025, 1, 1)
    assert clock() == dt.datetime(2025, 1, 1)


def test_an_aware_start_is_refused():
    with pytest.raises(ValueError, match="naive"):
        ManualClock(dt.datetime(2024, 5, 6, tzinfo=dt.UTC))


async def test_the_fake_dates_what_it_creates_by_the_clock():
    """A record created after advancing carries the advanced time."""
    clock = ManualClock(dt.datetime(2024, 5, 6, 9, 0))
    fake = FakeThulium(strict=True, wall_clock=clock)
    fake.add_campaign("00001")
    clock.advance(days=1, minutes=15)
    async with fake.client() as client:
        await client.outbounds.records.create("00001", phone_number="111222333")
    [record] = fake.records("00001")
    assert record["create_date"] == "2024-05-07 09:15"
