"""Ticket webhooks from FakeThulium reach a typed WebhookApp, in process and over loopback."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import thulium_async as th
from tests.integration.webhook_support import PASSWORD, USER, receiver, subscribe_in_process
from tests.support import serve_asgi
from thulium_async.testing import FakeThulium
from thulium_async.webhooks import (
    TicketAgentReplied,
    TicketClosed,
    TicketCommentCreated,
    TicketCreated,
    TicketDirection,
    TicketEvent,
    TicketMessageReceived,
    TicketQueueChanged,
    TicketStatusChanged,
)

WARSAW = ZoneInfo("Europe/Warsaw")
NOW = dt.datetime(2024, 5, 6, 9, 0, 0)
SUPPORT, SALES = 32, 33
CLOSED, ESCALATED, LEVEL_1 = 4, 8, 1


def account() -> FakeThulium:
    fake = FakeThulium(strict=True, wall_clock=lambda: NOW)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    fake.add_customer(customer_id=7, email="jan@foo.bar")
    fake.add_ticket_queue("Support", email="support@foo.bar", ticket_queue_id=SUPPORT)
    fake.add_ticket_queue("Sales", email="sales@foo.bar", ticket_queue_id=SALES)
    fake.add_ticket_status("Escalated", substatuses=("Level 1",), status_id=ESCALATED)
    return fake


async def ticket_flow(client: th.Client) -> int:
    """Open, answer, hear back, comment, escalate, move and close a ticket."""
    ticket_id = await client.tickets.create(
        to="support@foo.bar", subject="Broken", body="It does not ring.", customer_id=7
    )
    await client.tickets.agent_response(ticket_id, body="<p>On it</p>", user_login="jkowalski")
    await client.tickets.customer_response(ticket_id, body="Thanks")
    await client.tickets.comment(ticket_id, comment="Replacement sent", user_login="jkowalski")
    await client.tickets.update(
        ticket_id, status_id=ESCALATED, substatus_id=LEVEL_1, user_login="jkowalski"
    )
    await client.tickets.update(ticket_id, ticket_queue_id=SALES, status_id=CLOSED)
    return ticket_id


@pytest.mark.parametrize("form", [True, False])
async def test_ticket_flow_reaches_the_receiver_in_process(form: bool) -> None:
    """Every step of a ticket's life arrives, typed, in order, with the fake's values."""
    app, seen = receiver(TicketEvent)
    fake = account()
    subscription = subscribe_in_process(fake, app, form=form)
    async with fake.client(retry=th.RetryPolicy.no_wait()) as client:
        ticket_id = await ticket_flow(client)
    await fake.aclose()
    assert [d.status_code for d in subscription.deliveries] == [200] * 8
    messages = [m["message_id"] for m in fake.ticket_messages(ticket_id)]
    date = NOW.replace(tzinfo=WARSAW)
    # Deliveries run concurrently, so handlers may see them in any order (the
    # emission order is checked with collect_webhooks in the fake's own tests).
    assert sorted(seen, key=repr) == sorted(
        [
            TicketCreated(ticket_id=ticket_id, date=date, direction=TicketDirection.IN_BEHALF_OF),
            TicketAgentReplied(
                ticket_id=ticket_id, date=date, message_id=messages[1], agent_login="jkowalski"
            ),
            TicketMessageReceived(
                ticket_id=ticket_id, date=date, message_id=messages[2], ticket_queue_id=SUPPORT
            ),
            TicketCommentCreated(
                ticket_id=ticket_id, date=date, message_id=messages[3], agent_login="jkowalski"
            ),
            TicketStatusChanged(
                ticket_id=ticket_id,
                date=date,
                status_id=ESCALATED,
                substatus_id=LEVEL_1,
                agent_login="jkowalski",
            ),
            TicketQueueChanged(
                ticket_id=ticket_id, date=date, ticket_queue_id=SALES, agent_login="jkowalski"
            ),
            TicketStatusChanged(
                ticket_id=ticket_id, date=date, status_id=CLOSED, agent_login="jkowalski"
            ),
            TicketClosed(ticket_id=ticket_id, date=date, agent_login="jkowalski"),
        ],
        key=repr,
    )


async def test_ticket_events_reach_a_receiver_over_loopback() -> None:
    """Over real HTTP on 127.0.0.1: an e-mailed ticket and the API flow, filtered by action."""
    app, seen = receiver(TicketEvent)
    fake = account()
    async with serve_asgi(app) as url:
        subscription = fake.subscribe_webhooks(
            f"{url}/hooks",
            username=USER,
            password=PASSWORD,
            actions=["TICKET_CREATED", "TICKET_CLOSED"],
        )
        mailed = fake.receive_ticket_email("sales@foo.bar", from_="eva@foo.bar")
        auth = (fake.username, fake.password)
        async with (
            fake.serve() as base_url,
            th.Client(base_url, auth=auth, strict_responses=True) as client,
        ):
            ticket_id = await ticket_flow(client)
        await fake.webhooks_settled()
        await fake.aclose()
    assert [d.status_code for d in subscription.deliveries] == [200] * 3
    date = NOW.replace(tzinfo=WARSAW)
    assert sorted(seen, key=repr) == sorted(
        [
            TicketCreated(ticket_id=mailed, date=date, direction=TicketDirection.IN),
            TicketCreated(ticket_id=ticket_id, date=date, direction=TicketDirection.IN_BEHALF_OF),
            TicketClosed(ticket_id=ticket_id, date=date, agent_login="jkowalski"),
        ],
        key=repr,
    )
