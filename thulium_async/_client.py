"""Client: the facade users hold, with the API's areas as attributes."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import httpx2

from ._config import RateLimit, RetryPolicy
from ._converter import DEFAULT_TIMEZONE, make_converter
from ._hooks import Hooks
from ._logging import configure_from_env
from ._transport import (
    Limiter,
    RawResponse,
    ShardedTransport,
    Transport,
    TransportStats,
    basic_auth_header,
)
from ._version import __version__
from .errors import InputError
from .resources import (
    Agents,
    AgentsGroups,
    AgentsStatuses,
    AgentsWorkReport,
    Batch,
    ChatConversations,
    Chats,
    Companies,
    Connections,
    Context,
    CrmOutbounds,
    CustomerFieldGroupItems,
    CustomerFieldGroups,
    CustomerIdByOutboundStatus,
    Customers,
    Outbounds,
    OutboundsByPhoneNumber,
    OutboundStatusByPhoneNumber,
    Queues,
    Recordings,
    SmsMessages,
    StatusCache,
    Tags,
    TemporaryFiles,
    TicketCategories,
    TicketQueues,
    Tickets,
    TicketStatuses,
    Todos,
    Topics,
    Users,
    Webhooks,
)

if TYPE_CHECKING:
    from .bulk import Bulk

__all__ = ["Client"]

DEFAULT_TIMEOUT = httpx2.Timeout(30.0, connect=10.0)


def _timeout(value: float | httpx2.Timeout | None) -> httpx2.Timeout:
    if isinstance(value, httpx2.Timeout):
        return value
    if value is None:
        return DEFAULT_TIMEOUT
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise InputError("timeout", "seconds > 0 or an httpx2.Timeout", value)
    return httpx2.Timeout(float(value), connect=min(float(value), 10.0))


def _base_url(value: str) -> str:
    if not isinstance(value, str):
        raise InputError("base_url", "a URL such as 'https://acme.thulium.com/api'", value)
    url = httpx2.URL(value)
    if url.scheme not in ("http", "https") or not url.host:
        raise InputError("base_url", "an http(s) URL such as 'https://acme.thulium.com/api'", value)
    if url.userinfo:
        # Never keep credentials in a URL: URLs appear in logs and error messages.
        raise InputError(
            "base_url", "a URL without user:password (pass auth=(user, password))", "<redacted>"
        )
    return str(url).rstrip("/")


def _auth(value: Any) -> tuple[str, str]:
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, str) and part for part in value)
    ):
        return value[0], value[1]
    raise InputError("auth", "a (username, password) tuple of non-empty strings", "<redacted>")


class Client:
    """An asyncio client for one Thulium account.

    ```python
    async with th.Client("https://acme.thulium.com/api", auth=("api_user", "api_pass")) as client:
        statuses = await client.outbounds.statuses.list("00001")
    ```

    Attributes mirror the API's paths (``outbounds/:id/records`` ->
    ``client.outbounds.records``); verbs follow the method (list, get, create,
    update, delete; named actions keep their path word).

    Args:
        base_url: ``https://<account>.thulium.com/api``.
        auth: the API user's ``(username, password)`` (HTTP Basic).
        rate_limit: pace and in-flight cap shared by every call on this client;
            defaults to 32 in flight, unpaced until a 429 teaches it the pace.
        retry: which failures are retried and how; see RetryPolicy.
        timeout: seconds per attempt (connect capped at 10 s) or an httpx2.Timeout.
        language: ``"pl"`` asks for Polish messages (Accept-Language); default English.
        timezone: the account's zone (an IANA name or tzinfo): the API sends
            local times with no offset; default Europe/Warsaw.
        http_client: your own httpx2.AsyncClient (you close it); its pool limits
            are then yours to size.
        transport: any httpx2 transport (e.g. FakeThulium's or an
            AiohttpTransport) used in place of the default pooled one.
        hooks: request/response/retry callbacks for metrics.
        check_statuses: look up a campaign's statuses (once per 5 minutes) to
            refuse a status that needs ``agent_login``/``next_call_date`` before
            sending; False skips the lookup.
        user_agent: appended to the library's User-Agent.
    """

    def __init__(
        self,
        base_url: str,
        *,
        auth: tuple[str, str],
        rate_limit: RateLimit | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx2.Timeout | None = None,
        language: str | None = None,
        timezone: str | dt.tzinfo = DEFAULT_TIMEZONE,
        http_client: httpx2.AsyncClient | None = None,
        transport: httpx2.AsyncBaseTransport | None = None,
        hooks: Hooks | None = None,
        check_statuses: bool = True,
        user_agent: str | None = None,
    ) -> None:
        configure_from_env()
        if http_client is not None and transport is not None:
            raise InputError("transport", "either http_client or transport, not both", "both given")
        self.base_url = _base_url(base_url)
        username, password = _auth(auth)
        self._username = username
        self.rate_limit = rate_limit or RateLimit()
        tz = ZoneInfo(timezone) if isinstance(timezone, str) else timezone
        headers = {
            "Authorization": basic_auth_header(username, password),
            "Accept": "application/json",
            "User-Agent": f"thulium-async/{__version__}" + (f" {user_agent}" if user_agent else ""),
        }
        if language:
            headers["Accept-Language"] = language
        owns = http_client is None
        if http_client is None:
            # Our own client carries the headers itself: merging them into every
            # request costs ~50 µs a call in httpx2.
            http_client = httpx2.AsyncClient(
                transport=transport
                or ShardedTransport(max_connections=self.rate_limit.max_concurrency),
                headers=headers,
                follow_redirects=False,
            )
            headers = {}
        self._transport = Transport(
            base_url=self.base_url,
            http=http_client,
            headers=headers,
            limiter=Limiter(self.rate_limit),
            retry=retry or RetryPolicy(),
            timeout=_timeout(timeout),
            hooks=hooks or Hooks(),
            owns_http=owns,
        )
        self._setup(
            Context(
                transport=self._transport,
                converter=make_converter(tz),
                timezone=tz,
                statuses=StatusCache(),
                check_statuses=check_statuses,
            )
        )

    def _setup(self, context: Context) -> None:
        self._context = context
        self.outbounds = Outbounds(context)
        """``outbounds``: campaigns, their records, statuses, stats and agents."""
        self.crm_outbounds = CrmOutbounds(context)
        """``crm_outbounds``: records of CRM-fed campaigns."""
        self.batch = Batch(context)
        """``batch/...``: the multi-status endpoints."""
        self.outbounds_by_phone_number = OutboundsByPhoneNumber(context)
        """``outbounds_by_phone_number/:phone_number``."""
        self.outbound_status_by_phone_number = OutboundStatusByPhoneNumber(context)
        """``outbound_status_by_phone_number``."""
        self.agents = Agents(context)
        """``agents``: agents, their status, last queue call and call control."""
        self.agents_groups = AgentsGroups(context)
        """``agents_groups``: agent groups."""
        self.agents_statuses = AgentsStatuses(context)
        """``agents_statuses``: every agent's live state."""
        self.agents_work_report = AgentsWorkReport(context)
        """``agents_work_report``: agents' work per period (paginated, or ``collect``)."""
        self.users = Users(context)
        """``users/:login``: users and their SIP accounts."""
        self.todos = Todos(context)
        """``todos``: tasks for users (inferred endpoints)."""
        self.webhooks = Webhooks(context)
        """``webhooks``: webhook subscriptions."""
        self.topics = Topics(context)
        """``topics``: active call topics (inferred endpoint)."""
        self.tags = Tags(context)
        """``tags``: the tag dictionary."""
        self.sms_messages = SmsMessages(context)
        """``sms_messages``: sending SMS (inferred endpoint)."""
        self.temporary_files = TemporaryFiles(context)
        """``temporary_files``: 24-hour uploads (ticket attachments)."""
        self.connections = Connections(context)
        """``connections``: calls (paginated) and their saved topic."""
        self.recordings = Recordings(context)
        """``recordings``: the list, streamed audio and downloads to disk."""
        self.queues = Queues(context)
        """``queues/:id/...``: a queue's topics, waiting list and scheduled calls."""
        self.chats = Chats(context)
        """``chats``: chats (paginated), chat queues and the summary report."""
        self.chat_conversations = ChatConversations(context)
        """``chat_conversations``: start, write in, stop and delete live chats."""
        self.customers = Customers(context)
        """``customers``: CRM customers, their notes and contact history."""
        self.companies = Companies(context)
        """``companies``: CRM companies."""
        self.customer_id_by_outbound_status = CustomerIdByOutboundStatus(context)
        """``customer_id_by_outbound_status``: customers by their campaign record's status."""
        self.tickets = Tickets(context)
        """``tickets``: tickets, replies, comments, attachments, today's stats; ``get_many``."""
        self.ticket_categories = TicketCategories(context)
        """``ticket_categories`` (inferred endpoint)."""
        self.ticket_queues = TicketQueues(context)
        """``ticket_queues`` (inferred endpoint)."""
        self.ticket_statuses = TicketStatuses(context)
        """``ticket_statuses`` (inferred endpoint)."""
        self.customer_field_groups = CustomerFieldGroups(context)
        """``customer_field_groups``: groups of repeatable customer fields (inferred endpoint)."""
        self.customer_field_group_items = CustomerFieldGroupItems(context)
        """``customer_field_group_items``: rows of grouped customer fields."""

    @functools.cached_property
    def bulk(self) -> Bulk:
        """Many records or customers at once, accounting for every item; see ``Bulk``."""
        # Imported on first use: bulk sits above the client and depends only on
        # the BulkClient protocol, so the client must not import it at import time.
        from .bulk import Bulk

        return Bulk(self)

    @classmethod
    def from_env(cls, **kwargs: Any) -> Client:
        """A client from THULIUM_BASE_URL, THULIUM_USER and THULIUM_PASSWORD."""
        missing = [
            name
            for name in ("THULIUM_BASE_URL", "THULIUM_USER", "THULIUM_PASSWORD")
            if not os.environ.get(name)
        ]
        if missing:
            raise InputError(missing[0], "the environment variable to be set", None)
        auth = (os.environ["THULIUM_USER"], os.environ["THULIUM_PASSWORD"])
        return cls(os.environ["THULIUM_BASE_URL"], auth=auth, **kwargs)

    def __repr__(self) -> str:
        return f"<thulium_async.Client {self.base_url} user={self._username!r}>"

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections this client opened (a clone or a given http_client: none)."""
        await self._transport.aclose()

    def with_options(
        self,
        *,
        timeout: float | httpx2.Timeout | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimit | None = None,
        hooks: Hooks | None = None,
    ) -> Client:
        """A cheap clone with other options, sharing connections, limiter and caches.

        A new ``rate_limit`` gives the clone a limiter of its own (its calls
        then no longer count against the original's limits).
        """
        clone = object.__new__(Client)
        clone.base_url = self.base_url
        clone._username = self._username
        clone.rate_limit = rate_limit or self.rate_limit
        clone._transport = self._transport.clone(
            retry=retry,
            timeout=_timeout(timeout) if timeout is not None else None,
            rate_limit=rate_limit,
            hooks=hooks,
        )
        context = self._context
        clone._setup(
            Context(
                transport=clone._transport,
                converter=context.converter,
                timezone=context.timezone,
                statuses=context.statuses,
                check_statuses=context.check_statuses,
            )
        )
        return clone

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Sequence[tuple[str, str]] | None = None,
        json: Any = None,
        safe_to_repeat: bool = False,
    ) -> RawResponse:
        """Call any endpoint (``path`` relative to the base URL) with auth, limits and retries.

        For endpoints not wrapped yet. Errors are raised as for wrapped calls;
        ``RawResponse.json()`` parses the answer. A POST is retried after an
        ambiguous failure only with ``safe_to_repeat=True``.
        """
        if not isinstance(method, str) or method.upper() not in {
            "GET",
            "POST",
            "PUT",
            "DELETE",
            "PATCH",
        }:
            raise InputError("method", "GET, POST, PUT, DELETE or PATCH", method)
        return await self._transport.request(
            method.upper(), path, params=params, json=json, safe_to_repeat=safe_to_repeat
        )

    @property
    def stats(self) -> TransportStats:
        """Counters: requests, retries, 429s and transport errors so far."""
        return self._transport.stats

    @property
    def limiter(self) -> Limiter:
        """The limiter every call on this client goes through."""
        return self._transport.limiter

    @property
    def statuses_cache(self) -> StatusCache:
        """The per-campaign status cache behind ``check_statuses``."""
        return self._context.statuses
