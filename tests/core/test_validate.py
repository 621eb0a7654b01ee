"""Input checks: everything wrong is refused before any request, naming the field.

Pure checks of ``thulium_async._validation`` first, then the resources' checks
through the client (a respx guard proves nothing was sent), then the status
lookup that refuses MY_RECORD / CALL_NO_SOONER_THAN writes missing their fields.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import respx
from hypothesis import example, given, settings
from hypothesis import strategies as st

import thulium_async as th
from tests.support import (
    WARSAW,
    catalog_response,
    sent_json,
    statuses_answer,
)
from thulium_async import _validation as check
from thulium_async import errors
from thulium_async.models import Dialer, NewRecord, RecordUpdate

Call = Callable[[th.Client], Awaitable[Any]]


async def refused(client: th.Client, guard: respx.MockRouter, call: Call) -> errors.InputError:
    """Run a call that must fail with InputError before any request; return the error."""
    with pytest.raises(errors.InputError) as caught:
        await call(client)
    assert guard.calls.call_count == 0, [str(c.request.url) for c in guard.calls]
    error = caught.value
    assert str(error).startswith(f"{error.field}: expected ")
    assert isinstance(error, ValueError)
    return error


# Pure checks.


@pytest.mark.parametrize(
    ("value", "expected"), [(1, "00001"), (0, "00000"), (99999, "99999"), ("00012", "00012")]
)
def test_campaign_id_pads_ints(value: Any, expected: str) -> None:
    """An int becomes the zero-padded five-character id; a five-character string stays."""
    assert check.campaign_id(value) == expected


@pytest.mark.parametrize("value", ["12", "000001", 123456, -1, True, None, "0000 ", "00-01", 1.0])
def test_campaign_id_refuses_other_shapes(value: Any) -> None:
    """ "12" is not padded (the docs' mistake), and out-of-range ints are refused."""
    with pytest.raises(errors.InputError) as caught:
        check.campaign_id(value, "id")
    assert caught.value.field == "id"
    assert caught.value.value == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [("+48111222333", "+48111222333"), ("111222333", "111222333"), (600700800, "600700800")],
)
def test_phone_number_accepts_digits_and_a_plus(value: Any, expected: str) -> None:
    """Digits with an optional leading + pass unchanged (ints become strings)."""
    assert check.phone_number(value) == expected


@pytest.mark.parametrize(
    "value", ["111 222", "111-222", "", "+", "48+111", "\uff11\uff12\uff13", None, -5]
)
def test_phone_number_refuses_anything_else(value: Any) -> None:
    """Spaces, dashes, empty strings and non-ASCII digits are refused."""
    with pytest.raises(errors.InputError, match=r"^records\[2\]\.phone_number: "):
        check.phone_number(value, "records[2].phone_number")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none(), st.floats()))
@example("²")  # str.isdigit() is True for superscripts, but int() refuses them
@example("0")
def test_positive_id_returns_a_positive_int_or_an_input_error(value: Any) -> None:
    """Whatever it gets, positive_id returns an int > 0 or raises InputError naming the field."""
    try:
        result = check.positive_id(value, "status_id")
    except errors.InputError as error:
        assert error.field == "status_id"  # noqa: PT017 - a property test: both outcomes are checked
    else:
        assert type(result) is int
        assert result > 0


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.integers()))
def test_phone_number_never_lets_a_non_digit_through(value: Any) -> None:
    """Every accepted phone number is ASCII digits with an optional leading +."""
    try:
        result = check.phone_number(value)
    except errors.InputError as error:
        assert error.field == "phone_number"  # noqa: PT017 - both outcomes are checked
    else:
        assert re.fullmatch(r"\+?[0-9]{1,32}", result, flags=re.ASCII)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=7), st.integers()))
