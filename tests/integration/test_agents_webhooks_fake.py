"""Agent and call webhooks from FakeThulium reach a WebhookApp's typed handlers.

An agent's day driven through the typed client (presence, a queue call, campaign
calls) is received in process and over loopback HTTP, each event equal to the
one the fake emitted.
"""

from __future__ import annotations

import collections

import pytest

import thulium_async as th
from tests.integration.webhook_support import PASSWORD, USER, receiver, subscribe_in_process
from tests.support import serve_asgi
from thulium_async.testing import FakeThulium
from thulium_async.webhooks import (
    AgentCompleted,
    AgentEvent,
    CallEndedBy,
    CallEvent,
    CampaignEvent,
    EnterQueue,
    OutboundBusy,
    OutboundCompleted,
    PreviewRecord,
    WebhookEvent,
)


def world() -> FakeThulium:
    fake = FakeThulium(strict=True)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski", number=3113)
    fake.add_pause_reason("Coffee")
    fake.add_customer(customer_id=5, phone_number="600100200")
    fake.add_campaign("00001", name="Winback", agents=("jkowalski",))
    fake.add_record("00001", "400200201")
    fake.add_queue("Support", queue_id=4)
    return fake


def same_events(received: list[WebhookEvent], emitted: list[WebhookEvent]) -> None:
    """Every emitted event arrived once, typed and equal (deliveries may overlap)."""
    assert collections.Counter(e.action for e in received) == collections.Counter(
        e.action for e in emitted
    )
    for event in emitted:
        assert event in received


@pytest.mark.parametrize("form", [True, False])
async def test_an_agents_day_reaches_the_receiver_in_process(form: bool) -> None:
    app, seen = receiver(AgentEvent, CallEvent, CampaignEvent)
    fake = world()
    emitted = fake.collect_webhooks()
    subscription = subscribe_in_process(fake, app, form=form)
    async with fake.client() as client:
        await client.agents.login("jkowalski")
        fake.connect_agent_phone("jkowalski")
        await client.agents.pause("jkowalski", pause_id=1)
        await client.agents.free("jkowalski")
        fake.add_waiting_caller(4, "600100200")
        connection_id = fake.ring_agent("jkowalski", "600100200", queue_id=4)
        await client.agents.answer("jkowalski")
        fake.end_agent_call("jkowalski")
        await client.agents.call_preview("jkowalski")
        await client.agents.hangup("jkowalski")
        await client.agents.call("jkowalski", phone_number="500100100")
        fake.end_agent_call("jkowalski", disposition="BUSY")
        await client.agents.logout("jkowalski")
    await fake.aclose()
    assert [e.action for e in emitted] == [
        "AGENT_LOGGED_IN",
        "AGENT_PHONE_CONNECTED",
        "AGENT_STATUS_CHANGED",
        "AGENT_STATUS_CHANGED",
        "ENTER_QUEUE",
        "AGENT_RINGING",
        "AGENT_CONNECTED",
        "EXIT_QUEUE",
        "AGENT_COMPLETED",
        "RECORDING_READY",
        "PREVIEW_RECORD",
        "OUTBOUND_CONNECTING",
        "OUTBOUND_CUSTOMER_CONNECTED",
        "OUTBOUND_COMPLETED",
        "RECORDING_READY",
        "OUTBOUND_CONNECTING",
        "OUTBOUND_CUSTOMER_CONNECTED",
        "OUTBOUND_BUSY",
        "AGENT_LOGGED_OUT",
    ]
    assert all(d.status_code == 200 for d in subscription.deliveries)
    same_events(seen, emitted)
    [entered] = [e for e in seen if isinstance(e, EnterQueue)]
    [completed] = [e for e in seen if isinstance(e, AgentCompleted)]
    assert entered.connection_id == completed.connection_id == connection_id
    assert (completed.reason, completed.customer_id, completed.queue_id) == (
        CallEndedBy.CALLER,
        5,
        4,
    )
    [shown] = [e for e in seen if isinstance(e, PreviewRecord)]
    [answered] = [e for e in seen if isinstance(e, OutboundCompleted)]
    assert shown.record_id == answered.record_id
    assert (answered.campaign_id, answered.name, answered.phone_number) == (
        "00001",
        "Winback",
        "400200201",
    )
    [busy] = [e for e in seen if isinstance(e, OutboundBusy)]
    assert (busy.phone_number, busy.billsec, busy.filename) == ("500100100", 0, None)


async def test_an_agents_calls_reach_the_receiver_over_loopback() -> None:
    app, seen = receiver(AgentEvent, CallEvent, CampaignEvent)
    fake = world()
    emitted = fake.collect_webhooks()
    async with serve_asgi(app) as url:
        subscription = fake.subscribe_webhooks(f"{url}/hooks", username=USER, password=PASSWORD)
        async with (
            fake.serve() as base_url,
            th.Client(
                base_url, auth=(fake.username, fake.password), strict_responses=True
            ) as client,
        ):
            await client.agents.login("jkowalski")
            fake.ring_agent("jkowalski", "600100200", queue_id=4)
            await client.agents.answer("jkowalski")
            await client.agents.hangup("jkowalski")
            await client.agents.call("jkowalski", phone_number="500100100")
            await client.agents.hangup("jkowalski")
        await fake.webhooks_settled()
        await fake.aclose()
    assert [e.action for e in emitted] == [
        "AGENT_LOGGED_IN",
        "ENTER_QUEUE",
        "AGENT_RINGING",
        "AGENT_CONNECTED",
        "EXIT_QUEUE",
        "AGENT_COMPLETED",
        "RECORDING_READY",
        "OUTBOUND_CONNECTING",
        "OUTBOUND_CUSTOMER_CONNECTED",
        "OUTBOUND_COMPLETED",
        "RECORDING_READY",
    ]
    assert [d.status_code for d in subscription.deliveries] == [200] * len(emitted)
    same_events(seen, emitted)
