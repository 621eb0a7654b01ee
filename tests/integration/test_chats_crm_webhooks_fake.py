"""Chat and CRM webhooks from FakeThulium reach typed handlers, in process and over loopback."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import thulium_async as th
from tests.integration.webhook_support import PASSWORD, USER, receiver, subscribe_in_process
from tests.support import serve_asgi
from thulium_async.models import NewCustomer
from thulium_async.testing import FakeThulium, ManualClock
from thulium_async.webhooks import (
    ChatAgentAssigned,
    ChatConversationClosed,
    ChatConversationCreated,
    ChatEvent,
    CustomerCreated,
    CustomerEvent,
    CustomerNoteSaved,
)

CEST = dt.timezone(dt.timedelta(hours=2))


def at(second: int) -> dt.datetime:
    """2024-05-06 10:00 plus ``second`` seconds, in Warsaw (summer time)."""
    return dt.datetime(2024, 5, 6, 10, 0, tzinfo=CEST) + dt.timedelta(seconds=second)


def account(clock: ManualClock) -> tuple[FakeThulium, int]:
    """A fake with an agent and a chat queue; returns it and the queue id."""
    fake = FakeThulium(strict=True, wall_clock=clock)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    return fake, fake.add_chat_queue("BOK")


@attrs.frozen
class Created:
    """The ids the flow's calls answered."""

    conversation: str
    company: int
    company_record: int
    customer: int
    batch: int


async def chat_and_crm_flow(
    fake: FakeThulium, client: th.Client, queue: int, clock: ManualClock
) -> Created:
    """A chat from start to stop, then a company, a customer, a batch and a note.

    Deliveries run in the background, concurrently: waiting for them after each
    step makes the receiver see the events in the order of the changes.
    """
    cid = await client.chat_conversations.start(
        chat_queue_id=queue, client_name="Ala", client_email="ala@example.org"
    )
    await fake.webhooks_settled()
    clock.advance(10)
    fake.chat_reply(cid, "jkowalski", "Dzień dobry")
    await fake.webhooks_settled()
    clock.advance(10)
    await client.chat_conversations.stop(cid)
    await fake.webhooks_settled()
    company = await client.companies.create(name="ACME")
    await fake.webhooks_settled()
    customer = await client.customers.create(surname="Lis", company_id=company.company_id)
    await fake.webhooks_settled()
    batch = await client.batch.customers.create([NewCustomer(surname="Mak")])
    await fake.webhooks_settled()
    await client.customers.notes.create(customer, message="Oddzwonić", user_login="jkowalski")
    await fake.webhooks_settled()
    assert company.customer_id is not None
    assert batch.items[0].customer_id is not None
    return Created(
        conversation=cid,
        company=company.company_id,
        company_record=company.customer_id,
        customer=customer,
        batch=batch.items[0].customer_id,
    )


@pytest.mark.parametrize("form", [True, False])
async def test_chat_and_crm_events_reach_typed_handlers_in_process(form: bool) -> None:
    app, seen = receiver(ChatEvent, CustomerEvent)
    clock = ManualClock(dt.datetime(2024, 5, 6, 10, 0, 0, 250000))
    fake, queue = account(clock)
    subscription = subscribe_in_process(fake, app, form=form)
    async with fake.client() as client:
        ids = await chat_and_crm_flow(fake, client, queue, clock)
    await fake.aclose()
    cid = ids.conversation
    assert seen == [
        ChatConversationCreated(
            conversation_id=cid,
            date=at(0),
            chat_queue_id=queue,
            client_name="Ala",
            client_email="ala@example.org",
        ),
        ChatAgentAssigned(
            conversation_id=cid, date=at(10), chat_queue_id=queue, agent_login="jkowalski"
        ),
        ChatConversationClosed(conversation_id=cid, date=at(20), chat_queue_id=queue),
        CustomerCreated(customer_id=ids.company_record, date=at(20), company_id=ids.company),
        CustomerCreated(customer_id=ids.customer, date=at(20), company_id=ids.company),
        CustomerCreated(customer_id=ids.batch, date=at(20), company_id=None),
        CustomerNoteSaved(
            customer_id=ids.customer, date=at(20), agent_login="jkowalski", content="Oddzwonić"
        ),
    ]
    assert [d.status_code for d in subscription.deliveries] == [200] * 7


async def test_chat_and_crm_events_reach_a_receiver_over_loopback() -> None:
    """Fake and receiver both served on 127.0.0.1: real HTTP both ways."""
    app, seen = receiver(ChatEvent, CustomerEvent)
    clock = ManualClock(dt.datetime(2024, 5, 6, 10, 0, 0, 250000))
    fake, queue = account(clock)
    async with serve_asgi(app) as url:
        subscription = fake.subscribe_webhooks(f"{url}/hooks", username=USER, password=PASSWORD)
        async with (
            fake.serve() as base_url,
            th.Client(
                base_url, auth=(fake.username, fake.password), strict_responses=True
            ) as client,
        ):
            ids = await chat_and_crm_flow(fake, client, queue, clock)
        await fake.aclose()
    assert [event.action for event in seen] == [
        "CHAT_CONVERSATION_CREATED",
        "CHAT_AGENT_ASSIGNED",
        "CHAT_CONVERSATION_CLOSED",
        "CUSTOMER_CREATED",
        "CUSTOMER_CREATED",
        "CUSTOMER_CREATED",
        "CUSTOMER_NOTE_SAVED",
    ]
    assert {e.conversation_id for e in seen if isinstance(e, ChatEvent)} == {ids.conversation}
    note = seen[-1]
    assert isinstance(note, CustomerNoteSaved)
    assert (note.customer_id, note.agent_login, note.content) == (
        ids.customer,
        "jkowalski",
        "Oddzwonić",
    )
    assert all(d.status_code == 200 for d in subscription.deliveries)
    created = seen[0]
    assert isinstance(created, ChatConversationCreated)
    assert (created.date, created.client_name) == (at(0), "Ala")
