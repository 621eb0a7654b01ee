"""The converter: wire quirks in, typed models out, and back again."""

from __future__ import annotations

import datetime as dt
import types
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs
import cattrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import WARSAW
from thulium_async._converter import NULL_STRINGS, make_converter
from thulium_async._decoding import RAW_FIELD
from thulium_async.models import (
    Campaign,
    CampaignAgent,
    CampaignRecord,
    CampaignStats,
    CampaignStatus,
    CreatedCampaign,
    CrmCampaignRecord,
    Dialer,
    OpenStrEnum,
    SystemStatus,
)

MODELS = [
    Campaign,
    CreatedCampaign,
    CampaignStats,
    CampaignAgent,
    CampaignStatus,
    CampaignRecord,
    CrmCampaignRecord,
]
CONVERTER = make_converter(WARSAW)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# JSON as orjson reads it: 64-bit integers, finite floats, any text.
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
warsaw_minutes = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 12, 31)
).map(lambda value: value.replace(second=0, microsecond=0, tzinfo=WARSAW))
not_null_text = st.text(max_size=12).filter(lambda text: text not in NULL_STRINGS)


def _optional_inner(type_: Any) -> Any | None:
    """The X of ``X | None``, or None when the type is not optional."""
    if get_origin(type_) in (Union, types.UnionType) and type(None) in get_args(type_):
        (inner,) = (arg for arg in get_args(type_) if arg is not type(None))
        return inner
    return None


def value_strategy(type_: Any, *, optional: bool = False) -> st.SearchStrategy[Any]:
    """Values of a model field's type that survive a wire round trip."""
    inner = _optional_inner(type_)
    if inner is not None:
        return st.none() | value_strategy(inner, optional=True)
    if type_ is str:
        return not_null_text if optional else st.text(max_size=12)
    if type_ is int:
        return st.integers(min_value=-(2**63), max_value=2**63 - 1)
    if type_ is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if type_ is bool:
        return st.booleans()
    if type_ is dt.datetime:
        return warsaw_minutes
    if type_ is dt.date:
        return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
    if isinstance(type_, type) and issubclass(type_, OpenStrEnum):
        unknown = st.from_regex(r"[A-Z][A-Z_]{2,15}", fullmatch=True).map(type_)
        return st.sampled_from(list(type_)) | unknown
    if get_origin(type_) is dict:
        _, value_type = get_args(type_)
        values = json_scalars if value_type is Any else value_strategy(value_type)
        return st.dictionaries(st.text(max_size=8), values, max_size=4)
    raise AssertionError(f"no strategy for {type_!r}")


def model_strategy(model: type) -> st.SearchStrategy[Any]:
    """Instances of a model with every field (optional ones included) drawn."""
    hints = get_type_hints(model)
    fields = {name: value_strategy(hints[name]) for name in fields_of(model)}
    return st.builds(model, **fields)


def fields_of(model: type) -> list[str]:
    """The model's wire field names (not ``raw``, the answer as received)."""
    return [field.name for field in attrs.fields(model) if not field.metadata.get(RAW_FIELD)]


def optional_fields(model: type) -> list[str]:
    """Field names whose type admits None."""
    hints = get_type_hints(model)
    return [name for name in fields_of(model) if _optional_inner(hints[name]) is not None]


def wire(value: Any) -> Any:
    """The value as it would come back from JSON."""
    return orjson.loads(orjson.dumps(value))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@FAST
