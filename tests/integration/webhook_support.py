"""A webhook receiver for the tests where FakeThulium posts events to one."""

from __future__ import annotations

from typing import Any

import httpx2

from thulium_async.testing import FakeThulium
from thulium_async.testing.server._webhooks import WebhookSubscription
from thulium_async.webhooks import WebhookApp, WebhookEvent

USER, PASSWORD = "hook", "s3cret"


def receiver(*families: type[WebhookEvent]) -> tuple[WebhookApp, list[WebhookEvent]]:
    """A ``WebhookApp`` (Basic auth) whose typed handler per event family records the events."""
    app = WebhookApp(username=USER, password=PASSWORD)
    seen: list[WebhookEvent] = []
    for family in families:
        app.on(family)(seen.append)
    return app, seen


def subscribe_in_process(fake: FakeThulium, app: WebhookApp, **options: Any) -> WebhookSubscription:
    """Subscribe ``app`` to the fake's events in process (no socket), as USER."""
    options.setdefault("password", PASSWORD)
    return fake.subscribe_webhooks(
        "http://receiver.local/hooks",
        username=USER,
        transport=httpx2.ASGITransport(app=app),
        **options,
    )