def test_campaign_id_never_lets_a_path_unsafe_id_through(value: Any) -> None:
    """Every accepted campaign id is five ASCII letters or digits."""
    try:
        result = check.campaign_id(value)
    except errors.InputError:
        return
    assert re.fullmatch(r"[0-9A-Za-z]{5}", result, flags=re.ASCII)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2024, 5, 24, 12, 24), "2024-05-24 12:24"),  # naive = Warsaw
        (dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC), "2024-01-15 10:00"),  # CET
        (dt.datetime(2024, 7, 1, 10, 0, tzinfo=dt.UTC), "2024-07-01 12:00"),  # CEST
        (dt.datetime(2024, 7, 1, 12, 0, tzinfo=WARSAW), "2024-07-01 12:00"),
        (dt.datetime(2024, 5, 24, 12, 24, 59, 999), "2024-05-24 12:24"),
        ("2024-05-24 12:24", "2024-05-24 12:24"),
    ],
)
def test_datetime_value_is_account_wall_time(value: Any, expected: str) -> None:
    """Naive datetimes are Warsaw time, aware ones are converted to it; minutes precision."""
    assert check.datetime_value(value, "next_call_date", WARSAW) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2024-13-01 10:00",
        "2024-02-30 10:00",
        "2024-05-24 24:00",
        "2024-05-24T12:24",
        "2024-05-24 12:24:00",
        "2024-05-24",
        "24.05.2024 12:24",
        dt.date(2024, 5, 24),
        1716546240,
    ],
)
def test_datetime_value_refuses_other_forms(value: Any) -> None:
    """Only a datetime or 'YYYY-MM-DD hh:mm' naming a real moment is accepted."""
    with pytest.raises(errors.InputError) as caught:
        check.datetime_value(value, "next_call_date", WARSAW)
    assert caught.value.field == "next_call_date"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"field1": "a", "field2": 5, "field3": 1.5, "field4": None}, None),
        ({}, {}),
    ],
)
def test_string_map_turns_numbers_and_none_into_strings(value: Any, expected: Any) -> None:
    """Numbers become strings and None clears the field (""), as the API wants."""
    result = check.string_map(value, "record_fields")
    assert result == (
        expected
        if expected is not None
        else {"field1": "a", "field2": "5", "field3": "1.5", "field4": ""}
    )


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"field1": True}, "record_fields['field1']"),
        ({"field1": ["a"]}, "record_fields['field1']"),
        ({"field1": {"x": 1}}, "record_fields['field1']"),
        ({"": "a"}, "record_fields key"),
        ({1: "a"}, "record_fields key"),
        ([("field1", "a")], "record_fields"),
        ("field1=a", "record_fields"),
    ],
)
def test_string_map_refuses_other_values(value: Any, field: str) -> None:
    """Booleans, containers, empty or non-string names and non-mappings are refused."""
    with pytest.raises(errors.InputError) as caught:
        check.string_map(value, "record_fields")
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("value", "field"), [("anowak", "logins"), ([], "logins"), (["a", ""], "logins[1]")]
)
def test_logins_refuses_a_bare_string_and_empty_entries(value: Any, field: str) -> None:
    """A single string (a common slip), an empty list and empty logins are refused."""
    with pytest.raises(errors.InputError) as caught:
        check.logins(value)
    assert caught.value.field == field


@pytest.mark.parametrize("value", [" jan", "jan ", "a/b", "a?b", "a#b", "50%", "a\\b", ".", ""])
def test_one_login_rule_for_paths_queries_and_bodies(value: str) -> None:
    """A login refused in a URL path is refused in a query or body too, naming the field."""
    for checker in (check.login, check.login_segment):
        with pytest.raises(errors.InputError) as caught:
            checker(value, "user_login")
        assert caught.value.field == "user_login"


@pytest.mark.parametrize(
    ("value", "segment"),
    [("jkowalski", "jkowalski"), ("j.kowalski", "j.kowalski"), ("jan k", "jan%20k")],
)
def test_login_segment_is_one_encoded_path_segment(value: str, segment: str) -> None:
    """Accepted logins are percent-encoded as exactly one path segment."""
    assert check.login_segment(value) == segment


