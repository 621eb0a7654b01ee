"""Asyncio client for the Thulium contact-center REST API.

```python
import thulium_async as th

async with th.Client("https://acme.thulium.com/api", auth=("api_user", "api_pass")) as client:
    async for record in client.outbounds.records.list("00001"):
        ...

with th.SyncClient("https://acme.thulium.com/api", auth=("api_user", "api_pass")) as client:
    for record in client.outbounds.records.list("00001"):
        ...
```
"""

from typing import TYPE_CHECKING

from . import errors, models
from ._client import Client
from ._config import LimitStore, RateLimit, RetryPolicy
from ._hooks import Hooks, RequestEvent, ResponseEvent, RetryEvent
from ._pagination import OffsetIgnoredError, Page, PaginationDriftError, Paginator
from ._sync import SyncClient, SyncIterator, SyncPaginator
from ._transport import (
    RawResponse,
    ResponseLog,
    ShardedTransport,
    TransportStats,
    capture_responses,
)
from ._version import __version__

if TYPE_CHECKING:
    from ._transport._aiohttp import AiohttpTransport
    from ._transport._redis_store import RedisLimitStore

__all__ = [
    "AiohttpTransport",
    "Client",
    "LimitStore",
    "Hooks",
    "Page",
    "OffsetIgnoredError",
    "PaginationDriftError",
    "Paginator",
    "RateLimit",
    "RawResponse",
    "RedisLimitStore",
    "RequestEvent",
    "ResponseEvent",
    "ResponseLog",
    "RetryEvent",
    "RetryPolicy",
    "ShardedTransport",
    "SyncClient",
    "SyncIterator",
    "SyncPaginator",
    "TransportStats",
    "__version__",
    "capture_responses",
    "errors",
    "models",
]


def __getattr__(name: str) -> object:
    # The aiohttp transport and the Redis store live in extras: import them only
    # when asked for.
    if name == "AiohttpTransport":
        from ._transport._aiohttp import AiohttpTransport

        return AiohttpTransport
    if name == "RedisLimitStore":
        from ._transport._redis_store import RedisLimitStore

        return RedisLimitStore
    raise AttributeError(f"module 'thulium_async' has no attribute {name!r}")
