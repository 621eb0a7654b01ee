"""Every documented action parses from its documented example, as form and as JSON."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any
from urllib.parse import urlencode

import attrs
import pytest

import thulium_async.webhooks as wh
from thulium_async._converter import DEFAULT_TIMEZONE
from thulium_async.models import SystemStatus

DATE_FIELDS = {"date", "next_call_date"}
FAMILY_BY_CATEGORY = {
    "chat": wh.ChatEvent,
    "crm": wh.CustomerEvent,
    "calls": wh.CallEvent,
    "campaigns": wh.CampaignEvent,
    "agents": wh.AgentEvent,
    "tickets": wh.TicketEvent,
}


def camel(action: str) -> str:
    return "".join(word.capitalize() for word in action.split("_"))


def json_payload(entry: dict[str, Any]) -> dict[str, Any]:
    """The documented example; fields documented without one carry the docs' literal NULL."""
    return {field["name"]: field.get("example", "NULL") for field in entry["fields"]}


def form_payload(entry: dict[str, Any]) -> bytes:
    """The same example as receivers see it: all strings, empty values as "null"."""
    pairs = [(field["name"], str(field.get("example", "null"))) for field in entry["fields"]]
    return urlencode(pairs).encode("ascii")


def expected_value(field: dict[str, Any]) -> Any:
    if "example" not in field:
        return None
    example = field["example"]
    if field["name"] in DATE_FIELDS:
        return dt.datetime.fromisoformat(example).replace(tzinfo=DEFAULT_TIMEZONE)
    if field["type"].startswith("integer"):
        return int(example)
    return str(example)


def plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def check_event(event: wh.WebhookEvent, entry: dict[str, Any]) -> None:
    assert type(event) is getattr(wh, camel(entry["action"]))
    assert event.action == entry["action"]
    for field in entry["fields"]:
        if field["name"] != "action":
            actual = plain(getattr(event, field["name"]))
            assert actual == expected_value(field), field["name"]
            assert type(actual) is type(expected_value(field)), field["name"]


def test_every_action_has_its_class(action_entry: dict[str, Any]) -> None:
    cls = getattr(wh, camel(action_entry["action"]))
    assert action_entry["action"] == cls.ACTION
    assert wh.EVENT_TYPES[action_entry["action"]] is cls
    assert cls.__name__ in wh.__all__
    assert cls.__doc__


def test_registry_is_exactly_the_catalog(catalog: dict[str, Any]) -> None:
    assert set(wh.EVENT_TYPES) == {entry["action"] for entry in catalog["actions"]}


def test_typed_fields_are_the_documented_fields(action_entry: dict[str, Any]) -> None:
    cls = wh.EVENT_TYPES[action_entry["action"]]
    typed = {field.name for field in attrs.fields(cls)} - {"raw"}
    documented = {field["name"] for field in action_entry["fields"]} - {"action"}
    assert typed == documented


def test_documented_example_parses_as_form(action_entry: dict[str, Any]) -> None:
    event = wh.parse_event(form_payload(action_entry), "application/x-www-form-urlencoded")
    check_event(event, action_entry)


def test_documented_example_parses_as_json(action_entry: dict[str, Any]) -> None:
    event = wh.parse_event(json_payload(action_entry), "application/json")
    check_event(event, action_entry)
    from_bytes = wh.parse_event(wh.encode_event(event, form=False)[0], "application/json")
    assert from_bytes == event


def test_documented_example_parses_without_content_type(action_entry: dict[str, Any]) -> None:
    form = wh.parse_event(form_payload(action_entry))
    check_event(form, action_entry)
    json_body, _ = wh.encode_event(form, form=False)
    assert wh.parse_event(json_body) == form


def test_action_belongs_to_its_family(action_entry: dict[str, Any]) -> None:
    cls = wh.EVENT_TYPES[action_entry["action"]]
    assert issubclass(cls, FAMILY_BY_CATEGORY[action_entry["category"]])


def test_shared_outbound_shape_has_one_base(catalog: dict[str, Any]) -> None:
    values = [value["action"] for value in catalog["outbound_payload"]["values"]]
    assert len(values) == 14
    assert "PREDICTIVE_AGENT_ANSWER" in values
    for action in values:
        assert issubclass(wh.EVENT_TYPES[action], wh.OutboundEvent), action
    outcomes = {a for a in values if issubclass(wh.EVENT_TYPES[a], wh.OutboundOutcome)}
    progress = {"OUTBOUND_CONNECTING", "OUTBOUND_CUSTOMER_CONNECTED", "PREDICTIVE_AGENT_ANSWER"}
    assert outcomes == set(values) - progress
    assert not issubclass(wh.OutboundRecordSaved, wh.OutboundEvent)


@pytest.mark.parametrize(
    ("action", "name"),
    [
        ("OUTBOUND_COMPLETED", "OutboundCompleted"),
        ("AGENT_RINGING", "AgentRinging"),
        ("TICKET_CREATED", "TicketCreated"),
        ("ENTER_IVR", "EnterIvr"),
        ("PREDICTIVE_AGENT_ANSWER", "PredictiveAgentAnswer"),
    ],
)
def test_names_follow_the_action(action: str, name: str) -> None:
    assert wh.EVENT_TYPES[action].__name__ == name


def test_documented_null_reads_as_none(catalog: dict[str, Any]) -> None:
    saved = next(e for e in catalog["actions"] if e["action"] == "OUTBOUND_RECORD_SAVED")
    event = wh.parse_event(json_payload(saved))
    assert isinstance(event, wh.OutboundRecordSaved)
    assert event.previous_status_id is None
    assert event.system_status is SystemStatus.MY_RECORD
    assert event.next_call_date == dt.datetime(2017, 4, 20, 9, 46, tzinfo=DEFAULT_TIMEZONE)
    assert event.raw["previous_status_id"] == "NULL"
