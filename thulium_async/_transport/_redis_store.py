"""One account's rate budget shared through Redis (the ``redis`` extra).

Every client of an account, in any process on any host, spends one budget:

- **the pace**: GCRA on the Redis server's clock, one atomic script per
  grant, so no two workers spend the same slot;
- **the pause**: an overload that calls for one holds every worker;
- **the adaptive estimate**: one shared estimate of the limit and one curve
  back up (the same arithmetic as ``_pace.py``, whose constants the scripts
  receive), lowered by whichever worker's 429s say the pace is over the limit;
- **max_concurrency**: leases in a sorted set, scored by their expiry, so
  the slots of a worker killed with SIGKILL come back after ``lease_seconds``.

Scripts run with EVALSHA and are loaded again when the server answers NOSCRIPT
(redis-py's ``Script``). State lives under ``thulium:limit:<key>:*`` and
expires after an hour without use.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar

from .._config import Grant, RateLimit
from ..errors import InputError
from ._pace import SHARED_CONSTANTS

if TYPE_CHECKING:
    import redis.asyncio as aioredis

__all__ = ["RedisLimitStore", "StoreUnavailable"]

T = TypeVar("T")

_PREFIX = "thulium:limit:"
_IDLE_MS = 3_600_000  # state of an account nobody used for an hour goes away
_FULL_WAIT = 0.005  # how soon to ask again when the concurrency cap is full

# KEYS: state hash, leases zset. ARGV: lease, per_second|"", burst, max_concurrency,
# lease_seconds, beta, recover, cubic, probe, min_rate, now|"", full wait, idle ms.
_ACQUIRE = """
local now = tonumber(ARGV[11])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local s = redis.call('HMGET', KEYS[1], 'tat', 'paused_until', 'estimate', 'epoch')
local tat = tonumber(s[1]) or 0
local paused = tonumber(s[2]) or 0
local estimate = tonumber(s[3])
local epoch = tonumber(s[4]) or 0
if paused > now then
  return {'0', tostring(paused - now), tostring(now), tostring(epoch), ''}
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  return {'0', ARGV[12], tostring(now), tostring(epoch), ''}
end
local ceiling = tonumber(ARGV[2])
local rate = ceiling
if estimate then
  local beyond = now - epoch - tonumber(ARGV[7])
  local gain = tonumber(ARGV[8])
  if beyond > 0 then gain = tonumber(ARGV[9]) end
  rate = estimate * (1 + gain * beyond * beyond * beyond)
  if ceiling and rate > ceiling then rate = ceiling end
  if rate < tonumber(ARGV[10]) then rate = tonumber(ARGV[10]) end
end
local wait = 0
if rate then
  local interval = 1 / rate
  if tat < now then tat = now end
  wait = tat - (tonumber(ARGV[3]) - 1) * interval - now
  if wait < 0 then wait = 0 end
  redis.call('HSET', KEYS[1], 'tat', tostring(tat + interval))
