"""parse_event: encodings, sniffing, nulls, types, unknown actions and malformed bodies."""

from __future__ import annotations

import datetime as dt
import pickle
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thulium_async.webhooks as wh
from thulium_async._converter import DEFAULT_TIMEZONE
from thulium_async.errors import ThuliumError
from thulium_async.models import SystemStatus
from thulium_async.webhooks import _body

DATE = "2016-04-20 09:46:24"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
COMPLETED = {
    "action": "OUTBOUND_COMPLETED",
    "id": "00001",
    "name": "Outbound",
    "record_id": "162",
    "phone_number": "523993855",
    "connection_id": "1416225570.340",
    "customer_id": "null",
    "agent_login": "jkowalski",
    "date": "2016-04-20 09:46:24",
    "duration": "69",
    "billsec": "67",
    "filename": "null",
    "caller_id": "",
}


def form(data: dict[str, str]) -> bytes:
    return urlencode(data).encode("ascii")


def test_field_style_form_body() -> None:
    event = wh.parse_event(form(COMPLETED), FORM)
    assert isinstance(event, wh.OutboundCompleted)
    assert isinstance(event, wh.OutboundOutcome)
    assert isinstance(event, wh.OutboundEvent)
    assert event.campaign_id == event.id == "00001"
    assert event.record_id == 162
    assert event.duration == 69
    assert event.customer_id is None
    assert event.filename is None
    assert event.caller_id is None
    assert event.date == dt.datetime(2016, 4, 20, 9, 46, 24, tzinfo=DEFAULT_TIMEZONE)


def test_connection_id_stays_a_string() -> None:
    assert wh.parse_event(form(COMPLETED), FORM).connection_id == "1416225570.340"
    as_json = wh.parse_event({**COMPLETED, "record_id": 162}, JSON)
    assert as_json.connection_id == "1416225570.340"


def test_json_number_for_connection_id_is_refused() -> None:
    body = orjson.dumps({"action": "RECORDING_READY", "connection_id": 1416225570.34, "date": DATE})
    with pytest.raises(wh.WebhookPayloadError) as info:
        wh.parse_event(body, JSON)
    assert info.value.field == "connection_id"
    assert info.value.action == "RECORDING_READY"


@pytest.mark.parametrize("empty", ["null", "NULL", ""])
def test_every_empty_spelling_is_none(empty: str) -> None:
    body = form(
        {
            "action": "AGENT_STATUS_CHANGED",
            "agent_login": "jk",
            "date": "2016-04-20 09:46:24",
            "pause_id": empty,
            "previous_pause_id": "3",
        }
    )
    event = wh.parse_event(body, FORM)
    assert isinstance(event, wh.AgentStatusChanged)
    assert event.pause_id is None
    assert event.is_free
    assert event.previous_pause_id == 3


def test_json_null_and_typed_json_values() -> None:
    event = wh.parse_event(
        b'{"action": "OUTBOUND_RECORD_SAVED", "id": "00001", "record_id": 162,'
        b' "phone_number": 523993855, "date": "2016-04-20 09:46:24", "status_id": "8",'
        b' "previous_status_id": null, "system_status": "MY_RECORD",'
        b' "next_call_date": "2017-04-20 09:46:00"}',
        JSON,
    )
    assert isinstance(event, wh.OutboundRecordSaved)
    assert event.phone_number == "523993855"
    assert event.status_id == 8
    assert event.previous_status_id is None
    assert event.system_status is SystemStatus.MY_RECORD


def test_unknown_enum_value_is_kept() -> None:
    event = wh.parse_event(
        {**COMPLETED, "action": "OUTBOUND_RECORD_SAVED", "system_status": "NEW_ONE"}
    )
    assert isinstance(event, wh.OutboundRecordSaved)
    assert event.system_status == "NEW_ONE"
    assert isinstance(event.system_status, SystemStatus)


def test_other_enums() -> None:
    ticket = wh.parse_event(
        b"action=TICKET_CREATED&ticket_id=12&direction=in_behalf_of&date=2016-04-20+09:46:24"
    )
    assert isinstance(ticket, wh.TicketCreated)
    assert ticket.direction is wh.TicketDirection.IN_BEHALF_OF
    transfer = wh.parse_event(
        b"action=QUEUE_TRANSFERRED_TO_AGENT&connection_id=1.2&type=blind&date=2016-04-20+09:46:24"
    )
    assert isinstance(transfer, wh.QueueTransferredToAgent)
    assert transfer.type is wh.TransferType.BLIND


