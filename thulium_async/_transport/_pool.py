"""The default transport: several small httpx2 connection pools behind one facade.

httpcore2's pool walks all of its connections and queued requests on every
request and every response (linear in pool size; the httpcore under httpx 0.28
was worse and collapsed from 16 connections on). So one big pool costs more
client CPU per request the bigger it is, while pools of <= 8 keep that walk
short. Measured with the cases of ``benchmarks/bench_transport.py`` (20 ms
server, client on one core, median of 5, CPU us per request, raw httpx2 client):

=========== ================ ====================
concurrent  one pool of N    pools of 8 (sharded)
=========== ================ ====================
32          409              380 (-7 %)
64          419              359 (-14 %)
128         492              353 (-28 %)
=========== ================ ====================

At 32 the request rate is latency-bound and equal either way; from 64 on the
client runs out of CPU first and sharding buys throughput too. Each pool keeps
alive as many connections as it holds (no connection churn) and each request
goes to the least busy pool. The client's limiter caps in-flight requests at
the total size, so nothing queues inside httpcore2.
"""

from __future__ import annotations

import math
import ssl
from collections.abc import AsyncIterator

import httpx2

__all__ = ["CONNECTIONS_PER_POOL", "ShardedTransport"]

CONNECTIONS_PER_POOL = 8


class _TrackedStream(httpx2.AsyncByteStream):
    """Counts a pool as busy until the response body is closed."""

    def __init__(self, inner: httpx2.AsyncByteStream, transport: ShardedTransport, shard: int):
        self._inner = inner
        self._transport = transport
        self._shard = shard
        self._open = True

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        if self._open:
            self._open = False
            self._transport.loads[self._shard] -= 1
        await self._inner.aclose()


class ShardedTransport(httpx2.AsyncBaseTransport):
    """``max_connections`` spread over pools of at most 8 connections each.

    The default transport of ``Client``: one httpx2 pool of N connections costs
    more CPU per request as N grows (7 % more at 32, 28 % at 128; see the module
    docstring), pools of 8 do not.
    """

    def __init__(
        self,
        *,
        max_connections: int = 32,
        verify: ssl.SSLContext | str | bool = True,
        http2: bool = False,
        keepalive_expiry: float = 30.0,
    ) -> None:
        count = max(1, math.ceil(max_connections / CONNECTIONS_PER_POOL))
        per_pool = min(CONNECTIONS_PER_POOL, max_connections)
        limits = httpx2.Limits(
            max_connections=per_pool,
            max_keepalive_connections=per_pool,
            keepalive_expiry=keepalive_expiry,
        )
        if verify is True:
            # One TLS context for all pools: building one costs milliseconds.
            verify = ssl.create_default_context()
        self._pools = [
            httpx2.AsyncHTTPTransport(limits=limits, verify=verify, http2=http2)
            for _ in range(count)
        ]
        self.loads = [0] * count

    @property
    def pool_count(self) -> int:
        """How many connection pools requests are spread over."""
        return len(self._pools)

    @property
    def in_flight(self) -> int:
        """Requests whose response is not closed yet (0 when idle)."""
        return sum(self.loads)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Send through the least busy pool."""
        loads = self.loads
        shard = loads.index(min(loads))
        loads[shard] += 1
        try:
            response = await self._pools[shard].handle_async_request(request)
        except BaseException:
            loads[shard] -= 1
            raise
        assert isinstance(response.stream, httpx2.AsyncByteStream)
        return httpx2.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_TrackedStream(response.stream, self, shard),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        """Close every pool."""
        for pool in self._pools:
            await pool.aclose()
