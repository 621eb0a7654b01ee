"""Webhook delivery from the fake: POST events to a subscribed URL, as Thulium would.

Every area emits the events its simulated changes imply through
``State.emit`` (each area's handler module says which change emits what); a
subscription POSTs those it wants in the background. Any other event can be
sent with ``FakeThulium.emit_webhook``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections.abc import Collection

import attrs
import httpx2

from ...webhooks import WebhookEvent, encode_event

__all__ = ["Delivery", "WebhookDeliveryWarning", "WebhookSubscription"]

logger = logging.getLogger("thulium_async.testing")


class WebhookDeliveryWarning(UserWarning):
    """A webhook POST from the fake was redirected: the receiver's handlers never ran."""


@attrs.frozen(kw_only=True)
class Delivery:
    """One POST the fake made: the event, and the status answered (None: no answer)."""

    event: WebhookEvent
    status_code: int | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the receiver answered 2xx."""
        return self.status_code is not None and 200 <= self.status_code < 300


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
        # Redirect reports not yet raised as warnings: settle() raises them in the
        # caller's frame, where pytest sees them (a background task's would be lost).
        self._unwarned: list[str] = []

    @property
    def failures(self) -> list[Delivery]:
        """The deliveries not answered 2xx (refused, redirected, or unanswered)."""
        return [delivery for delivery in self.deliveries if not delivery.ok]

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
        error = _redirect_error(self.url, response) if response.is_redirect else None
        if error is not None:
            logger.warning("%s", error)
            self._unwarned.append(error)
        self.deliveries.append(Delivery(event=event, status_code=response.status_code, error=error))

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
        reports, self._unwarned = self._unwarned, []
        for report in dict.fromkeys(reports):
            warnings.warn(report, WebhookDeliveryWarning, stacklevel=3)

    async def aclose(self) -> None:
        """Finish pending deliveries and close the HTTP client."""
        await self.settle()
        await self._http.aclose()


def _redirect_error(url: str, response: httpx2.Response) -> str:
    # Thulium posts once and does not follow redirects either: a receiver
    # mounted at "/thulium/" answers 307 to "/thulium" and its handlers never run.
    location = response.headers.get("location", "?")
    return (
        f"webhook POST to {url} answered {response.status_code} (redirect to {location}), "
        "not followed: subscribe to the receiver's exact URL (a receiver mounted at "
        "a path takes it with the trailing slash)"
    )