def test_timezone_is_the_accounts() -> None:
    london = ZoneInfo("Europe/London")
    event = wh.parse_event(form(COMPLETED), FORM, timezone=london)
    assert event.date == dt.datetime(2016, 4, 20, 9, 46, 24, tzinfo=london)
    assert event.date.utcoffset() == dt.timedelta(hours=1)


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "application/json; charset=utf-8",
        'Application/JSON;charset="UTF-8"',
        "text/json",
        "application/vnd.thulium+json",
        None,
        "",
    ],
)
def test_json_content_types(content_type: str | None) -> None:
    body, _ = wh.encode_event(wh.parse_event(COMPLETED), form=False)
    assert wh.parse_event(body, content_type) == wh.parse_event(COMPLETED)


@pytest.mark.parametrize(
    "content_type", [FORM, "application/x-www-form-urlencoded; charset=UTF-8", None, "  "]
)
def test_form_content_types(content_type: str | None) -> None:
    assert wh.parse_event(form(COMPLETED), content_type) == wh.parse_event(COMPLETED)


def test_text_bodies_are_accepted() -> None:
    assert wh.parse_event(form(COMPLETED).decode()) == wh.parse_event(COMPLETED)
    assert wh.parse_event(wh.encode_event(wh.parse_event(COMPLETED), form=False)[0].decode())


def test_form_charset_is_honoured() -> None:
    data = {
        "action": "CUSTOMER_NOTE_SAVED",
        "customer_id": "154",
        "content": "Zażółć gęślą jaźń",
        "date": "2016-04-20 09:46:24",
    }
    body = urlencode(data, encoding="iso-8859-2").encode("ascii")
    event = wh.parse_event(body, "application/x-www-form-urlencoded; charset=ISO-8859-2")
    assert isinstance(event, wh.CustomerNoteSaved)
    assert event.content == "Zażółć gęślą jaźń"


def test_utf8_form_and_raw_non_ascii_bytes() -> None:
    body = "action=CUSTOMER_NOTE_SAVED&customer_id=1&date=2016-04-20 09:46:24&content=Łódź".encode()
    event = wh.parse_event(body, FORM)
    assert isinstance(event, wh.CustomerNoteSaved)
    assert event.content == "Łódź"


def test_multipart_form_data() -> None:
    boundary = "XyZ123"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
        for key, value in COMPLETED.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
        "Content-Type: text/plain\r\n\r\nignored\r\n"
    )
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    event = wh.parse_event(body, f"multipart/form-data; boundary={boundary}")
    assert event == wh.parse_event(COMPLETED)
    assert "file" not in event.raw


def test_malformed_multipart() -> None:
    with pytest.raises(wh.WebhookPayloadError, match="multipart"):
        wh.parse_event(b"no parts here", "multipart/form-data; boundary=abc")


def test_php_style_nested_keys() -> None:
    body = (
        b"action=SOMETHING_NEW&custom_fields[Kraj][]=POLSKA&custom_fields[Kraj][]=NORWEGIA"
        b"&tags[0]=a&tags[1]=b&x[y]=1"
    )
    event = wh.parse_event(body, FORM)
    assert isinstance(event, wh.UnknownEvent)
    assert event.raw["custom_fields"] == {"Kraj": ["POLSKA", "NORWEGIA"]}
    assert event.raw["tags"] == ["a", "b"]
    assert event.raw["x"] == {"y": "1"}
    json_event = wh.parse_event(
        {
            "action": "SOMETHING_NEW",
            "custom_fields": {"Kraj": ["POLSKA", "NORWEGIA"]},
            "tags": ["a", "b"],
            "x": {"y": "1"},
        }
    )
    assert json_event == event


def test_php_indices_continue_after_explicit_ones() -> None:
    event = wh.parse_event(b"action=X&a[5]=x&a[]=y&b[]=1&b[]=2&c=plain&c[d]=nested")
    assert event.raw == {
        "action": "X",
        "a": {"5": "x", "6": "y"},
        "b": ["1", "2"],
        "c": {"d": "nested"},
    }
    many = wh.parse_event(b"action=X" + b"&a[]=v" * 5000)
    assert many.raw["a"] == ["v"] * 5000


def test_nesting_deeper_than_php_allows_stays_literal() -> None:
    key = "k" + "[x]" * 100
    event = wh.parse_event(f"action=X&{key}=1".encode())
    assert event.raw[key] == "1"


def test_odd_bracket_keys_stay_literal() -> None:
    event = wh.parse_event(b"action=X&[a]=1&b[c=2&d[e]f]=3")
    assert event.raw == {"action": "X", "[a]": "1", "b[c": "2", "d[e]f]": "3"}


def test_unknown_action_is_an_event_never_an_error() -> None:
    event = wh.parse_event(b"action=BRAND_NEW&record_id=not-a-number&empty=null", FORM)
    assert isinstance(event, wh.UnknownEvent)
    assert event.action == "BRAND_NEW"
    assert event.raw == {"action": "BRAND_NEW", "record_id": "not-a-number", "empty": "null"}
    assert event == wh.UnknownEvent(action="BRAND_NEW", raw=dict(event.raw))


