"""``FakeThulium``: the stateful fake account and the three ways to reach it."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import AsyncIterator, Callable, Collection
from typing import TYPE_CHECKING, Any

import httpx2

from .._converter import DEFAULT_TIMEZONE
from ..webhooks import WebhookEvent
from ._routes import ROUTES, SIMULATED_ENDPOINTS
from .account._setup import AccountSetup
from .agents._setup import AgentsSetup
from .calls._setup import CallsSetup
from .campaigns._setup import CampaignsSetup
from .chats._setup import ChatsSetup
from .crm._setup import CrmSetup
from .server._app import FakeApp
from .server._counters import Counters, ReceivedRequest
from .server._faults import FaultInjector, FaultPlan
from .server._loopback import Serving
from .server._routing import Router
from .server._state import State
from .server._transport import InProcessTransport
from .server._webhooks import WebhookSubscription
from .shared._seed import SampleData
from .tickets._setup import TicketsSetup

if TYPE_CHECKING:
    from .._client import Client
    from .._sync import SyncClient

__all__ = ["IN_PROCESS_BASE_URL", "FakeThulium"]

#: Base URL of the in-process fake (no DNS or socket is ever involved).
IN_PROCESS_BASE_URL = "http://fake.thulium.local/api"
"""The base URL of `FakeThulium.client()` and `FakeThulium.transport()` (no sockets)."""


class FakeThulium(
    CampaignsSetup, CrmSetup, AgentsSetup, CallsSetup, ChatsSetup, TicketsSetup, AccountSetup
):
    """A stateful in-memory Thulium account speaking the REST API.

    By default the fake answers as Thulium does: query parameters and body
    fields an endpoint does not document are ignored as if absent (real
    integrations send ``page``, ``per_page``, ``q``, ``status``, ``queue_id``,
    ...; the little evidence there is says Thulium ignores them), counted in
    ``counters.ignored_params`` and logged once per endpoint and name on the
    ``thulium_async.testing`` logger. ``strict=True`` answers 400 to them
    instead, for tests that want a misspelt parameter caught. ``faults``
    (a ``FaultPlan``, replaceable later through the ``faults`` attribute) makes
    requests slow or fail; ``seed`` makes faults, request ids and sample data
    reproducible. ``clock`` (seconds, default ``time.monotonic``) drives the
    rate limiter; ``wall_clock`` (a naive local datetime, default the account zone's now)
    dates what the fake creates, so tests can pin it. ``keep_requests`` caps the
    request log (None = unbounded, 0 = off). The ``add_*`` setup and inspection
    helpers of each area live in that area's ``_setup`` mixin (``campaigns._setup``,
    ``crm._setup``, ...).
    """

    def __init__(
        self,
        username: str = "api_user",
        password: str = "api_pass",
        *,
        strict: bool = False,
        faults: FaultPlan | None = None,
        seed: int = 0,
        clock: Callable[[], float] | None = None,
        wall_clock: Callable[[], dt.datetime] | None = None,
        keep_requests: int | None = None,
    ) -> None:
        self.username = username
        self.password = password
        self.seed = seed
        self._clock = clock or time.monotonic
        self._state = State(wall_clock)
        self._samples = SampleData(seed)
        self.app = FakeApp(
            self._state,
            Router(ROUTES),
            username=username,
            password=password,
            strict=strict,
            seed=seed,
            keep_requests=keep_requests,
        )
        self.faults = faults
        self._subscriptions: list[WebhookSubscription] = []

    # -- configuration and observation ---------------------------------------------------

    @property
    def faults(self) -> FaultPlan | None:
        """The fault plan in force; assigning one restarts its request count and bucket."""
        injector = self.app.injector
        return None if injector is None else injector.plan

    @faults.setter
    def faults(self, plan: FaultPlan | None) -> None:
        self.app.injector = None if plan is None else FaultInjector(plan, self.seed, self._clock)

    @property
    def strict(self) -> bool:
        """Whether undocumented parameters and fields are rejected."""
        return self.app.strict

    @strict.setter
    def strict(self, value: bool) -> None:
        self.app.strict = value

    @property
    def counters(self) -> Counters:
        """Request totals by endpoint and status, concurrency, throttling, drops."""
        return self.app.counters

    @property
    def requests(self) -> list[ReceivedRequest]:
        """The requests received so far, oldest first."""
        return list(self.app.requests)

    def clear_requests(self) -> None:
        """Forget the request log and reset the counters (e.g. after setup over HTTP)."""
        self.app.requests.clear()
        self.app.counters = Counters()

    @staticmethod
    def endpoints() -> tuple[str, ...]:
        """Every simulated endpoint as ``"METHOD path"``; anything else answers 501."""
        return SIMULATED_ENDPOINTS

    # -- webhooks ------------------------------------------------------------------------

    def subscribe_webhooks(
        self,
        url: str,
        *,
        actions: Collection[str] | None = None,
        username: str | None = None,
        password: str | None = None,
        form: bool = True,
        transport: httpx2.AsyncBaseTransport | None = None,
        timezone: dt.tzinfo = DEFAULT_TIMEZONE,
    ) -> WebhookSubscription:
        """POST webhook events to ``url``, as a Thulium subscription would.

        The fake emits the events its simulated changes imply: agent presence
        and calls, queues, campaign calls and record edits, recordings, chats,
        customers and notes, tickets (the package docstring lists them);
        ``emit_webhook`` sends any other event. ``actions`` limits the actions
        sent (None: all); ``form=False`` sends JSON; ``transport`` reaches an
        in-process receiver (``httpx2.ASGITransport``). Deliveries run in the
        background: ``await fake.webhooks_settled()`` waits for them, and
        ``subscription.deliveries`` records each answer. ``collect_webhooks``
        gives the events themselves, with no HTTP.

        Like Thulium, the fake does not follow redirects: a receiver mounted at
        ``/thulium`` (Starlette's ``Mount``) takes ``http://app/thulium/`` with
        the trailing slash, and ``http://app/thulium`` gets a 307 that lands in
        ``subscription.failures``, is logged, and is raised as a
        ``WebhookDeliveryWarning`` by ``webhooks_settled()`` and ``aclose()``.
        """
        subscription = WebhookSubscription(
            url,
            actions=actions,
            username=username,
            password=password,
            form=form,
            transport=transport,
            timezone=timezone,
        )
        self._subscriptions.append(subscription)
        self._state.event_listeners.append(subscription.send)
        return subscription

    def collect_webhooks(self) -> list[WebhookEvent]:
        """Collect every event the account emits from now on, without any HTTP.

        Returns the live list the events are appended to, in emission order:
        for tests that check which webhooks a flow would send.
        """
        events: list[WebhookEvent] = []
        self._state.event_listeners.append(events.append)
        return events

    def emit_webhook(self, event: WebhookEvent) -> None:
        """Send an event (e.g. an OutboundCompleted) to every subscription that wants it."""
        self._state.emit(lambda: event)

    async def webhooks_settled(self) -> None:
        """Wait for every webhook POST started so far."""
        for subscription in self._subscriptions:
            await subscription.settle()

    async def aclose(self) -> None:
        """Finish webhook deliveries and close their connections (no-op without any)."""
        for subscription in self._subscriptions:
            await subscription.aclose()
        self._subscriptions.clear()
        self._state.event_listeners.clear()

    # -- the three ways in ---------------------------------------------------------------

    def transport(self) -> httpx2.AsyncBaseTransport:
        """An httpx2 transport into the fake, in process (faults included)."""
        return InProcessTransport(self.app)

    @contextlib.asynccontextmanager
    async def client(self, **client_kwargs: Any) -> AsyncIterator[Client]:
        """A ``thulium_async.Client`` wired to ``transport()`` at ``IN_PROCESS_BASE_URL``.

        Keyword arguments go to the client (``retry=``, ``rate_limit=``, ...); ``auth``
        defaults to the fake's credentials and ``strict_responses`` to True: the
        fake answers exactly what the models describe, so any mismatch is drift
        between this library's fake and its models, worth failing on rather than
        the lenient tolerance real accounts need.
        """
        # Imported at call time: the testing layer sits above the client, and a
        # module-level import here would tie the fake's import order to the client's.
        from .._client import Client

        options: dict[str, Any] = {
            "auth": (self.username, self.password),
            "strict_responses": True,
        }
        if "http_client" not in client_kwargs:
            options["transport"] = self.transport()
        options.update(client_kwargs)
        async with Client(IN_PROCESS_BASE_URL, **options) as client:
            yield client

    def sync_client(self, **client_kwargs: Any) -> SyncClient:
        """A ``thulium_async.SyncClient`` wired to ``transport()`` (use it in ``with``).

        Keyword arguments as for ``client()``. For a sync client over real HTTP,
        ``with fake.serve() as base_url: SyncClient(base_url, auth=...)``.
        """
        from .._sync import SyncClient  # at call time, as in client()

        options: dict[str, Any] = {"auth": (self.username, self.password)}
        if "http_client" not in client_kwargs:
            options["transport"] = self.transport()
        options.update(client_kwargs)
        return SyncClient(IN_PROCESS_BASE_URL, **options)

    def serve(self, *, port: int = 0) -> Serving:
        """Serve over HTTP on 127.0.0.1 (port 0 = a free one).

        ``async with fake.serve() as base_url:`` (asyncio: in the running loop;
        trio: on a server thread) or ``with fake.serve() as base_url:`` (sync
        code, e.g. a SyncClient test: on a server thread) yields
        ``"http://127.0.0.1:PORT/api"``. Needs the ``testing`` extra (uvicorn).
        """
        return Serving(self.app, host="127.0.0.1", port=port)
