"""cut_range: one way to cut a report range at calendar period starts."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thulium_async.resources._periods import cut_range

WARSAW = ZoneInfo("Europe/Warsaw")
SECOND = dt.timedelta(seconds=1)


def test_days_and_weeks_across_a_dst_change() -> None:
    """Days cut at local midnight, weeks at Monday midnight; pieces end a second before the next."""
    start = dt.datetime(2024, 3, 29, 12, 0, tzinfo=WARSAW)  # a Friday, before the DST change
    end = dt.datetime(2024, 4, 2, 23, 59, 59, tzinfo=WARSAW)
    days = cut_range(start, end, "day")
    assert [(a.isoformat(" "), b.isoformat(" ")) for a, b in days][:2] == [
        ("2024-03-29 12:00:00+01:00", "2024-03-29 23:59:59+01:00"),
        ("2024-03-30 00:00:00+01:00", "2024-03-30 23:59:59+01:00"),
    ]
    assert len(days) == 5
    assert days[2][0].isoformat() == "2024-03-31T00:00:00+01:00"
    assert days[3][0].isoformat() == "2024-04-01T00:00:00+02:00"
    weeks = cut_range(start, end, "week")
    assert [(a.date(), b.date()) for a, b in weeks] == [
        (dt.date(2024, 3, 29), dt.date(2024, 3, 31)),
        (dt.date(2024, 4, 1), dt.date(2024, 4, 2)),
    ]
    assert cut_range(start, end, None) == [(start, end)]


def test_months_and_years_on_naive_moments() -> None:
    """December rolls into the next year; a range inside one period stays whole."""
    start, end = dt.datetime(2023, 11, 15, 8, 30), dt.datetime(2024, 2, 1, 0, 0)
    assert [(a.isoformat(" "), b.isoformat(" ")) for a, b in cut_range(start, end, "month")] == [
        ("2023-11-15 08:30:00", "2023-11-30 23:59:59"),
        ("2023-12-01 00:00:00", "2023-12-31 23:59:59"),
        ("2024-01-01 00:00:00", "2024-01-31 23:59:59"),
        ("2024-02-01 00:00:00", "2024-02-01 00:00:00"),
    ]
    assert cut_range(start, end, "year") == [
        (start, dt.datetime(2023, 12, 31, 23, 59, 59)),
        (dt.datetime(2024, 1, 1), end),
    ]
    inside = (dt.datetime(2024, 5, 2), dt.datetime(2024, 5, 20))
    assert cut_range(*inside, "month") == [inside]


moments = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1))


@pytest.mark.parametrize("period", ["day", "week", "month", "year"])
@given(a=moments, b=moments)
def test_pieces_tile_the_range_exactly(period: str, a: dt.datetime, b: dt.datetime) -> None:
    """The pieces start at start, end at end, follow each other by one second, never cross a cut."""
    start, end = sorted((a.replace(microsecond=0), b.replace(microsecond=0)))
    pieces = cut_range(start, end, period)
    assert pieces[0][0] == start
    assert pieces[-1][1] == end
    for (_, previous_end), (next_start, _) in itertools.pairwise(pieces):
        assert next_start - previous_end == SECOND
        assert next_start.time() == dt.time()
    assert all(low <= high for low, high in pieces)
