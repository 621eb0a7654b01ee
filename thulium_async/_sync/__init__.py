"""The sync client: the async client's surface bridged onto one event-loop thread."""

from ._bridge import SyncArea, SyncContext
from ._client import SyncClient
from ._iterate import SyncIterator
from ._loop_thread import LoopThread
from ._paginator import SyncPaginator

__all__ = ["LoopThread", "SyncArea", "SyncClient", "SyncContext", "SyncIterator", "SyncPaginator"]