# Resource checks: refused before any request.


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.outbounds.records.create("12", phone_number="111"), "campaign_id"),
        (lambda c: c.outbounds.records.create(123456, phone_number="111"), "campaign_id"),
        (lambda c: c.outbounds.statuses.list("1"), "campaign_id"),
        (lambda c: c.crm_outbounds.records.get("0001", 5), "campaign_id"),
        (lambda c: c.outbounds.records.create(1, phone_number="111 222"), "phone_number"),
        (lambda c: c.outbounds.records.get(1, "111-222"), "phone_number"),
        (lambda c: c.outbounds_by_phone_number.get("+48 111"), "phone_number"),
        (
            lambda c: c.outbound_status_by_phone_number.create(phone_number="1", status_id=0),
            "status_id",
        ),
        (lambda c: c.crm_outbounds.records.get(1, -5), "customer_id"),
        (lambda c: c.crm_outbounds.records.create(1, customer_id=None), "customer_id"),
        (
            lambda c: c.outbounds.records.create(
                1, phone_number="111", status_id=3, dictionary_status_id=2
            ),
            "dictionary_status_id",
        ),
        (
            lambda c: c.crm_outbounds.records.update(1, 5, status_id=3, dictionary_status_id=2),
            "dictionary_status_id",
        ),
        (
            lambda c: c.outbounds.records.create(
                1, phone_number="111", next_call_date="2024-13-01 10:00"
            ),
            "next_call_date",
        ),
        (
            lambda c: c.outbounds.records.update(1, "111", next_call_date="2024-05-24T10:00"),
            "next_call_date",
        ),
        (
            lambda c: c.outbounds.records.create(1, phone_number="111", record_fields={"f": True}),
            "record_fields['f']",
        ),
        (
            lambda c: c.outbounds.records.create(1, phone_number="111", record_fields=["f"]),
            "record_fields",
        ),
        (lambda c: c.outbounds.records.create(1, phone_number="111", order=-1), "order"),
        (
            lambda c: c.outbounds.records.create(1, phone_number="111", agent_login=" "),
            "agent_login",
        ),
        (
            lambda c: c.outbounds.records.create(1, phone_number="111", identifier="a/b"),
            "identifier",
        ),
        (lambda c: c.outbounds.records.list(1, status_id=[10, "x"]), "status_id[1]"),
        (lambda c: c.outbounds.records.list(1, system_status=[""]), "system_status[0]"),
        (lambda c: c.outbounds.records.list(1, create_date_from="2016-10-32"), "create_date_from"),
        (lambda c: c.outbounds.records.list(1, page_size=101), "page_size"),
        (lambda c: c.crm_outbounds.records.list(1, order="surname"), "order"),
    ],
)
async def test_record_inputs_are_refused_before_any_request(
    guard: respx.MockRouter, client: th.Client, call: Call, field: str
) -> None:
    """Each bad argument raises InputError naming its field, and nothing is sent."""
    error = await refused(client, guard, call)
    assert error.field == field


