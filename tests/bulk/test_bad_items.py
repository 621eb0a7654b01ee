"""One bad item fails alone, before any request: text JSON cannot carry, ids past 64 bits, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.bulk.support import assert_accounted, quick
from thulium_async import _validation as check
from thulium_async.bulk import Outcome
from thulium_async.errors import InputError
from thulium_async.testing import FakeThulium

MINUS_12 = dt.timezone(-dt.timedelta(hours=12))
BAD: dict[str, tuple[dict[str, Any], str]] = {
    "lone surrogate": ({"record_fields": {"a": "\ud800"}}, "record_fields.a"),
    "surrogate key": ({"record_fields": {"\udfff": "x"}}, "record_fields.\udfff"),
    "dictionary_status_id 2**64": ({"dictionary_status_id": 2**64}, "dictionary_status_id"),
    "status_id 2**64": ({"status_id": 2**64}, "status_id"),
    "status_id 20 digits": ({"status_id": "99999999999999999999"}, "status_id"),
    "next_call_date 9999-12-31 -12:00": (
        {"next_call_date": dt.datetime(9999, 12, 31, 23, 0, tzinfo=MINUS_12)},
        "next_call_date",
    ),
}


@pytest.mark.parametrize("journal", [False, True], ids=["plain", "journal"])
@pytest.mark.parametrize("case", list(BAD))
async def test_a_bad_item_fails_alone_before_any_request(
    fake: FakeThulium, tmp_path: Any, case: str, journal: bool
) -> None:
    """The bad item is FAILED with an InputError naming its field; the good ones are created."""
    fields, name = BAD[case]
    items = [
        ("00001", {"phone_number": "600000001"}),
        ("00001", {"phone_number": "600000002", **fields}),
        ("00001", {"phone_number": "600000003"}),
    ]
    options: dict[str, Any] = {"journal": str(tmp_path / "j.sqlite")} if journal else {}
    async with quick(fake) as client:
        report = await client.bulk.create_records(items, **options)
    assert_accounted(report, 3)
    assert report.counts == {Outcome.CREATED: 2, Outcome.FAILED: 1}, report.summary()
    (failure,) = report.failures
    assert failure.index == 1
    assert isinstance(failure.exception, InputError)
    assert failure.exception.field == name
    posted = [r["phone_number"] for q in fake.requests for r in q.json["records"]]
    assert posted == ["600000001", "600000003"]


def test_every_datetime_check_refuses_an_overflow_with_an_input_error() -> None:
    """Filters and bodies alike: the field is named, no OverflowError escapes."""
    moment = dt.datetime(9999, 12, 31, 23, 0, tzinfo=MINUS_12)
    zone = dt.timezone(dt.timedelta(hours=1))
    with pytest.raises(InputError, match="date_from"):
        check.moment(moment, "date_from", zone, seconds=True)
    with pytest.raises(InputError, match="next_call_date"):
        check.datetime_value(moment, "next_call_date", zone)


@pytest.mark.parametrize("kind", ["directory", "corrupt"])
async def test_a_journal_that_cannot_be_opened_is_an_input_error_naming_it(
    fake: FakeThulium, tmp_path: Any, kind: str
) -> None:
    """A directory or a file that is not sqlite: InputError("journal") with the path."""
    path = tmp_path / "j.sqlite"
    if kind == "directory":
        path.mkdir()
    else:
        path.write_bytes(b"this is not a sqlite database, just text" * 100)
    async with quick(fake) as client:
        with pytest.raises(InputError, match="journal") as caught:
            await client.bulk.create_records([("00001", {"phone_number": "600"})], journal=path)
    assert str(path) in str(caught.value)
    assert fake.requests == []