@given(data=st.data())
def test_models_round_trip_through_json(model: type, data: st.DataObject) -> None:
    """unstructure -> JSON -> structure gives the same model (times at minutes, in Warsaw)."""
    instance = data.draw(model_strategy(model))
    again = CONVERTER.structure(wire(CONVERTER.unstructure(instance)), model)
    assert again == instance
    for name in fields_of(model):
        value = getattr(again, name)
        if isinstance(value, dt.datetime):
            assert value.tzinfo is WARSAW


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@FAST
@given(data=st.data())
def test_unknown_keys_are_ignored(model: type, data: st.DataObject) -> None:
    """Keys the model does not know are never an error, and are kept in ``extra``."""
    instance = data.draw(model_strategy(model))
    known = set(fields_of(model))
    extra = data.draw(
        st.dictionaries(
            st.text(max_size=10).filter(lambda key: key not in known), json_values, max_size=4
        )
    )
    raw = {**extra, **wire(CONVERTER.unstructure(instance))}
    structured = CONVERTER.structure(raw, model)
    assert structured == instance
    assert structured.extra == extra
    assert structured.raw == raw


@pytest.mark.parametrize(
    "model", [m for m in MODELS if optional_fields(m)], ids=lambda m: m.__name__
)
@FAST
@given(data=st.data())
def test_null_strings_become_none_in_optional_fields(model: type, data: st.DataObject) -> None:
    """ "", "NULL" and "null" mean "no value" wherever a field may be None."""
    base = wire(CONVERTER.unstructure(data.draw(model_strategy(model))))
    names = optional_fields(model)
    nulls = data.draw(
        st.lists(st.sampled_from(sorted(NULL_STRINGS)), min_size=len(names), max_size=len(names))
    )
    structured = CONVERTER.structure({**base, **dict(zip(names, nulls, strict=True))}, model)
    assert all(getattr(structured, name) is None for name in names)


def test_catalog_style_record_with_empty_strings() -> None:
    """A record as the list example writes it: "" for order and dates, ids as strings."""
    record = CONVERTER.structure(
        {
            "record_id": "228",
            "phone_number": 5555,
            "system_status": "NO_CALL",
            "status_id": "5",
            "call_date": "2016-10-19 14:02",
            "next_call_date": "",
            "agent_login": "NULL",
            "order": "",
            "record_fields": {"field1": "", "field2": "x"},
        },
        CampaignRecord,
    )
    assert (record.record_id, record.phone_number, record.status_id) == (228, "5555", 5)
    assert record.system_status is SystemStatus.NO_CALL
    assert record.call_date == dt.datetime(2016, 10, 19, 14, 2, tzinfo=WARSAW)
    assert (record.next_call_date, record.agent_login, record.order) == (None, None, None)
    assert record.record_fields == {"field1": None, "field2": "x"}


@FAST
@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_ints_come_from_digit_strings(number: int) -> None:
    """An int field accepts the number or its decimal string."""
    for raw in (number, str(number)):
        stats = CONVERTER.structure(
            {"id": "00001", "records_count": raw, "completion_percent": "1.5"}, CampaignStats
        )
        assert stats.records_count == number
        assert type(stats.records_count) is int
        assert stats.completion_percent == 1.5


@pytest.mark.parametrize("value", ["1.5", "x", "", True, 1.5, None, [1]])
def test_non_integers_are_refused_in_int_fields(value: Any) -> None:
    """Booleans, fractions and non-digit strings are not ints: a validation error."""
    with pytest.raises(cattrs.BaseValidationError):
        CONVERTER.structure({"record_id": value, "phone_number": "1"}, CampaignRecord)


def test_unknown_enum_values_are_tolerated() -> None:
    """SystemStatus("NEW_THING") works, equals its string and survives structuring."""
    new = SystemStatus("NEW_THING")
    assert new == "NEW_THING"
    assert new.value == "NEW_THING"
    assert str(new) == "NEW_THING"
    assert isinstance(new, SystemStatus)
    assert SystemStatus("CALL") is SystemStatus.CALL
    status = CONVERTER.structure(
        {"status_id": 1, "name": "x", "system_status": "NEW_THING"}, CampaignStatus
    )
    assert status.system_status == "NEW_THING"
    assert isinstance(status.system_status, SystemStatus)
    assert Dialer("turbo") == "turbo"
    with pytest.raises(ValueError):
        SystemStatus("")
    with pytest.raises(ValueError):
        SystemStatus(5)