@pytest.mark.parametrize(
    ("records", "field"),
    [
        (
            [
                NewRecord(phone_number="1"),
                NewRecord(phone_number="2"),
                NewRecord(phone_number="3 4"),
            ],
            "records[2].phone_number",
        ),
        ([NewRecord(phone_number="1"), {"phone_number": None}], "records[1].phone_number"),
        ([{"phone_number": "1", "phone": "2"}], "records[0].phone"),
        ([NewRecord(phone_number="1", record_fields={"f": []})], "records[0].record_fields['f']"),
        (
            [NewRecord(phone_number="1", next_call_date="2024-05-24")],
            "records[0].next_call_date",
        ),
        (
            [NewRecord(phone_number="1", status_id=3, dictionary_status_id=4)],
            "records[0].dictionary_status_id",
        ),
        ([], "records"),
        (["111"], "records[0]"),
    ],
)
async def test_batch_inputs_name_the_item(
    guard: respx.MockRouter, client: th.Client, records: list[Any], field: str
) -> None:
    """A bad item in a batch is refused naming its position, before anything is sent."""
    error = await refused(client, guard, lambda c: c.batch.outbounds.records.create(1, records))
    assert error.field == field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.outbounds.update(1), "update"),
        (lambda c: c.outbounds.records.update(1, "111"), "update"),
        (lambda c: c.outbounds.records_by_identifier.update(1, "ID"), "update"),
        (lambda c: c.crm_outbounds.records.update(1, 5), "update"),
        (
            lambda c: c.batch.outbounds.records.update(1, [RecordUpdate(phone_number="111")]),
            "records[0]",
        ),
        (
            lambda c: c.batch.outbounds.records.update(1, [RecordUpdate(identifier="x", order=1)]),
            "records[0].phone_number",
        ),
        (
            lambda c: c.batch.outbounds.records.update(1, [RecordUpdate(order=1)]),
            "records[0].phone_number",
        ),
    ],
)
async def test_update_with_nothing_to_change_is_refused(
    guard: respx.MockRouter, client: th.Client, call: Call, field: str
) -> None:
    """An update that would send an empty body is refused, as is one naming no record."""
    error = await refused(client, guard, call)
    assert error.field == field


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"order": 0}, "order"),
        ({"order": 100000}, "order"),
        ({"order": "50"}, "order"),
        ({"parity": 0}, "parity"),
        ({"parity": 101}, "parity"),
        ({"dialer": "turbo"}, "dialer"),
        ({"dialer": 5}, "dialer"),
        ({"dialer": Dialer("turbo")}, "dialer"),
        ({"crm": "yes"}, "crm"),
        ({"name": ""}, "name"),
        ({"name": "  "}, "name"),
        ({"name": None}, "name"),
        ({"dialer": None}, "dialer"),
        ({"active": "true"}, "active"),
        ({"start_date": "2015-13-01"}, "start_date"),
        ({"end_date": "25.10.2015"}, "end_date"),
        ({"parameters": {"caller": "1"}}, "parameters['caller']"),
        ({"parameters": [("caller_id", "1")]}, "parameters"),
        ({"group_id": 0}, "group_id"),
        ({"id": "12"}, "id"),
    ],
)
async def test_campaign_create_inputs_are_refused(
    guard: respx.MockRouter, client: th.Client, options: dict[str, Any], field: str
) -> None:
    """Out-of-range order/parity, unknown dialers and malformed fields never reach the API."""
    arguments: dict[str, Any] = {"name": "A", "dialer": "preview", "crm": False, **options}
    error = await refused(client, guard, lambda c: c.outbounds.create(**arguments))
    assert error.field == field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.outbounds.update(1, parity=101), "parity"),
        (lambda c: c.outbounds.update(1, order=-3), "order"),
        (lambda c: c.outbounds.update(1, dialer="auto"), "dialer"),
        (lambda c: c.outbounds.clone(1, name=""), "name"),
        (lambda c: c.outbounds.clone(1, name=None), "name"),
        (lambda c: c.outbounds.clone(1, name="B", new_id="123"), "new_id"),
        (lambda c: c.outbounds.clone(1, name="B", start_date="2015-02-30"), "start_date"),
        (lambda c: c.outbounds.clone(1, name="B", parameters={"x": 1}), "parameters['x']"),
        (lambda c: c.outbounds.add_agents(1, "anowak"), "logins"),
        (lambda c: c.outbounds.set_agents(1, []), "logins"),
        (lambda c: c.outbounds.remove_agents(1, ["a", None]), "logins[1]"),
        (lambda c: c.outbounds.delete("1"), "campaign_id"),
    ],
)
async def test_campaign_change_inputs_are_refused(
    guard: respx.MockRouter, client: th.Client, call: Call, field: str
) -> None:
    """Updates, clones and agent actions check their arguments before sending."""
    error = await refused(client, guard, call)
    assert error.field == field


