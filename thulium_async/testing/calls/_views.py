"""How calls, recordings, queues and topics look on the wire.

Key order and types follow the catalogue's examples: call dates as
``YYYY-MM-DD hh:mm`` (the examples drop the seconds), waiting-list dates with
seconds, ids as ints and ``""`` for a missing id or name. The ``connections``
example is cut short after ``user_login``; the other fields its page lists
(``connection_id``, ``type``, ``queue_id``, ``topic_id``, ``customer_id``,
``disconnected_by``, ``transferred_to``) follow in that order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..crm._models import Customer
from ..server._clock import stamp
from ..server._state import State
from ._models import Queue, SavedTopic, Topic, WaitingCaller
from ._store import Call, CallsStore

__all__ = [
    "caller_customer",
    "connection_view",
    "created_at",
    "customer_label",
    "queue_topics_view",
    "recording_view",
    "saved_topic_view",
    "topic_view",
    "waiting_view",
]


def _or_empty(value: Any) -> Any:
    return "" if value is None else value


def _user(state: State, login: str) -> str:
    agent = state.agents.get(login) if login else None
    return agent.full_name if agent is not None else ""


def created_at(call: Call) -> str:
    """When the call's recording was made: when the call ended (``YYYY-MM-DD hh:mm:ss``)."""
    start = dt.datetime.fromisoformat(call.date)
    return stamp(start + dt.timedelta(seconds=call.duration))


def connection_view(state: State, call: Call, *, tags: bool, topics: bool) -> dict[str, Any]:
    """An entry of ``GET connections``; ``tags``/``topics``: the include_* flags."""
    view: dict[str, Any] = {
        "date": call.date[:16],
        "src": call.src,
        "dst": call.dst,
        "disposition": call.disposition,
        "ticket_id": _or_empty(call.ticket_id),
        "outbound_result": call.outbound_result,
        "duration": call.duration,
        "billsec": call.billsec,
        "operator": call.operator,
        "filename": call.filename,
        "user": _user(state, call.user_login),
        "user_login": call.user_login,
        "connection_id": call.connection_id,
        "type": call.type,
        "queue_id": _or_empty(call.queue_id),
        "topic_id": _or_empty(call.topic_id),
        "customer_id": _or_empty(call.customer_id),
        "disconnected_by": call.disconnected_by,
        "transferred_to": call.transferred_to,
    }
    if tags:
        view["tags"] = list(call.tags)
    if topics:
        store = state.calls
        topic = store.topics.get(call.topic_id) if call.topic_id is not None else None
        view["topics"] = [] if topic is None else [topic_view(store, topic)]
    return view


def recording_view(state: State, call: Call) -> dict[str, Any]:
    """An entry of ``GET recordings`` (a recorded call)."""
    return {
        "date": call.date[:16],
        "created_at": created_at(call)[:16],
        "src": call.src,
        "dst": call.dst,
        "disposition": call.disposition,
        "duration": call.duration,
        "billsec": call.billsec,
        "filename": call.filename,
        "user": _user(state, call.user_login),
        "connection_id": call.connection_id,
        "type": call.type,
    }


def saved_topic_view(saved: SavedTopic) -> dict[str, Any]:
    """``GET connections/{id}/topic``: custom fields as ``{field_id, value}`` by field id."""
    return {
        "topic_id": saved.topic_id,
        "agent_login": saved.agent_login,
        "comment": saved.comment,
        "custom_fields": [
            {"field_id": field_id, "value": value}
            for field_id, value in sorted(saved.values.items())
        ],
    }


def topic_view(store: CallsStore, topic: Topic) -> dict[str, Any]:
    """An entry of ``GET topics`` (a topic of ``queues/{id}/topics`` plus its group's name)."""
    return {
        "id": topic.topic_id,
        "name": topic.name,
        "show_custom_fields": topic.show_custom_fields,
        "group_name": store.topic_groups[topic.group_id].name,
    }


def queue_topics_view(store: CallsStore, queue: Queue) -> dict[str, Any]:
    """``GET queues/{id}/topics``: the queue's active groups (empty ones too), topic fields."""
    return {
        "topic_groups": [
            {
                "group_name": group.name,
                "topics": [
                    {"id": t.topic_id, "name": t.name, "show_custom_fields": t.show_custom_fields}
                    for t in topics
                ],
            }
            for group, topics in store.active_topics(queue.topic_group_ids)
        ],
        "custom_fields": [
            {"id": f.field_id, "name": f.name, "type": f.type, "require": f.require}
            for f in store.topic_fields.values()
        ],
    }


def customer_label(customer: Customer) -> str:
    """A CRM customer's name as the waiting list shows it.

    A company customer keeps the company's name in its name fields, so one rule
    gives the person's or the company's name.
    """
    return f"{customer.name} {customer.surname}".strip()


def caller_customer(state: State, phone_number: str) -> Customer | None:
    """The CRM customer a caller is matched to: the only one having the number, else None."""
    matches = [c for c in state.customers.values() if phone_number in c.phone_numbers]
    return matches[0] if len(matches) == 1 else None


def waiting_view(state: State, caller: WaitingCaller) -> dict[str, Any]:
    """An entry of ``GET queues/{id}/waiting_list``, matched to CRM when unambiguous."""
    customer = caller_customer(state, caller.phone_number)
    return {
        "phone_number": caller.phone_number,
        "started_at": caller.started_at,
        "customer_id": None if customer is None else customer.customer_id,
        "customer_label": None if customer is None else customer_label(customer),
    }