@pytest.mark.parametrize("zero", ["0000-00-00 00:00", "0000-00-00 00:00:00", "0000-00-00"])
def test_zero_dates_are_none_for_optional_datetimes(zero: str) -> None:
    """MySQL's zero date means "no date" in optional datetime and date fields."""
    record = CONVERTER.structure(
        {"record_id": 1, "phone_number": "1", "call_date": zero, "next_call_date": zero},
        CampaignRecord,
    )
    assert (record.call_date, record.next_call_date) == (None, None)
    campaign = CONVERTER.structure(
        {"id": "00001", "name": "x", "crm": False, "start_date": zero}, Campaign
    )
    assert campaign.start_date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-10-19 14:02", dt.datetime(2016, 10, 19, 14, 2)),
        ("2016-10-19 14:02:33", dt.datetime(2016, 10, 19, 14, 2, 33)),
        ("2017-12-11 10:23:04.318", dt.datetime(2017, 12, 11, 10, 23, 4, 318000)),
        ("2017-12-11 10:23:04.318123", dt.datetime(2017, 12, 11, 10, 23, 4, 318123)),
        ("2024-01-15 10:00", dt.datetime(2024, 1, 15, 10, 0)),
    ],
)
def test_datetimes_with_seconds_and_milliseconds_parse(text: str, expected: dt.datetime) -> None:
    """Minutes, seconds and milliseconds forms all give an aware Warsaw datetime."""
    record = CONVERTER.structure(
        {"record_id": 1, "phone_number": "1", "call_date": text}, CampaignRecord
    )
    assert record.call_date == expected.replace(tzinfo=WARSAW)
    assert record.call_date is not None
    assert record.call_date.tzinfo is WARSAW


def test_datetimes_are_written_in_the_api_form() -> None:
    """Aware datetimes go out as account wall time 'YYYY-MM-DD hh:mm'; dates as 'YYYY-MM-DD'."""
    record = CampaignRecord(
        record_id=1,
        phone_number="1",
        call_date=dt.datetime(2024, 7, 1, 10, 0, 59, tzinfo=dt.UTC),
    )
    raw = CONVERTER.unstructure(record)
    assert raw["call_date"] == "2024-07-01 12:00"
    campaign = Campaign(id="00001", name="x", crm=False, start_date=dt.date(2015, 10, 5))
    assert CONVERTER.unstructure(campaign)["start_date"] == "2015-10-05"


def test_another_account_zone_is_honoured() -> None:
    """A converter for another zone reads and writes that zone's wall time."""
    london = make_converter(dt.timezone(dt.timedelta(hours=0)))
    record = london.structure(
        {"record_id": 1, "phone_number": "1", "call_date": "2024-07-01 12:00"}, CampaignRecord
    )
    assert record.call_date is not None
    assert record.call_date.utcoffset() == dt.timedelta(0)
    assert CONVERTER.unstructure(record)["call_date"] == "2024-07-01 14:00"


ACCEPTED_ERRORS = (cattrs.BaseValidationError, ValueError)


def junk_for(model: type) -> st.SearchStrategy[Any]:
    """Random JSON, and random JSON objects using the model's own keys."""
    keyed = st.dictionaries(st.sampled_from(fields_of(model)), json_values, max_size=8)
    return json_values | keyed


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_junk_gives_a_model_or_a_validation_error(model: type, data: st.DataObject) -> None:
    """Any JSON value yields the model or a cattrs/ValueError, never another exception type."""
    value = data.draw(junk_for(model))
    try:
        result = CONVERTER.structure(value, model)
    except ACCEPTED_ERRORS:
        return
    assert isinstance(result, model)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_non_object_is_a_validation_error(model: type) -> None:
    """A scalar where an object is expected raises a validation error, not a TypeError."""
    for value in (5, 1.5, True, None):
        with pytest.raises(ACCEPTED_ERRORS):
            CONVERTER.structure(value, model)
