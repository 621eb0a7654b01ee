"""Webhook delivery from the fake: POST events to a subscribed URL, as Thulium would.

Every area emits the events its simulated changes imply through
``State.emit`` (each area's handler module says which change emits what); a
subscription POSTs those it wants in the background. Any other event can be
sent with ``FakeThulium.emit_webhook``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Collection

import attrs
import httpx2

from ...webhooks import WebhookEvent, encode_event

__all__ = ["Delivery", "WebhookSubscription"]


@attrs.frozen(kw_only=True)
class Delivery:
    """One POST the fake made: the event, and the status answered (None: no answer)."""

    event: WebhookEvent
    status_code: int | None
    error: str | None = None


class WebhookSubscription:
    """Events the fake POSTs to ``url`` (Basic auth when a user is given)."""

    def __init__(
        self,
        url: str,
        *,
        actions: Collection[str] | None,
        username: str | None,
        password: str | None,
        form: bool,
        transport: httpx2.AsyncBaseTransport | None,
        timezone: dt.tzinfo,
    ) -> None:
        self.url = url
        self.actions = None if actions is None else frozenset(actions)
        self.form = form
        self.timezone = timezone
        self.deliveries: list[Delivery] = []
        auth = (username, password or "") if username is not None else None
        self._http = httpx2.AsyncClient(transport=transport, auth=auth, timeout=10.0)
        self._pending: set[asyncio.Task[None]] = set()
        # Events emitted outside an event loop (a sync setup helper such as
        # ``chat_reply``), posted as soon as one runs: at the next event or settle().
        self._backlog: list[WebhookEvent] = []

    def wants(self, event: WebhookEvent) -> bool:
        """True when the subscription covers the event's action."""
        return self.actions is None or event.action in self.actions

    def send(self, event: WebhookEvent) -> None:
        """POST the event in the background (the API answer does not wait for it).

        Without a running event loop the event waits, in order, for the next
        ``send`` or ``settle`` made inside one.
        """
        if not self.wants(event):
            return
        self._backlog.append(event)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._start(loop)

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        for waiting in self._backlog:
            task = loop.create_task(self._post(waiting))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)
        self._backlog.clear()

    async def _post(self, event: WebhookEvent) -> None:
        body, content_type = encode_event(event, form=self.form, timezone=self.timezone)
        try:
            response = await self._http.post(
                self.url, content=body, headers={"Content-Type": content_type}
            )
        except httpx2.HTTPError as exc:
            self.deliveries.append(Delivery(event=event, status_code=None, error=str(exc)))
            return
        self.deliveries.append(Delivery(event=event, status_code=response.status_code))

    async def settle(self) -> None:
        """Post what waited for an event loop, then wait until every POST has finished."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError(
                "the fake's webhook deliveries run on asyncio only (they are asyncio "
                "tasks); under trio use fake.collect_webhooks() to see the events"
            ) from None
        self._start(loop)
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    async def aclose(self) -> None:
        """Finish pending deliveries and close the HTTP client."""
        await self.settle()
        await self._http.aclose()
