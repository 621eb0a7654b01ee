"""Client: the facade users hold, with the API's areas as attributes."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import httpx2

from . import _validation as check
from ._config import RateLimit, RetryPolicy
from ._converter import DEFAULT_TIMEZONE, make_converter
from ._decoding import LenientLog
from ._hooks import Hooks
from ._logging import configure_from_env
from ._tracing import tracing_for
from ._transport import (
    DEFAULT_MAX_BODY,
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


def account_key(base_url: str, username: str) -> str:
    """The account's name in a shared limit store: the host and a hash of the API user."""
    host = httpx2.URL(base_url).host
    user = hashlib.sha256(f"{host}|{username}".encode()).hexdigest()[:16]
    return f"{host}:{user}"


def _same_account(base_url: str, http_client: httpx2.AsyncClient) -> None:
    """The budget is keyed by base_url: an http_client aimed elsewhere spends another's."""
    theirs = http_client.base_url.host
    if theirs and theirs != httpx2.URL(base_url).host:
        raise InputError(
            "http_client",
            f"an httpx2.AsyncClient for {httpx2.URL(base_url).host} (the account whose rate "
            "budget the store shares)",
            str(theirs),
        )


class _Credentials:
    """The API user's ``auth`` pair, held so no frame of ours shows the password.

    Tracebacks that capture locals (rich, Sentry) print reprs: this one hides
    the password, and the constructor drops its own ``auth`` right away.
    """

    __slots__ = ("_value",)

    def __init__(self, value: Any) -> None:
        self._value = value

    def __repr__(self) -> str:
        return "<credentials hidden>"

    def checked(self) -> str:
        """The username, once the pair is known to be two non-empty strings."""
        # No local may hold the pair: a traceback would show it.
        if not (
            isinstance(self._value, tuple)
            and len(self._value) == 2
            and all(map(_filled, self._value))
        ):
            raise InputError(
                "auth", "a (username, password) tuple of non-empty strings", "<redacted>"
            )
        return str(self._value[0])

    def add_to(self, headers: dict[str, str]) -> dict[str, str]:
        """``headers`` with the Basic ``Authorization`` (built where no local keeps it)."""
        return {"Authorization": basic_auth_header(*self._value), **headers}


def _filled(part: Any) -> bool:
    return isinstance(part, str) and bool(part)


def _zone(value: Any) -> dt.tzinfo:
    if isinstance(value, dt.tzinfo):
        return value
    if isinstance(value, str):
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise InputError("timezone", "an IANA zone name such as 'Europe/Warsaw' or a tzinfo", value)


def _instance(value: Any, cls: type, field: str) -> None:
    if value is not None and not isinstance(value, cls):
        raise InputError(field, f"a {cls.__name__} or None", value)


