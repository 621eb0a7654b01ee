"""``FakeThulium``: the stateful fake account and the three ways to reach it."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import time
from collections.abc import AsyncIterator, Callable, Collection, Mapping, Sequence
from typing import Any

import httpx2

from .._converter import DEFAULT_TIMEZONE
from ..webhooks import WebhookEvent
from ._routes import ROUTES, SIMULATED_ENDPOINTS
from .account._setup import AccountSetup
from .agents._setup import AgentsSetup
from .calls._setup import CallsSetup
from .chats._setup import ChatsSetup
from .crm._setup import CrmSetup
from .server._app import FakeApp
from .server._counters import Counters, ReceivedRequest
from .server._faults import FaultInjector, FaultPlan
from .server._loopback import serve_app
from .server._routing import Router
from .server._state import State
from .server._transport import InProcessTransport
from .server._webhooks import WebhookSubscription
from .shared._seed import SampleData
from .shared._setup import checked, make_statuses, new_record, seed_records
from .shared._validate import check_phone
from .shared._views import customer_view, record_view
from .tickets._setup import TicketsSetup

__all__ = ["IN_PROCESS_BASE_URL", "FakeThulium"]

#: Base URL of the in-process fake (no DNS or socket is ever involved).
IN_PROCESS_BASE_URL = "http://fake.thulium.local/api"

_DEFAULT_FIELDS = ("first_name", "last_name", "city")


class FakeThulium(AgentsSetup, CallsSetup, ChatsSetup, CrmSetup, TicketsSetup, AccountSetup):
    """A stateful in-memory Thulium account speaking the REST API.

    ``strict=True`` answers 400 to query parameters and body fields an endpoint does
    not document; ``strict=False`` ignores them as if they were absent. ``faults``
    (a ``FaultPlan``, replaceable later through the ``faults`` attribute) makes
    requests slow or fail; ``seed`` makes faults, request ids and sample data
    reproducible. ``clock`` (seconds, default ``time.monotonic``) drives the
    rate limiter; ``wall_clock`` (a naive local datetime, default ``datetime.now``)
    dates what the fake creates, so tests can pin it. ``keep_requests`` caps the
    request log (None = unbounded, 0 = off). The ``add_*`` setup helpers of each
    area live in the ``_setup_*`` mixins.
    """

    def __init__(
        self,
        username: str = "api_user",
        password: str = "api_pass",
        *,
        strict: bool = True,
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
        self._state = State(wall_clock or dt.datetime.now)
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

    # -- setup helpers (no HTTP, never faulted) ------------------------------------------

    def add_campaign(
        self,
        campaign_id: str,
        *,
        crm: bool = False,
        name: str | None = None,
        fields: Sequence[str] | None = None,
        statuses: Sequence[Mapping[str, Any]] | None = None,
        dialer: str = "preview",
        active: bool = True,
        order: int = 50,
        parity: int = 50,
        agents: Sequence[str] = (),
    ) -> str:
        """Create a campaign as the panel would; returns its id.

        ``fields`` is the structure of a regular campaign (default
        ``first_name, last_name, city``; CRM campaigns have none). ``statuses`` are
        ``{"name", "system_status", "dictionary_status_id"?, "status_id"?}`` maps; the
        default is one status per system status with dictionary ids 1-8. Fresh
        records get the first TO_CALL status.
        """
        state = self._state
        if len(campaign_id) != 5 or not campaign_id.isdigit():
            raise ValueError(f"campaign ids are five digits, got {campaign_id!r}")
        if campaign_id in state.campaigns or campaign_id in state.deleting:
            raise ValueError(f"campaign {campaign_id} already exists")
        if crm and fields:
            raise ValueError("CRM campaigns have no structure fields")
        for login in agents:
            if login not in state.agents:
                raise ValueError(f"no agent {login!r}")
        state.add_campaign(
            campaign_id,
            name=name or f"Campaign {campaign_id}",
            crm=crm,
            dialer=dialer,
            fields=() if crm else tuple(_DEFAULT_FIELDS if fields is None else fields),
            statuses=make_statuses(state, statuses),
            active=active,
            start_date=state.now()[:10],
            order=order,
            parity=parity,
            agents=list(agents),
        )
        return campaign_id

    def add_customer(
        self,
        *,
        customer_id: int | None = None,
        surname: str = "Kowalski",
        name: str = "Jan",
        phone_number: str | Sequence[str] = (),
        email: str | Sequence[str] = (),
        custom_fields: Mapping[str, Any] | None = None,
        address: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> int:
        """Create a CRM customer; returns its id. ``fields``: other customer attributes
        (identifier, company_id, company_flag, type, group, nip, ...)."""
        phones = [phone_number] if isinstance(phone_number, str) else list(phone_number)
        for phone in phones:
            checked(check_phone, phone)
        emails = [email] if isinstance(email, str) else list(email)
        customer = self._state.add_customer(
            customer_id,
            surname=surname,
            name=name,
            phone_numbers=phones,
            emails=emails,
            custom_fields=dict(custom_fields or {}),
            address=None if address is None else dict(address),
            **fields,
        )
        return customer.customer_id

    def add_record(
        self,
        campaign_id: str,
        phone_number: str | None = None,
        *,
        customer_id: int | None = None,
        status_id: int | None = None,
        identifier: str = "",
        agent_login: str = "",
        next_call_date: str = "",
        call_date: str = "",
        create_date: str | None = None,
        last_note: str = "",
        order: int | None = None,
        record_fields: Mapping[str, str] | None = None,
        additional_numbers: Sequence[str] = (),
        in_call: bool = False,
    ) -> int:
        """Store one record as a panel import would (duplicates allowed); returns its id.

        Regular campaigns need ``phone_number``, CRM campaigns ``customer_id``.
        ``in_call=True`` makes deletions answer CALL_IN_PROGRESS; ``call_date`` and
        ``create_date`` (``YYYY-MM-DD hh:mm``) feed the list filters.
        """
        record = new_record(
            self._state,
            self._campaign_id(campaign_id),
            phone_number,
            customer_id=customer_id,
            status_id=status_id,
            identifier=identifier,
            agent_login=agent_login,
            next_call_date=next_call_date,
            call_date=call_date,
            create_date=create_date,
            last_note=last_note,
            order=order,
            record_fields=record_fields,
            additional_numbers=additional_numbers,
            in_call=in_call,
        )
        return record.record_id

    def seed_records(self, campaign_id: str, n: int) -> list[int]:
        """Add ``n`` sample records (CRM campaigns get ``n`` new customers); returns ids.

        Numbers, names and field values come from ``seed``, so runs repeat.
        """
        return seed_records(self._state, self._samples, self._campaign_id(campaign_id), n)

    # -- inspection ----------------------------------------------------------------------

    def records(self, campaign_id: str) -> list[dict[str, Any]]:
        """Every record of the campaign, in insertion order, as the API returns them."""
        campaign = self._state.campaigns[self._campaign_id(campaign_id)]
        agents = self._state.agents
        return [record_view(campaign, r, agents) for r in campaign.records.values()]

    def customers(self) -> list[dict[str, Any]]:
        """Every customer as ``GET customers`` shows it (with custom fields and address)."""
        include = frozenset({"include_custom_fields", "include_address"})
        state = self._state
        return [
            customer_view(state, c, listing=True, include=include) for c in state.customers.values()
        ]

    def campaign_ids(self) -> list[str]:
        """Ids of the campaigns that exist (not deleted), in creation order."""
        return list(self._state.campaigns)

    def _campaign_id(self, campaign_id: str) -> str:
        if campaign_id not in self._state.campaigns:
            raise KeyError(f"no campaign {campaign_id!r}")
        return campaign_id

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
    async def client(self, **client_kwargs: Any) -> AsyncIterator[Any]:
        """A ``thulium_async.Client`` wired to ``transport()`` at ``IN_PROCESS_BASE_URL``.

        Keyword arguments go to the client (``retry=``, ``rate_limit=``, ...); ``auth``
        defaults to the fake's credentials.
        """
        # Imported late so this package keeps working while the client evolves.
        client_class = importlib.import_module("thulium_async").Client
        options: dict[str, Any] = {"auth": (self.username, self.password)}
        if "http_client" not in client_kwargs:
            options["transport"] = self.transport()
        options.update(client_kwargs)
        async with client_class(IN_PROCESS_BASE_URL, **options) as client:
            yield client

    def serve(self, *, port: int = 0) -> contextlib.AbstractAsyncContextManager[str]:
        """Serve over HTTP on 127.0.0.1 (port 0 = a free one) in the running loop.

        ``async with fake.serve() as base_url:`` yields ``"http://127.0.0.1:PORT/api"``.
        Needs the ``testing`` extra (uvicorn).
        """
        return serve_app(self.app, host="127.0.0.1", port=port)
