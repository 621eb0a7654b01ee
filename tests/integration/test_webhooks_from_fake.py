"""FakeThulium posts webhooks to a WebhookApp, in process and over loopback HTTP."""

from __future__ import annotations

import asyncio
import datetime as dt

import httpx2
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from tests.integration.webhook_support import PASSWORD, USER, receiver, subscribe_in_process
from tests.support import serve_asgi
from thulium_async.models import SystemStatus
from thulium_async.testing import FakeThulium, WebhookDeliveryWarning, WebhookSubscription
from thulium_async.webhooks import OutboundCompleted, OutboundRecordSaved, WebhookEvent


@pytest.mark.parametrize("form", [True, False])
async def test_record_edit_reaches_the_receiver_in_process(form: bool) -> None:
    """A status edit through the client arrives as a typed OUTBOUND_RECORD_SAVED event."""
    app, seen = receiver(OutboundRecordSaved, OutboundCompleted)
    fake = FakeThulium(strict=True)
    fake.add_campaign("00001")
    subscription = subscribe_in_process(fake, app, form=form)
    async with fake.client() as client:
        record_id = await client.outbounds.records.create("00001", phone_number="111222333")
        statuses = {s.system_status: s for s in await client.outbounds.statuses.list("00001")}
        await client.outbounds.records.update(
            "00001", "111222333", status_id=statuses[SystemStatus.NO_CALL].status_id
        )
    await fake.aclose()
    assert [d.status_code for d in subscription.deliveries] == [200]
    [event] = seen
    assert isinstance(event, OutboundRecordSaved)
    assert (event.campaign_id, event.record_id, event.phone_number) == (
        "00001",
        record_id,
        "111222333",
    )
    assert event.system_status is SystemStatus.NO_CALL
    assert event.previous_status_id == statuses[SystemStatus.TO_CALL].status_id
    assert event.date.tzinfo is not None


async def test_wrong_webhook_password_is_refused() -> None:
    """The receiver answers 401 to a subscription with the wrong password; nothing is handled."""
    app, seen = receiver(OutboundRecordSaved, OutboundCompleted)
    fake = FakeThulium(strict=True)
    fake.add_campaign("00001")
    subscription = subscribe_in_process(fake, app, password="wrong")
    event = OutboundCompleted(id="00001", date=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    fake.emit_webhook(event)
    await fake.aclose()
    assert [d.status_code for d in subscription.deliveries] == [401]
    assert seen == []


async def test_events_reach_a_receiver_over_loopback() -> None:
    """Over real HTTP on 127.0.0.1: an emitted event and an API edit both arrive."""
    app, seen = receiver(OutboundRecordSaved, OutboundCompleted)
    fake = FakeThulium(strict=True)
    fake.add_campaign("00001")
    async with serve_asgi(app) as url:
        fake.subscribe_webhooks(f"{url}/hooks", username=USER, password=PASSWORD)
        async with fake.serve() as base_url:
            import thulium_async as th

            async with th.Client(
                base_url, auth=("api_user", "api_pass"), strict_responses=True
            ) as client:
                await client.outbounds.records.create("00001", phone_number="111222333")
                statuses = await client.outbounds.statuses.list("00001")
                call = next(s for s in statuses if s.system_status is SystemStatus.CALL)
                await client.outbounds.records.update(
                    "00001", "111222333", status_id=call.status_id
                )
        fake.emit_webhook(
            OutboundCompleted(id="00001", date=dt.datetime.now(dt.UTC).replace(microsecond=0))
        )
        await fake.webhooks_settled()
        await fake.aclose()
    assert [type(event).__name__ for event in seen] == ["OutboundRecordSaved", "OutboundCompleted"]


async def test_collected_events_follow_the_changes_in_order() -> None:
    """collect_webhooks sees API edits and emitted events in order, with no receiver."""
    fake = FakeThulium(strict=True, wall_clock=lambda: dt.datetime(2026, 3, 4, 5, 6, 7, 890))
    fake.add_campaign("00001")
    fake.add_record("00001", "111222333")
    events = fake.collect_webhooks()
    async with fake.client() as client:
        await client.outbounds.records.update("00001", "111222333", status_id=5)
    fake.emit_webhook(OutboundCompleted(id="00001", date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    assert [event.action for event in events] == ["OUTBOUND_RECORD_SAVED", "OUTBOUND_COMPLETED"]
    saved = events[0]
    assert isinstance(saved, OutboundRecordSaved)
    assert saved.status_id == 5
    assert saved.date.replace(tzinfo=None) == dt.datetime(2026, 3, 4, 5, 6, 7)
    assert saved.date.utcoffset() == dt.timedelta(hours=1)  # Warsaw in March: CET


def test_events_emitted_outside_an_event_loop_wait_for_one() -> None:
    """A sync setup helper's event is posted once a loop runs, in order, none lost."""
    app, seen = receiver(OutboundRecordSaved, OutboundCompleted)
    fake = FakeThulium(strict=True)
    subscribe_in_process(fake, app)
    when = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    fake.emit_webhook(OutboundCompleted(id="00001", date=when))  # no loop is running here
    fake.emit_webhook(OutboundCompleted(id="00002", date=when))

    async def deliver() -> None:
        await fake.webhooks_settled()
        await fake.aclose()

    asyncio.run(deliver())
    assert sorted(event.campaign_id for event in seen) == ["00001", "00002"]


def mounted_at_thulium(url: str) -> tuple[FakeThulium, WebhookSubscription, list[WebhookEvent]]:
    """A receiver mounted at ``/thulium`` in Starlette, subscribed at ``url``; one event sent."""
    app, seen = receiver(OutboundCompleted)
    site = Starlette(routes=[Mount("/thulium", app=app)])
    fake = FakeThulium()
    subscription = fake.subscribe_webhooks(
        url, username=USER, password=PASSWORD, transport=httpx2.ASGITransport(app=site)
    )
    fake.emit_webhook(OutboundCompleted(id="00001", date=dt.datetime(2026, 1, 2, tzinfo=dt.UTC)))
    return fake, subscription, seen


async def test_a_redirected_delivery_is_a_counted_failure_with_a_warning() -> None:
    """A URL missing the mount's trailing slash gets a 307: reported, never silently passed."""
    fake, subscription, seen = mounted_at_thulium("http://app.local/thulium")
    with pytest.warns(WebhookDeliveryWarning, match=r"http://app\.local/thulium answered 307"):
        await fake.webhooks_settled()
    await fake.aclose()
    assert [d.status_code for d in subscription.failures] == [307]
    assert "trailing slash" in (subscription.failures[0].error or "")
    assert seen == []


async def test_the_mount_url_with_the_trailing_slash_is_delivered() -> None:
    """The mounting rule: ``Mount("/thulium", app)`` takes ``.../thulium/``."""
    fake, subscription, seen = mounted_at_thulium("http://app.local/thulium/")
    await fake.aclose()
    assert subscription.failures == []
    assert len(seen) == 1