def test_extra_fields_are_kept_in_raw_only() -> None:
    event = wh.parse_event({**COMPLETED, "queue_name": "Sales"})
    assert event.raw["queue_name"] == "Sales"
    assert event == wh.parse_event(COMPLETED)  # raw takes no part in equality
    assert hash(event) == hash(wh.parse_event(COMPLETED))
    assert "raw" not in repr(event)


def test_events_pickle() -> None:
    event = wh.parse_event(COMPLETED)
    assert pickle.loads(pickle.dumps(event)) == event


@pytest.mark.parametrize(
    ("body", "content_type", "field", "match"),
    [
        (b"{not json", JSON, None, "not valid JSON"),
        (b"[1, 2]", None, None, "must be an object"),
        (b'"action"', JSON, None, "must be an object"),
        (b"", None, "action", "missing"),
        (b"hello world", None, "action", "missing"),
        (b"id=00001&date=2016-04-20+09:46:24", FORM, "action", "missing"),
        (b"action=null", FORM, "action", "missing"),
        (b"action=", FORM, "action", "missing"),
        (b'{"action": null}', JSON, "action", "missing"),
        (b'{"action": 7}', JSON, "action", "expected a string"),
        (b"\xff\xfe=\xff", FORM, None, "not valid utf-8"),
        (b"action=%FF", FORM, None, "not valid utf-8"),
        (
            b"action=TICKET_CLOSED&ticket_id=twelve&date=2016-04-20+09:46:24",
            FORM,
            "ticket_id",
            "twelve",
        ),
        (
            b"action=TICKET_CLOSED&ticket_id=12.5&date=2016-04-20+09:46:24",
            FORM,
            "ticket_id",
            "12.5",
        ),
        (b"action=TICKET_CLOSED&date=2016-04-20+09:46:24", FORM, "ticket_id", "missing"),
        (
            b"action=TICKET_CLOSED&ticket_id=NULL&date=2016-04-20+09:46:24",
            FORM,
            "ticket_id",
            "missing",
        ),
        (b"action=TICKET_CLOSED&ticket_id=1&date=yesterday", FORM, "date", "yesterday"),
        (b"action=TICKET_CLOSED&ticket_id=1", FORM, "date", "missing"),
        (
            b'{"action": "TICKET_CLOSED", "ticket_id": true, "date": "2016-04-20 09:46:24"}',
            JSON,
            "ticket_id",
            "True",
        ),
        (
            b'{"action": "TICKET_CLOSED", "ticket_id": 1.5, "date": "2016-04-20 09:46:24"}',
            JSON,
            "ticket_id",
            "1.5",
        ),
        (
            orjson.dumps(
                {"action": "TICKET_CLOSED", "ticket_id": 1, "agent_login": ["a"], "date": DATE}
            ),
            JSON,
            "agent_login",
            "expected a string",
        ),
        (
            orjson.dumps(
                {"action": "AGENT_COMPLETED", "connection_id": "1.2", "reason": 5, "date": DATE}
            ),
            JSON,
            "reason",
            "5",
        ),
    ],
)
def test_malformed_bodies_name_the_problem(
    body: bytes, content_type: str | None, field: str | None, match: str
) -> None:
    with pytest.raises(wh.WebhookPayloadError, match=match) as info:
        wh.parse_event(body, content_type)
    assert info.value.field == field
    if field is not None:
        assert field in str(info.value)
    assert not isinstance(info.value, wh.UnsupportedContentTypeError)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/xml", "application/octet-stream", f"{FORM}; charset=klingon"],
)
def test_unsupported_content_types(content_type: str) -> None:
    with pytest.raises(wh.UnsupportedContentTypeError) as info:
        wh.parse_event(form(COMPLETED), content_type)
    assert info.value.content_type == content_type


def test_error_class_tree_and_pickling() -> None:
    with pytest.raises(wh.WebhookPayloadError) as info:
        wh.parse_event(b"action=TICKET_CLOSED&ticket_id=x&date=2016-04-20+09:46:24")
    error = info.value
    assert isinstance(error, ThuliumError)
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.field, copy.action, str(copy)) == (error.field, error.action, str(error))
    assert issubclass(wh.UnsupportedContentTypeError, wh.WebhookPayloadError)


def test_body_of_the_wrong_type() -> None:
    with pytest.raises(TypeError):
        wh.parse_event(12)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab=&+%; 2F5AC3ł")))
def test_form_fast_path_matches_parse_qsl(text: str) -> None:
    try:
        expected = dict(parse_qsl(text, keep_blank_values=True, errors="strict"))
    except UnicodeDecodeError:
        with pytest.raises(wh.WebhookPayloadError):
            _body.decode_body(text, FORM)
        return
    assert _body.decode_body(text, FORM) == expected
