"""Receive Thulium webhooks in FastAPI and update campaign records through the API.

The scenario: agents give a record the "Sale" status in a regular (phone-number)
campaign. Thulium sends OUTBOUND_RECORD_SAVED; we book the order and move the
record on to "Sale confirmed" (or "Call back" when booking fails). In a CRM
campaign a very short answered call (OUTBOUND_COMPLETED) is put back in the queue.

Run it::

    pip install thulium-async fastapi uvicorn
    export THULIUM_BASE_URL=https://acme.thulium.com/api THULIUM_USER=... THULIUM_PASSWORD=...
    export WEBHOOK_USER=thulium WEBHOOK_PASSWORD=...
    uvicorn examples.fastapi_webhooks:app --host 0.0.0.0 --port 8000

Then in Thulium (Administration -> Webhooks) set the URL to
``https://your-host/thulium/`` (keep the trailing slash: a mount does not match
``/thulium`` and a redirect would drop the POST), the same HTTP auth user and
password, and the actions OUTBOUND_RECORD_SAVED and OUTBOUND_COMPLETED.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import thulium_async as th
from thulium_async.webhooks import (
    OutboundCompleted,
    OutboundRecordSaved,
    UnknownEvent,
    WebhookApp,
)

try:
    from fastapi import FastAPI
except ImportError as exc:  # FastAPI is not a dependency of thulium_async
    raise SystemExit("this example needs FastAPI: pip install fastapi uvicorn") from exc

log = logging.getLogger("fastapi_webhooks")

# Campaign status ids, as GET outbounds/{id}/statuses lists them for your campaigns.
SALE_STATUS_ID = 8
SALE_CONFIRMED_STATUS_ID = 9
CALL_BACK_STATUS_ID = 3
RETRY_STATUS_ID = 3
SHORT_CALL_SECONDS = 5

# background=True answers Thulium at once; handlers then run as tracked tasks.
webhooks = WebhookApp(
    os.environ.get("WEBHOOK_USER", "thulium"),
    os.environ.get("WEBHOOK_PASSWORD", "change-me"),
    background=True,
)

_client: th.Client | None = None


def thulium() -> th.Client:
    """The API client opened by the app's lifespan."""
    if _client is None:
        raise RuntimeError("the Thulium client is not open (is the app running?)")
    return _client


async def book_order(campaign_id: str, phone_number: str) -> bool:
    """Stand-in for your order system."""
    log.info("booking an order for %s in campaign %s", phone_number, campaign_id)
    return True


@webhooks.on(OutboundRecordSaved)
async def record_saved(event: OutboundRecordSaved) -> None:
    """A sale in a regular campaign: book it, then move the record on."""
    if event.status_id != SALE_STATUS_ID or event.phone_number is None:
        return
    booked = await book_order(event.campaign_id, event.phone_number)
    await thulium().outbounds.records.update(
        event.campaign_id,
        event.phone_number,
        status_id=SALE_CONFIRMED_STATUS_ID if booked else CALL_BACK_STATUS_ID,
    )


@webhooks.on(OutboundCompleted)
async def call_completed(event: OutboundCompleted) -> None:
    """A CRM-campaign call that ended within seconds goes back to the queue."""
    if event.customer_id is None or event.billsec is None or event.billsec >= SHORT_CALL_SECONDS:
        return
    await thulium().crm_outbounds.records.update(
        event.campaign_id, event.customer_id, status_id=RETRY_STATUS_ID
    )


@webhooks.on(UnknownEvent)
def unknown(event: UnknownEvent) -> None:
    """Actions this library does not know yet are acknowledged and logged."""
    log.info("unhandled Thulium action %s", event.action)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the API client for the app's lifetime."""
    global _client
    async with th.Client.from_env() as client:
        _client = client
        try:
            yield
        finally:
            # A mounted app gets no lifespan events of its own: let queued
            # handlers finish while the client is still open.
            await webhooks.aclose(timeout=25)
            _client = None


app = FastAPI(lifespan=lifespan)
app.mount("/thulium", webhooks)


@app.get("/health")
async def health() -> dict[str, int]:
    """Liveness, with the number of webhook handler runs still in flight."""
    return {"pending_webhooks": webhooks.pending}