@pytest.mark.parametrize(
    ("options", "sent"),
    [
        ({"order": 1, "parity": 100}, {"order": 1, "parity": 100}),
        ({"order": 99999, "parity": 1}, {"order": 99999, "parity": 1}),
        ({"dialer": Dialer.PROGRESSIVE}, {"dialer": "progressive"}),
        ({"start_date": dt.date(2015, 10, 5)}, {"start_date": "2015-10-05"}),
    ],
)
async def test_campaign_bounds_are_accepted(
    router: respx.MockRouter, client: th.Client, options: dict[str, Any], sent: dict[str, Any]
) -> None:
    """The documented range ends and every Dialer member are accepted and sent as given."""
    route = router.put("outbounds/00001").respond(204)
    await client.outbounds.update(1, **options)
    assert sent_json(route.calls.last.request) == sent


async def test_int_campaign_id_and_plus_phone_reach_the_wire(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Campaign 1 is addressed as 00001 and "+48111222333" is sent unchanged."""
    route = router.post("outbounds/00001/records").mock(
        return_value=catalog_response("create_campaign_record")
    )
    await client.outbounds.records.create(1, phone_number="+48111222333")
    assert sent_json(route.calls.last.request) == {"phone_number": "+48111222333"}


@pytest.mark.parametrize(
    ("when", "sent"),
    [
        (dt.datetime(2024, 5, 24, 12, 24), "2024-05-24 12:24"),
        (dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC), "2024-01-15 10:00"),
        (dt.datetime(2024, 7, 1, 10, 0, tzinfo=dt.UTC), "2024-07-01 12:00"),
        ("2024-05-24 12:24", "2024-05-24 12:24"),
    ],
)
async def test_next_call_date_goes_out_as_warsaw_wall_time(
    router: respx.MockRouter, client: th.Client, when: Any, sent: str
) -> None:
    """Naive datetimes are Warsaw time; an aware UTC datetime is converted to Warsaw."""
    route = router.put("outbounds/00001/records_by_identifier/ID").respond(204)
    await client.outbounds.records_by_identifier.update(1, "ID", next_call_date=when)
    assert sent_json(route.calls.last.request) == {"next_call_date": sent}


@pytest.mark.parametrize("ident", ["..", ".", "a?b=1", "a#b", "a\nb", "a%2F..", "x y"])
async def test_identifier_cannot_leave_its_path_segment(
    guard: respx.MockRouter, client: th.Client, ident: str
) -> None:
    """An identifier is refused or percent-encoded: it never reaches another endpoint or query."""
    try:
        await client.outbounds.records_by_identifier.delete("00001", ident)
    except errors.InputError:
        assert guard.calls.call_count == 0
        return
    except errors.APIError:
        pass  # the guard's 500: look at what was sent
    request = guard.calls.last.request
    assert guard.calls.call_count == 1
    prefix = b"/api/outbounds/00001/records_by_identifier/"
    assert request.url.raw_path == prefix + urllib.parse.quote(ident, safe="").encode()
    assert request.url.query == b""


# The status lookup (check_statuses=True).


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda c: c.outbounds.records.create(
                "00001", phone_number="111", status_id=7, next_call_date="2030-01-01 10:00"
            ),
            "agent_login",
        ),
        (
            lambda c: c.outbounds.records.create(
                "00001", phone_number="111", status_id=7, agent_login="j.doe"
            ),
            "next_call_date",
        ),
        (
            lambda c: c.outbounds.records.create(
                "00001", phone_number="111", dictionary_status_id=9
            ),
            "agent_login",
        ),
        (
            lambda c: c.outbounds.records.update("00001", "111", status_id=8),
            "next_call_date",
        ),
        (
            lambda c: c.outbounds.records_by_identifier.update(
                "00001", "ID", status_id=8, agent_login="j.doe"
            ),
            "next_call_date",
        ),
        (
            lambda c: c.crm_outbounds.records.create("00001", customer_id=5, status_id=7),
            "agent_login",
        ),
        (
            lambda c: c.crm_outbounds.records.update("00001", 5, status_id="8"),
            "next_call_date",
        ),
    ],
)
async def test_status_needing_fields_is_refused_after_the_lookup_only(
    router: respx.MockRouter, checked_client: th.Client, call: Call, field: str
) -> None:
    """MY_RECORD needs agent_login and next_call_date, CALL_NO_SOONER_THAN next_call_date."""
    statuses = router.get("outbounds/00001/statuses").respond(200, json=statuses_answer())
    with pytest.raises(errors.InputError) as caught:
        await call(checked_client)
    assert caught.value.field == field
    assert statuses.call_count == 1
    assert len(router.calls) == 1  # the lookup, and no write


async def test_unknown_status_id_lists_the_known_ids(
    router: respx.MockRouter, checked_client: th.Client
) -> None:
    """A status id the campaign does not define is refused, naming the ids it does define."""
    router.get("outbounds/00001/statuses").respond(200, json=statuses_answer())
    with pytest.raises(errors.InputError) as caught:
        await checked_client.outbounds.records.create("00001", phone_number="111", status_id=99)
    assert caught.value.field == "status_id"
    assert "[3, 4, 7, 8]" in str(caught.value)
    assert len(router.calls) == 1


async def test_complete_status_writes_go_through(
    router: respx.MockRouter, checked_client: th.Client
) -> None:
    """MY_RECORD with both fields, and an unrestricted status, are sent."""
    router.get("outbounds/00001/statuses").respond(200, json=statuses_answer())
    post = router.post("outbounds/00001/records").mock(
        return_value=catalog_response("create_campaign_record")
    )
    await checked_client.outbounds.records.create(
        "00001",
        phone_number="111",
        status_id=7,
        agent_login="j.doe",
        next_call_date=dt.datetime(2030, 1, 1, 10, 0),
    )
    await checked_client.outbounds.records.create("00001", phone_number="222", status_id=3)
    assert [sent_json(call.request)["status_id"] for call in post.calls] == [7, 3]


async def test_statuses_are_fetched_once_per_campaign(
    router: respx.MockRouter, checked_client: th.Client
) -> None:
    """Writes to one campaign share one lookup; another campaign gets its own."""
    first = router.get("outbounds/00001/statuses").respond(200, json=statuses_answer())
    second = router.get("outbounds/00002/statuses").respond(200, json=statuses_answer())
    router.post(url__regex=r"outbounds/0000[12]/records$").mock(
        return_value=catalog_response("create_campaign_record")
    )
    router.put("outbounds/00001/records/111").respond(204)
    await checked_client.outbounds.records.create("00001", phone_number="111", status_id=3)
    await checked_client.outbounds.records.create(1, phone_number="222", status_id=4)
    await checked_client.outbounds.records.update("00001", "111", status_id=3)
    await checked_client.outbounds.records.create("00002", phone_number="111", status_id=3)
    assert first.call_count == 1
    assert second.call_count == 1
    checked_client.statuses_cache.forget("00001")
    await checked_client.outbounds.records.create("00001", phone_number="333", status_id=3)
    assert first.call_count == 2


async def test_no_lookup_without_a_status_or_when_disabled(
    router: respx.MockRouter, client: th.Client, checked_client: th.Client
) -> None:
    """Writes without a status, and clients with check_statuses=False, skip the lookup."""
    post = router.post("outbounds/00001/records").mock(
        return_value=catalog_response("create_campaign_record")
    )
    await checked_client.outbounds.records.create("00001", phone_number="111")
    await client.outbounds.records.create("00001", phone_number="222", status_id=7)
    assert post.call_count == 2
    assert len(router.calls) == 2