def _header_text(value: Any, field: str) -> None:
    # HTTP header values are ASCII; anything else failed deep inside httpx.
    if value is not None and not (
        isinstance(value, str) and value.isascii() and value.isprintable()
    ):
        raise InputError(field, "printable ASCII text (it goes into an HTTP header)", value)


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
        strict_responses: False (the default) decodes answers leniently, as
            the real API needs (its docs are examples, answers vary by account):
            a missing field reads None, a value of an unexpected type is kept
            as received and logged once per model field, unknown keys are kept
            in ``model.extra``. True raises DecodeError naming the path instead:
            for tests, and for callers who prefer failing to guessing.
        tracing: OpenTelemetry spans and metrics through the global providers,
            when opentelemetry-api is installed (``thulium-async[otel]``); False
            turns them off.
        max_response_bytes: the largest answer body read (default 64 MiB); a
            larger one raises DecodeError instead of filling memory.
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
        strict_responses: bool = False,
        tracing: bool = True,
        max_response_bytes: int = DEFAULT_MAX_BODY,
    ) -> None:
        credentials = _Credentials(auth)
        del auth  # from here on only the credentials object, whose repr hides it
        configure_from_env()
        if http_client is not None and transport is not None:
            raise InputError("transport", "either http_client or transport, not both", "both given")
        url = _base_url(base_url)
        username = credentials.checked()
        _instance(rate_limit, RateLimit, "rate_limit")
        _instance(retry, RetryPolicy, "retry")
        _instance(hooks, Hooks, "hooks")
        _instance(http_client, httpx2.AsyncClient, "http_client")
        _instance(transport, httpx2.AsyncBaseTransport, "transport")
        _header_text(user_agent, "user_agent")
        _header_text(language, "language")
        limit = rate_limit or RateLimit()
        if limit.store is not None and http_client is not None:
            _same_account(url, http_client)
        tz = _zone(timezone)
        # Checked before the connection pool exists, so a bad value leaks nothing.
        wait = _timeout(timeout)
        max_body = check.number_in_range(max_response_bytes, "max_response_bytes", 1, 2**62)
        headers = {
            "Accept": "application/json",
            "User-Agent": f"thulium-async/{__version__}" + (f" {user_agent}" if user_agent else ""),
        }
        if language:
            headers["Accept-Language"] = language
        owns = http_client is None
        factory = None
        if http_client is None:
            # Our own client carries the headers itself: merging them into every
            # request costs ~50 µs a call in httpx2. A new event loop gets a new
            # one (and a new default pool; a transport you passed is reused).
            own_headers = dict(headers)

            def factory() -> httpx2.AsyncClient:
                return httpx2.AsyncClient(
                    transport=transport or ShardedTransport(max_connections=limit.max_concurrency),
                    headers=credentials.add_to(own_headers),
                    follow_redirects=False,
                )

            http_client = factory()
            headers = {}
        sender = Transport(
            base_url=url,
            http=http_client,
            headers=credentials.add_to(headers) if headers else headers,
            limiter=Limiter(limit, key=account_key(url, username)),
            retry=retry or RetryPolicy(),
            timeout=wait,
            hooks=hooks or Hooks(),
            owns_http=owns,
            tracing=tracing_for(tracing, url),
            max_body=max_body,
            http_factory=factory,
        )
        decode_log = LenientLog()
        self._adopt(
            base_url=url,
            username=username,
            rate_limit=limit,
            context=Context(
                transport=sender,
                converter=make_converter(tz, strict=bool(strict_responses), log=decode_log),
                timezone=tz,
                statuses=StatusCache(),
                check_statuses=check_statuses,
                strict_responses=bool(strict_responses),
                decode_log=decode_log,
            ),
        )

    def _adopt(
        self, *, base_url: str, username: str, rate_limit: RateLimit, context: Context
    ) -> None:
        # The one place that sets a client's state: the constructor and
        # with_options both end here, so a clone cannot miss an attribute.
        # Areas and bulk are cached properties built from the context on first use.
        self.base_url = base_url
        self._username = username
        self.rate_limit = rate_limit
        self._context = context
        self._transport = context.transport

    @classmethod
    def _sharing(
        cls, *, base_url: str, username: str, rate_limit: RateLimit, context: Context
    ) -> Client:
        # A client over an existing transport and caches (with_options).
        client = cls.__new__(cls)
        client._adopt(base_url=base_url, username=username, rate_limit=rate_limit, context=context)
        return client

    @functools.cached_property
    def outbounds(self) -> Outbounds:
        """``outbounds``: campaigns, their records, statuses, stats and agents."""
        return Outbounds(self._context)

    @functools.cached_property
    def crm_outbounds(self) -> CrmOutbounds:
        """``crm_outbounds``: records of CRM-fed campaigns."""
        return CrmOutbounds(self._context)

    @functools.cached_property
    def batch(self) -> Batch:
        """``batch/...``: the multi-status endpoints."""
        return Batch(self._context)

    @functools.cached_property
    def outbounds_by_phone_number(self) -> OutboundsByPhoneNumber:
        """``outbounds_by_phone_number/:phone_number``."""
        return OutboundsByPhoneNumber(self._context)

    @functools.cached_property
    def outbound_status_by_phone_number(self) -> OutboundStatusByPhoneNumber:
        """``outbound_status_by_phone_number``."""
        return OutboundStatusByPhoneNumber(self._context)

    @functools.cached_property
    def agents(self) -> Agents:
        """``agents``: agents, their status, last queue call and call control."""
        return Agents(self._context)

    @functools.cached_property
    def agents_groups(self) -> AgentsGroups:
        """``agents_groups``: agent groups."""
        return AgentsGroups(self._context)

    @functools.cached_property
    def agents_statuses(self) -> AgentsStatuses:
        """``agents_statuses``: every agent's live state."""
        return AgentsStatuses(self._context)

    @functools.cached_property
    def agents_work_report(self) -> AgentsWorkReport:
        """``agents_work_report``: agents' work per period (paginated, or ``collect``)."""
        return AgentsWorkReport(self._context)

    @functools.cached_property
    def users(self) -> Users:
        """``users/:login``: users and their SIP accounts."""
        return Users(self._context)

    @functools.cached_property
    def todos(self) -> Todos:
        """``todos``: tasks for users (inferred endpoints)."""
        return Todos(self._context)

    @functools.cached_property
    def webhooks(self) -> Webhooks:
        """``webhooks``: webhook subscriptions."""
        return Webhooks(self._context)

    @functools.cached_property
    def topics(self) -> Topics:
        """``topics``: active call topics (inferred endpoint)."""
        return Topics(self._context)

    @functools.cached_property
    def tags(self) -> Tags:
        """``tags``: the tag dictionary."""
        return Tags(self._context)

    @functools.cached_property
    def sms_messages(self) -> SmsMessages:
        """``sms_messages``: sending SMS (inferred endpoint)."""
        return SmsMessages(self._context)

    @functools.cached_property
    def temporary_files(self) -> TemporaryFiles:
        """``temporary_files``: 24-hour uploads (ticket attachments)."""
        return TemporaryFiles(self._context)

    @functools.cached_property
    def connections(self) -> Connections:
        """``connections``: calls (paginated) and their saved topic."""
        return Connections(self._context)

    @functools.cached_property
    def recordings(self) -> Recordings:
        """``recordings``: the list, streamed audio and downloads to disk."""
        return Recordings(self._context)

    @functools.cached_property
    def queues(self) -> Queues:
        """``queues/:id/...``: a queue's topics, waiting list and scheduled calls."""
        return Queues(self._context)

    @functools.cached_property
    def chats(self) -> Chats:
        """``chats``: chats (paginated), chat queues and the summary report."""
        return Chats(self._context)

    @functools.cached_property
    def chat_conversations(self) -> ChatConversations:
        """``chat_conversations``: start, write in, stop and delete live chats."""
        return ChatConversations(self._context)

    @functools.cached_property
    def customers(self) -> Customers:
        """``customers``: CRM customers, their notes and contact history."""
        return Customers(self._context)

    @functools.cached_property
    def companies(self) -> Companies:
        """``companies``: CRM companies."""
        return Companies(self._context)

    @functools.cached_property
    def customer_id_by_outbound_status(self) -> CustomerIdByOutboundStatus:
        """``customer_id_by_outbound_status``: customers by their campaign record's status."""
        return CustomerIdByOutboundStatus(self._context)

    @functools.cached_property
    def tickets(self) -> Tickets:
        """``tickets``: tickets, replies, comments, attachments, today's stats; ``get_many``."""
        return Tickets(self._context)

    @functools.cached_property
    def ticket_categories(self) -> TicketCategories:
        """``ticket_categories`` (inferred endpoint)."""
        return TicketCategories(self._context)

    @functools.cached_property
    def ticket_queues(self) -> TicketQueues:
        """``ticket_queues`` (inferred endpoint)."""
        return TicketQueues(self._context)

    @functools.cached_property
    def ticket_statuses(self) -> TicketStatuses:
        """``ticket_statuses`` (inferred endpoint)."""
        return TicketStatuses(self._context)

    @functools.cached_property
    def customer_field_groups(self) -> CustomerFieldGroups:
        """``customer_field_groups``: groups of repeatable customer fields (inferred endpoint)."""
        return CustomerFieldGroups(self._context)

    @functools.cached_property
    def customer_field_group_items(self) -> CustomerFieldGroupItems:
        """``customer_field_group_items``: rows of grouped customer fields."""
        return CustomerFieldGroupItems(self._context)

    @functools.cached_property
    def bulk(self) -> Bulk:
        """Many records or customers at once, accounting for every item; see ``Bulk``."""
        # Imported on first use: bulk sits above the client and depends only on
        # the BulkClient protocol, so the client must not import it at import time.
        from .bulk import Bulk

        return Bulk(self, tracing=self._transport.tracing)

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
        # getattr: a constructor that failed midway must not make repr() fail too.
        base_url = getattr(self, "base_url", "(not built)")
        return f"<thulium_async.Client {base_url} user={getattr(self, '_username', None)!r}>"

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
        strict_responses: bool | None = None,
        tracing: bool | None = None,
    ) -> Client:
        """A cheap clone with other options, sharing connections, limiter and caches.

        A new ``rate_limit`` gives the clone a limiter of its own (its calls
        then no longer count against the original's limits). ``strict_responses``
        switches decoding for the clone only; lenient warnings already given by
        the original are not repeated. ``tracing`` turns spans and metrics on
        or off for the clone only.
        """
        transport = self._transport.clone(
            retry=retry,
            timeout=_timeout(timeout) if timeout is not None else None,
            rate_limit=rate_limit,
            hooks=hooks,
            tracing=tracing_for(tracing, self.base_url) if tracing is not None else None,
        )
        context = attrs.evolve(self._context, transport=transport)
        if strict_responses is not None and bool(strict_responses) != context.strict_responses:
            strict = bool(strict_responses)
            converter = make_converter(context.timezone, strict=strict, log=context.decode_log)
            context = attrs.evolve(context, converter=converter, strict_responses=strict)
        return type(self)._sharing(
            base_url=self.base_url,
            username=self._username,
            rate_limit=rate_limit or self.rate_limit,
            context=context,
        )

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
