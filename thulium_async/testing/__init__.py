"""A stateful fake Thulium for tests, demos and benchmarks (what moto is for AWS).

``FakeThulium`` simulates every current endpoint of the API in memory (legacy
ones answer 501 naming the method and path, URIs the API does not have 404;
``FakeThulium.endpoints()`` lists the simulated ones): campaigns (regular and
CRM-fed) with their statuses,
structure fields and records; CRM customers, companies, notes, contact history
and custom-field groups; agents with a presence state machine, call control,
SIP accounts, groups, pause reasons and a work report computed from their
history; calls (connections) with topics and real WAV recordings to stream or
download; queues with topics, waiting lists and scheduled calls; chats with
queues, conversations and a computed summary report; tickets with their
dictionaries, messages, attachments (temporary file uploads) and today's
statistics; todos, webhook configuration, tags and SMS. It answers the way the
documentation describes: strict where Thulium is strict (duplicate numbers,
record_fields, MY_RECORD / CALL_NO_SOONER_THAN rules, date formats, ``limit``
maxima), 207 bodies in their documented shapes, ids typed as the docs show
them, ``""`` for missing values, and every error in Thulium's body
``{"request_id": "...", "errors": [{"message": "...", "code": N}]}`` (request id
also in ``X-Request-Id``; Polish with ``Accept-Language: pl``). ``wall_clock=``
pins the fake's local time, so dates in answers and reports are reproducible;
``ManualClock`` is a clock a test moves by hand (``clock.advance(minutes=5)``).

Setup and inspection helpers (direct state writes, no HTTP, never faulted; they
model what an administrator, an agent's phone or a customer does outside the
API): ``add_agent``, ``add_agent_group``, ``add_pause_reason``,
``set_agent_status``, ``ring_agent``, ``end_agent_call``, ``add_campaign``,
``add_record``, ``seed_records``, ``add_customer``, ``add_company``,
``add_customer_field_group``, ``add_call``, ``add_queue``, ``add_topic``,
``add_waiting_caller``, ``add_chat_queue``, ``add_chat``, ``chat_reply``,
``add_ticket_queue``, ``add_ticket_status``, ``add_ticket``,
``receive_ticket_email``, ``add_todo``, ``add_webhook`` and more; each area's
state reads back as the API would show it (``records``, ``customers``,
``companies``, ``agent_status``, ``connections``, ``chats``, ``tickets``,
``sent_sms``, ...).

Three ways in::

    from thulium_async.testing import FakeThulium, FaultPlan, Fault

    fake = FakeThulium()                       # user "api_user", password "api_pass"
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    fake.add_campaign("00001", fields=("first_name", "city"))
    fake.seed_records("00001", 250)

    # 1. in process, no sockets: an httpx2 transport, or a ready client
    async with httpx2.AsyncClient(transport=fake.transport(),
                                 base_url="http://fake.thulium.local/api",
                                 auth=("api_user", "api_pass")) as http:
        page = (await http.get("outbounds/00001/records", params={"limit": 100})).json()
    async with fake.client() as client:         # a thulium_async.Client
        ...

    # 2. over real HTTP on 127.0.0.1 (needs the ``testing`` extra: uvicorn)
    async with fake.serve() as base_url:       # "http://127.0.0.1:PORT/api"
        ...

    # 3. as a process, for code in any language:
    #    python -m thulium_async.testing --port 8080 --campaigns 2 --records 1000

pytest plugin: installing thulium_async registers a ``thulium_fake`` fixture, a
fresh ``FakeThulium()`` per test::

    async def test_import(thulium_fake):
        thulium_fake.add_campaign("00001")
        async with thulium_fake.client() as client:
            ...
        assert len(thulium_fake.records("00001")) == 3

Webhooks: ``fake.subscribe_webhooks(url, username=..., password=...)`` makes the
fake POST to your receiver the events its changes imply, as Thulium would:
agent presence (AGENT_LOGGED_IN, AGENT_STATUS_CHANGED, ...), queue and agent
calls (ENTER_QUEUE, AGENT_RINGING, AGENT_CONNECTED, ABANDONED, ...), campaign
calls (OUTBOUND_CONNECTING ... OUTBOUND_COMPLETED, PREVIEW_RECORD) and record
edits (OUTBOUND_RECORD_SAVED), RECORDING_READY, chats (CHAT_CONVERSATION_CREATED,
CHAT_AGENT_ASSIGNED, CHAT_CONVERSATION_CLOSED), customers and notes
(CUSTOMER_CREATED, CUSTOMER_NOTE_SAVED) and tickets (TICKET_CREATED ...
TICKET_CLOSED); each area's handler module says which change emits what.
``fake.collect_webhooks()`` returns the events without HTTP;
``fake.emit_webhook(event)`` sends any other event; ``await fake.aclose()``
finishes the deliveries.

Faults (``FaultPlan``, seeded and reproducible): latency and jitter, 500/502/503
and 429 answers at given rates, a server-side token-bucket rate limit, a cap on
concurrent requests, connections dropped before or after the change is applied,
and faults on given request numbers (``on_requests={3: Fault.SERVER_ERROR_503}``).
``fake.counters`` and ``fake.requests`` show what was received and answered.

Choices where the documentation is silent (each marked in the module concerned):
regular-campaign records also carry ``record_fields`` so exports round-trip;
campaign deletion is immediate here (queued in Thulium); a key repeated in one
batch keeps its last outcome; phone numbers must be 3-20 digits with an
optional ``+``; status ids are unique across the account.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._cli import add_server_arguments, run_server
    from ._fake import IN_PROCESS_BASE_URL, FakeThulium
    from .server._clock import ManualClock
    from .server._counters import Counters, ReceivedRequest
    from .server._faults import Fault, FaultPlan
    from .server._webhooks import Delivery, WebhookDeliveryWarning, WebhookSubscription

__all__ = [
    "FakeThulium",
    "ManualClock",
    "FaultPlan",
    "Fault",
    "Counters",
    "ReceivedRequest",
    "IN_PROCESS_BASE_URL",
    "WebhookSubscription",
    "Delivery",
    "WebhookDeliveryWarning",
    "add_server_arguments",
    "run_server",
]

# Resolved on first use, so that importing the pytest plugin (which imports this
# package) stays cheap in every test session.
_HOMES = {
    "FakeThulium": "._fake",
    "IN_PROCESS_BASE_URL": "._fake",
    "ManualClock": ".server._clock",
    "FaultPlan": ".server._faults",
    "Fault": ".server._faults",
    "Counters": ".server._counters",
    "ReceivedRequest": ".server._counters",
    "WebhookSubscription": ".server._webhooks",
    "Delivery": ".server._webhooks",
    "WebhookDeliveryWarning": ".server._webhooks",
    "add_server_arguments": "._cli",
    "run_server": "._cli",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
