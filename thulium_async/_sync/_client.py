"""``SyncClient``: the async client's whole surface for sync code (Django, Celery, scripts).

A ``SyncClient`` wraps one async ``Client`` and one event-loop thread (see
``_loop_thread``); every call is a task on that loop, bridged generically (see
``_bridge`` for why a bridge and not generated twins).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .._client import Client
from .._config import RateLimit, RetryPolicy
from .._hooks import Hooks
from .._transport import Limiter, RawResponse, TransportStats
from ._bridge import SyncArea
from ._loop_thread import LoopThread

if TYPE_CHECKING:
    import httpx2

    from .. import resources
    from ..bulk import Bulk

__all__ = ["SyncClient"]


class SyncClient:
    """A blocking client for one Thulium account; thread-safe and fork-safe.

    ```python
    with th.SyncClient("https://acme.thulium.com/api", auth=("api_user", "api_pass")) as client:
        statuses = client.outbounds.statuses.list("00001")
        for record in client.outbounds.records.list("00001"):
            ...
    ```

    Takes the same arguments as ``Client`` and has the same areas and methods,
    without ``await``: paginators are iterators (with ``count()``, ``to_list()``
    and ``pages()``), bulk jobs return their BulkReport, ``iter_*`` bulk methods
    and streams are iterators. Errors are the same classes. Many threads may share
    one client; calls run on one event-loop thread the client owns (a daemon,
    started on first use, restarted in a forked child).
    """

    # The areas, typed for mypy; at run time they resolve through __getattr__,
    # so the async client's areas and the sync ones are the same set.
    outbounds: SyncArea[resources.Outbounds]
    crm_outbounds: SyncArea[resources.CrmOutbounds]
    batch: SyncArea[resources.Batch]
    outbounds_by_phone_number: SyncArea[resources.OutboundsByPhoneNumber]
    outbound_status_by_phone_number: SyncArea[resources.OutboundStatusByPhoneNumber]
    agents: SyncArea[resources.Agents]
    agents_groups: SyncArea[resources.AgentsGroups]
    agents_statuses: SyncArea[resources.AgentsStatuses]
    agents_work_report: SyncArea[resources.AgentsWorkReport]
    users: SyncArea[resources.Users]
    todos: SyncArea[resources.Todos]
    webhooks: SyncArea[resources.Webhooks]
    topics: SyncArea[resources.Topics]
    tags: SyncArea[resources.Tags]
    sms_messages: SyncArea[resources.SmsMessages]
    temporary_files: SyncArea[resources.TemporaryFiles]
    connections: SyncArea[resources.Connections]
    recordings: SyncArea[resources.Recordings]
    queues: SyncArea[resources.Queues]
    chats: SyncArea[resources.Chats]
    chat_conversations: SyncArea[resources.ChatConversations]
    customers: SyncArea[resources.Customers]
    companies: SyncArea[resources.Companies]
    customer_id_by_outbound_status: SyncArea[resources.CustomerIdByOutboundStatus]
    tickets: SyncArea[resources.Tickets]
    ticket_categories: SyncArea[resources.TicketCategories]
    ticket_queues: SyncArea[resources.TicketQueues]
    ticket_statuses: SyncArea[resources.TicketStatuses]
    customer_field_groups: SyncArea[resources.CustomerFieldGroups]
    customer_field_group_items: SyncArea[resources.CustomerFieldGroupItems]
    bulk: SyncArea[Bulk]

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        self._adopt(Client(base_url, **kwargs), LoopThread(), owns_loop=True)

    def _adopt(self, client: Client, loop: LoopThread, *, owns_loop: bool) -> None:
        self._async = client
        self._loop = loop
        self._owns_loop = owns_loop

    @classmethod
    def wrapping(cls, client: Client) -> SyncClient:
        """A sync client over an existing async ``Client`` (e.g. ``fake.client()``'s options)."""
        sync = cls.__new__(cls)
        sync._adopt(client, LoopThread(), owns_loop=True)
        return sync

    @classmethod
    def from_env(cls, **kwargs: Any) -> SyncClient:
        """A client from THULIUM_BASE_URL, THULIUM_USER and THULIUM_PASSWORD."""
        return cls.wrapping(Client.from_env(**kwargs))

    @property
    def async_client(self) -> Client:
        """The async client underneath (its calls must run on the loop thread)."""
        return self._async

    @property
    def base_url(self) -> str:
        """The API's base URL."""
        return self._async.base_url

    @property
    def rate_limit(self) -> RateLimit:
        """The pace and in-flight cap shared by every call on this client."""
        return self._async.rate_limit

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            if name.startswith("_") or not isinstance(
                getattr(Client, name, None), functools.cached_property
            ):
                raise AttributeError(f"'SyncClient' object has no attribute {name!r}")
            area = SyncArea(self._loop, getattr(self._async, name))
            setattr(self, name, area)  # built once, like the async client's areas
            return area

    def __repr__(self) -> str:
        return f"<thulium_async.SyncClient {self.base_url} user={self._async._username!r}>"

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections this client opened and stop its loop thread."""
        if self._loop.running:
            self._loop.call(self._async.aclose)
        if self._owns_loop:
            self._loop.stop()

    def with_options(
        self,
        *,
        timeout: float | httpx2.Timeout | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimit | None = None,
        hooks: Hooks | None = None,
    ) -> SyncClient:
        """A client sharing this one's connections and loop thread, with some options changed."""
        clone = type(self).__new__(type(self))
        options = self._async.with_options(
            timeout=timeout, retry=retry, rate_limit=rate_limit, hooks=hooks
        )
        clone._adopt(options, self._loop, owns_loop=False)
        return clone

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Sequence[tuple[str, str]] | None = None,
        json: Any = None,
        safe_to_repeat: bool = False,
    ) -> RawResponse:
        """Call any endpoint (``path`` relative to the base URL); see ``Client.request``."""
        response: RawResponse = self._loop.call(
            self._async.request,
            method,
            path,
            params=params,
            json=json,
            safe_to_repeat=safe_to_repeat,
        )
        return response

    @property
    def stats(self) -> TransportStats:
        """Counters: requests, retries, 429s and transport errors so far."""
        return self._async.stats

    @property
    def limiter(self) -> Limiter:
        """The limiter every call on this client goes through."""
        return self._async.limiter
