"""Every catalog example answer, mutated as real accounts vary, in both decoding modes.

Each field dropped in turn, each id flipped between string and integer, a zero
date in each date, each field given a value of the wrong type, an unknown field
added: lenient decoding (the client's default) never raises; strict decoding
raises DecodeError naming the path exactly when the mutation breaks what the
model requires (a dropped identity, a value of the wrong type).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from typing import Any, get_args, get_origin

import attrs
import orjson
import pytest

from tests.catalog.examples import catalog
from tests.support import WARSAW
from thulium_async import errors
from thulium_async._converter import make_converter
from thulium_async._decoding import RAW_FIELD, LenientLog
from thulium_async._transport import RawResponse
from thulium_async.models import (
    Agent,
    AgentGroup,
    AgentStatus,
    Campaign,
    CampaignAgent,
    CampaignRecord,
    CampaignStats,
    CampaignStatus,
    Chat,
    ChatQueue,
    ChatSummaryRow,
    Company,
    Connection,
    ConnectionTopic,
    CreatedAgent,
    CreatedCampaign,
    CreatedCompany,
    CrmCampaignRecord,
    Customer,
    CustomerFieldGroup,
    CustomerFieldGroupItem,
    Queue,
    QueueCall,
    QueueTopics,
    QueueWaitingStats,
    Recording,
    TemporaryFile,
    Ticket,
    User,
    WaitingCaller,
    Webhook,
    WorkReportRow,
)
from thulium_async.resources import Context, Resource, StatusCache

# Catalog endpoint -> the model its answer decodes to; "result" answers wrap a list.
ANSWERS: dict[str, Any] = {
    "list_agents": list[Agent],
    "get_agent": Agent,
    "get_agent_last_queue_call": QueueCall,
    "get_agent_status": AgentStatus,
    "list_agent_groups": list[AgentGroup],
    "list_agent_statuses": list[AgentStatus],
    "get_agents_work_report": list[WorkReportRow],
    "create_agent": CreatedAgent,
    "list_chats": list[Chat],
    "list_chat_queues": list[ChatQueue],
    "get_chats_summary_report": list[ChatSummaryRow],
    "list_companies": list[Company],
    "get_company": Company,
    "list_customers": list[Customer],
    "get_customer": Customer,
    "create_company": CreatedCompany,
    "list_campaigns": list[Campaign],
    "list_campaign_agents": list[CampaignAgent],
    "get_campaign_stats": CampaignStats,
    "list_campaign_statuses": list[CampaignStatus],
    "list_active_campaign_stats": list[CampaignStats],
    "create_campaign": CreatedCampaign,
    "clone_campaign": CreatedCampaign,
    "list_crm_campaign_records": list[CrmCampaignRecord],
    "get_crm_campaign_record": CrmCampaignRecord,
    "list_campaign_records": list[CampaignRecord],
    "get_campaign_record_by_phone": CampaignRecord,
    "get_campaign_record_by_identifier": CampaignRecord,
    "upload_temporary_file": TemporaryFile,
    "get_user": User,
    "list_tickets": list[Ticket],
    "get_ticket": Ticket,
    "list_customer_field_groups": list[CustomerFieldGroup],
    "list_customer_field_group_items": list[CustomerFieldGroupItem],
    "list_webhooks": list[Webhook],
    "create_webhook": Webhook,
    "list_connections": list[Connection],
    "get_connection_topic": ConnectionTopic,
    "list_recordings": list[Recording],
    "list_queue_topics": QueueTopics,
    "get_queue_waiting_list": list[WaitingCaller],
    "list_queues": list[Queue],
    "get_queue_waiting_stats": QueueWaitingStats,
}
# Answers that are not models: bare ids the client reads with int()/str(), and the
# 207 batch bodies, whose per-item accounting stays exact in both modes (guessing
# a missing http_status would misreport whether a record was written).
NOT_MODELS = frozenset(
    {
        "start_chat_conversation",
        "list_customer_ids_by_campaign_status",
        "create_customer",
        "create_crm_campaign_record",
        "list_campaigns_by_phone",
        "set_campaign_status_by_phone",
        "create_campaign_record",
        "create_ticket",
        "send_ticket_agent_response",
        "create_customer_field_group_item",
        "create_tags",
        "batch_delete_customers",
        "batch_create_customers",
        "batch_update_customers",
        "batch_delete_campaigns",
        "batch_create_crm_campaign_records",
        "batch_delete_crm_campaign_records",
        "batch_create_campaign_records",
        "batch_update_campaign_records",
        "batch_delete_campaign_records",
    }
)
UNKNOWN = "x_field_from_the_future"
ZERO_DATE = "0000-00-00 00:00:00"
WRONG = [["unexpected"]]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def json_answers() -> dict[str, Any]:
    """Every current catalog endpoint whose example answer is JSON, parsed."""
    return {
        name: orjson.loads(entry["response_example"])
        for name, entry in catalog().items()
        if entry.get("lifecycle") != "legacy"
        and "response_example" in entry
        and entry.get("response_body", "json") == "json"
    }


def test_every_json_example_answer_is_classified() -> None:
    """A new catalog example must say which model it decodes to (or why none)."""
    assert set(json_answers()) == set(ANSWERS) | NOT_MODELS


def _items(answer: Any) -> Any:
    return answer["result"] if isinstance(answer, dict) and "result" in answer else answer


def _model_of(type_: Any) -> type:
    return get_args(type_)[0] if get_origin(type_) is list else type_


def _required(model: type) -> set[str]:
    return {
        field.name
        for field in attrs.fields(model)
        if field.default is attrs.NOTHING and not field.metadata.get(RAW_FIELD)
    }


def _flip(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def mutations(data: Any) -> Iterator[tuple[str, str, Any]]:
    """(kind, key, mutated data) for the first model object of ``data``."""
    if isinstance(data, list):
        if not data:
            return
        for kind, key, first in mutations(data[0]):
            yield kind, key, [first, *data[1:]]
        return
    for key, value in data.items():
        yield "drop", key, {k: v for k, v in data.items() if k != key}
        if key == "id" or key.endswith("_id"):
            yield "flip", key, {**data, key: _flip(value)}
        if isinstance(value, str) and _DATE.match(value):
            yield "zero", key, {**data, key: ZERO_DATE}
        yield "wrong", key, {**data, key: WRONG}
    yield "unknown", UNKNOWN, {**data, UNKNOWN: {"nested": [1, "two"]}}


def _takes_anything(model: type, key: str) -> bool:
    """A field typed Any (undocumented JSON kept as decoded) accepts every value."""
    return attrs.fields_dict(model)[key].type in (Any, "Any")


def decoder(*, strict: bool) -> Resource:
    """A resource over nothing but a converter: ``_structure`` as every call uses it."""
    log = LenientLog()
    context = Context(
        transport=None,  # type: ignore[arg-type]
        converter=make_converter(WARSAW, strict=strict, log=log),
        timezone=WARSAW,
        statuses=StatusCache(),
        check_statuses=False,
        strict_responses=strict,
        decode_log=log,
    )
    return Resource(context)


def raw_of(name: str) -> RawResponse:
    """The answer's envelope, as DecodeError reports it."""
    entry = catalog()[name]
    return RawResponse(
        method=entry["method"],
        url=f"https://acme.thulium.com/api/{entry['path']}",
        status_code=200,
        headers={},
        content=b"{}",
        elapsed=0.0,
    )


