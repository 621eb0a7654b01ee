"""encode_event is parse_event's inverse: what the fake server sends, receivers read back."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thulium_async.webhooks as wh
from thulium_async._converter import DEFAULT_TIMEZONE, NULL_STRINGS

EVENT_CLASSES = sorted(wh.EVENT_TYPES.values(), key=lambda cls: cls.__name__)

# The wire cannot tell "", "null" and "NULL" from None: keep them out of strings.
texts = st.text(min_size=1).filter(lambda s: s not in NULL_STRINGS)
moments = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=DEFAULT_TIMEZONE)
)


def for_type(type_: Any) -> st.SearchStrategy[Any]:
    args = typing.get_args(type_)
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in args if arg is not type(None)]
        return st.none() | for_type(inner)
    if type_ is int:
        return st.integers(min_value=-(2**63), max_value=2**63)
    if type_ is str:
        return texts
    if type_ is dt.datetime:
        return moments
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        # Known members and values this library has never seen.
        return st.sampled_from(list(type_)) | texts.map(type_)
    raise AssertionError(f"no strategy for {type_!r}")


def events_of(cls: type[wh.WebhookEvent]) -> st.SearchStrategy[wh.WebhookEvent]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: for_type(hints[f.name]) for f in attrs.fields(cls) if f.name != "raw"}
    return st.builds(cls, **fields)


@pytest.mark.parametrize("cls", EVENT_CLASSES, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("as_form", [True, False], ids=["form", "json"])
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_round_trip(cls: type[wh.WebhookEvent], as_form: bool, data: st.DataObject) -> None:
    event = data.draw(events_of(cls))
    body, content_type = wh.encode_event(event, form=as_form)
    assert content_type == ("application/x-www-form-urlencoded" if as_form else "application/json")
    assert wh.parse_event(body, content_type) == event
    # Receivers without a Content-Type sniff the body and get the same event.
    assert wh.parse_event(body) == event


def test_form_encoding_writes_null_for_empty_values() -> None:
    event = wh.OutboundCompleted(id="00001", date=dt.datetime(2016, 4, 20, 9, 46, 24))
    body, _ = wh.encode_event(event)
    assert body.startswith(b"action=OUTBOUND_COMPLETED&")
    assert b"record_id=null" in body
    assert b"date=2016-04-20+09%3A46%3A24" in body
    json_body, _ = wh.encode_event(event, form=False)
    assert b'"record_id":null' in json_body
    assert wh.parse_event(json_body).date == dt.datetime(
        2016, 4, 20, 9, 46, 24, tzinfo=DEFAULT_TIMEZONE
    )


def test_dates_are_written_in_the_account_zone() -> None:
    moment = dt.datetime(2016, 4, 20, 7, 46, 24, tzinfo=dt.UTC)
    body, _ = wh.encode_event(wh.AgentLoggedIn(agent_login="jk", date=moment))
    assert b"date=2016-04-20+09%3A46%3A24" in body


leaves = st.text().filter(lambda s: s not in NULL_STRINGS)
keys = st.text(alphabet="abcxyz_", min_size=1, max_size=5)
nested = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, min_size=1, max_size=3)
        | st.dictionaries(keys, inner, min_size=1, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None)
@given(raw=st.dictionaries(keys.filter(lambda k: k != "action"), nested, max_size=4))
def test_unknown_events_round_trip(raw: dict[str, Any]) -> None:
    event = wh.UnknownEvent(action="NOT_DOCUMENTED", raw={"action": "NOT_DOCUMENTED", **raw})
    for as_form in (True, False):
        assert wh.parse_event(*wh.encode_event(event, form=as_form)) == event