end
-- The account's send rate over the last whole second: an unpaced account's
-- overload reads its limit from it (one worker's own rate is only its part).
local w = redis.call('HMGET', KEYS[1], 'window_start', 'window_grants')
local window_start = tonumber(w[1]) or now
local window_grants = (tonumber(w[2]) or 0) + 1
if now - window_start >= 1 then
  redis.call('HSET', KEYS[1], 'sent_rate', tostring(window_grants / (now - window_start)))
  window_start = now
  window_grants = 0
end
redis.call('HSET', KEYS[1], 'window_start', tostring(window_start),
           'window_grants', tostring(window_grants))
redis.call('ZADD', KEYS[2], now + wait + tonumber(ARGV[5]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[13])
redis.call('PEXPIRE', KEYS[2], ARGV[13])
return {'1', tostring(wait), tostring(now), tostring(epoch), tostring(rate or '')}
"""

# KEYS: state hash. ARGV: reserved, share, sent_rate, retry_after|"", per_second|"",
# adaptive (1/0), beta, max_cut, sustained, min_rate, now|"".
_OVERLOADED = """
local now = tonumber(ARGV[11])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local s = redis.call('HMGET', KEYS[1], 'epoch', 'last_overload', 'paused_until',
                    'estimate', 'sent_rate')
local epoch = tonumber(s[1]) or 0
if tonumber(ARGV[1]) < epoch then return 0 end
if ARGV[6] == '1' then
  local share = tonumber(ARGV[2])
  if share < tonumber(ARGV[8]) then share = tonumber(ARGV[8]) end
  local sent = tonumber(ARGV[3])
  if not s[4] and ARGV[5] == '' and tonumber(s[5]) then
    sent = tonumber(s[5])  -- unpaced: the whole account's rate, not this worker's part
  end
  local estimate = sent * share
  local ceiling = tonumber(ARGV[5])
  if ceiling and estimate > ceiling then estimate = ceiling end
  if estimate < tonumber(ARGV[10]) then estimate = tonumber(ARGV[10]) end
  redis.call('HSET', KEYS[1], 'estimate', tostring(estimate))
end
local last = tonumber(s[2]) or -1e18
local retry_after = tonumber(ARGV[4])
if retry_after and now - last <= tonumber(ARGV[9]) then
  local paused = tonumber(s[3]) or 0
  if now + retry_after > paused then
    redis.call('HSET', KEYS[1], 'paused_until', tostring(now + retry_after), 'tat', '0')
  end
end
redis.call('HSET', KEYS[1], 'epoch', tostring(now), 'last_overload', tostring(now))
return 1
"""


class StoreUnavailable(OSError):
    """Redis did not answer (down, unreachable, timed out): the limiter falls back."""


class RedisLimitStore:
    """Shares one account's pace, pauses, limit estimate and concurrency through Redis.

    ```python
    store = th.RedisLimitStore("redis://127.0.0.1:6379/0")
    client = th.Client(url, auth=auth, rate_limit=th.RateLimit(per_second=40, store=store))
    ```

    Give it a URL (``redis://``, ``rediss://`` or ``unix://``) or your own
    ``redis.asyncio.Redis`` as ``client=`` (you close that one). One store
    serves any number of clients and accounts. When Redis cannot be reached,
    clients keep working on their own limiter (see ``RateLimit``) and rejoin
    once it answers again. ``clock`` pins the time the scripts use (tests).
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        client: aioredis.Redis | None = None,
        socket_timeout: float = 2.0,
        clock: Any = None,
    ) -> None:
        try:
            import redis.asyncio as aioredis
        except ImportError as exc:  # pragma: no cover - exercised only without the extra
            raise ImportError(
                "RedisLimitStore needs the redis extra: pip install 'thulium-async[redis]'"
            ) from exc
        if (url is None) == (client is None):
            raise InputError("RedisLimitStore", "a Redis URL or client=, exactly one", None)
        if client is None:
            try:
                client = aioredis.Redis.from_url(
                    str(url),
                    socket_timeout=socket_timeout,
                    socket_connect_timeout=socket_timeout,
                )
            except ValueError as exc:
                raise InputError(
                    "RedisLimitStore.url", f"a redis://, rediss:// or unix:// URL ({exc})", None
                ) from None
        self._owns = url is not None
        self._redis = client
        self._clock = clock
        self._acquire = client.register_script(_ACQUIRE)
        self._overloaded = client.register_script(_OVERLOADED)
        from redis import exceptions

        self._unreachable: tuple[type[BaseException], ...] = (
            exceptions.ConnectionError,
            exceptions.TimeoutError,
            exceptions.BusyLoadingError,
            OSError,
        )
        self._refused: tuple[type[BaseException], ...] = (
            exceptions.AuthenticationError,
            exceptions.AuthorizationError,
            exceptions.NoPermissionError,
        )
        self._response_error = exceptions.ResponseError

    async def _call(self, call: Awaitable[T]) -> T:
        """Run one Redis command: a login refusal is the caller's error, an outage is not."""
        try:
            return await call
        except self._refused as exc:
            raise self._login_error(exc) from None
        except self._response_error as exc:
            if str(exc).startswith(("NOAUTH", "WRONGPASS", "NOPERM")):
                raise self._login_error(exc) from None
            raise
        except self._unreachable as exc:
            raise StoreUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def _login_error(self, exc: BaseException) -> InputError:
        reason = str(exc).split(" ", 1)[0] or type(exc).__name__
        return InputError(
            "RateLimit.store",
            f"a Redis this client may log in to and use ({reason}: check the URL's user "
            "and password)",
            repr(self),
        )

    def __repr__(self) -> str:
        pool = getattr(self._redis, "connection_pool", None)
        kwargs = getattr(pool, "connection_kwargs", {})
        where = f"{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)}"
        return f"<RedisLimitStore {where}>"  # never the URL: it may hold a password

    def _now(self) -> str:
        return "" if self._clock is None else repr(float(self._clock()))

    async def acquire(self, key: str, lease: str, config: RateLimit) -> Grant:
        """Reserve a start on the shared pace and a concurrency lease (one round trip)."""
        c = SHARED_CONSTANTS
        reply = await self._call(
            self._acquire(
                keys=[f"{_PREFIX}{key}:state", f"{_PREFIX}{key}:leases"],
                args=[
                    lease,
                    "" if config.per_second is None else repr(config.per_second),
                    config.burst,
                    config.max_concurrency,
                    config.lease_seconds,
                    c["beta"],
                    c["recover"],
                    c["cubic"],
                    c["probe"],
                    c["min_rate"],
                    self._now(),
                    _FULL_WAIT,
                    _IDLE_MS,
                ],
            )
        )
        granted, wait, now, epoch, rate = (_text(part) for part in reply)
        return Grant(
            granted=granted == "1",
            wait=float(wait),
            now=float(now),
            epoch=float(epoch),
            rate=float(rate) if rate else None,
        )

    async def release(self, key: str, lease: str) -> None:
        """Give a concurrency lease back."""
        await self._call(self._redis.zrem(f"{_PREFIX}{key}:leases", lease))

    async def overloaded(
        self,
        key: str,
        config: RateLimit,
        *,
        reserved: float,
        share: float,
        sent_rate: float,
        retry_after: float | None,
    ) -> None:
        """Lower the shared pace (once per overload: a report older than the last is dropped)."""
        c = SHARED_CONSTANTS
        await self._call(
            self._overloaded(
                keys=[f"{_PREFIX}{key}:state"],
                args=[
                    repr(reserved),
                    repr(share),
                    repr(sent_rate),
                    "" if retry_after is None else repr(retry_after),
                    "" if config.per_second is None else repr(config.per_second),
                    "1" if config.adaptive else "0",
                    c["beta"],
                    c["max_cut"],
                    c["sustained"],
                    c["min_rate"],
                    self._now(),
                ],
            )
        )

    async def ping(self) -> None:
        """Check that Redis answers (and that the password is right); raise otherwise."""
        await self._call(self._redis.ping())

    async def aclose(self) -> None:
        """Close the connections if this store opened them (a given ``client=`` is yours)."""
        if self._owns:
            await self._redis.aclose()


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