def cases() -> Iterator[Any]:
    """One pytest param per (endpoint, mutation)."""
    answers = json_answers()
    for name, type_ in ANSWERS.items():
        if name not in answers:
            continue
        for kind, key, data in mutations(_items(answers[name])):
            yield pytest.param(name, type_, kind, key, data, id=f"{name}-{kind}-{key}")


CASES = list(cases())


@pytest.mark.parametrize(("name", "type_", "kind", "key", "data"), CASES)
def test_lenient_decoding_never_raises(
    name: str, type_: Any, kind: str, key: str, data: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Every mutation decodes; a dropped identity reads None with a warning naming it."""
    caplog.set_level(logging.WARNING, logger="thulium_async")
    decoded = decoder(strict=False)._structure(raw_of(name), type_, data)
    model = _model_of(type_)
    first = decoded[0] if isinstance(decoded, list) else decoded
    assert isinstance(first, model)
    if kind == "unknown":
        assert first.extra[UNKNOWN] == {"nested": [1, "two"]}
    elif kind == "wrong" and hasattr(first, key):
        assert getattr(first, key) == WRONG  # kept as received
        assert f"{model.__name__}.{key}: " in caplog.text or _takes_anything(model, key)
    elif kind == "drop" and key in _required(model):
        assert getattr(first, key) is None
        assert f"{model.__name__}.{key}: missing" in caplog.text
    elif kind == "drop" and hasattr(first, key):
        assert getattr(first, key) is None or isinstance(getattr(first, key), (list, dict))
    elif kind == "zero" and key not in _required(model) and hasattr(first, key):
        assert getattr(first, key) is None
    elif kind == "flip" and hasattr(first, key) and isinstance(getattr(first, key), int):
        assert getattr(first, key) == int(data[0][key] if isinstance(data, list) else data[key])


@pytest.mark.parametrize(("name", "type_", "kind", "key", "data"), CASES)
def test_strict_decoding_raises_naming_the_path(
    name: str, type_: Any, kind: str, key: str, data: Any
) -> None:
    """A dropped identity is a DecodeError naming ``$.key``; every other mutation decodes."""
    model = _model_of(type_)
    resource = decoder(strict=True)
    if kind == "drop" and key in _required(model):
        prefix = r"\$\[0\]" if isinstance(data, list) else r"\$"
        with pytest.raises(errors.DecodeError, match=rf"{prefix}\.{key}\b"):
            resource._structure(raw_of(name), type_, data)
        return
    if kind == "wrong" and hasattr(model, key) and not _takes_anything(model, key):
        prefix = r"\$\[0\]" if isinstance(data, list) else r"\$"
        with pytest.raises(errors.DecodeError, match=rf"{prefix}\.{key}\b"):
            resource._structure(raw_of(name), type_, data)
        return
    decoded = resource._structure(raw_of(name), type_, data)
    first = decoded[0] if isinstance(decoded, list) else decoded
    assert isinstance(first, model)
    if kind == "unknown":
        assert UNKNOWN in first.extra


def test_a_zero_date_reads_none_and_a_real_one_is_aware() -> None:
    """The zero date is "no date": next to it, the other dates still parse in the account zone."""
    answer = json_answers()["get_agent_last_queue_call"]
    call = decoder(strict=True)._structure(
        raw_of("get_agent_last_queue_call"), QueueCall, {**answer, "answered_date": ZERO_DATE}
    )
    assert call.answered_date is None
    assert call.start_date == dt.datetime(2019, 7, 16, 14, 59, 54, tzinfo=WARSAW)
