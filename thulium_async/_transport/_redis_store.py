"""One account's rate budget shared through Redis (the ``redis`` extra).

Every client of an account, in any process on any host, spends one budget:

- **the pace**: GCRA on the Redis server's clock, one atomic script per
  grant, so no two workers spend the same slot;
- **the pause**: an overload that calls for one holds every worker;
- **the adaptive estimate**: one shared estimate of the limit and one curve
  back up (the same arithmetic and rules as ``_pace.py``, whose constants the
  scripts receive). Every worker's answers count together: a 429 is reported
  at once, acceptances ride along with the next reservation, and the account
  is over its limit when its 429s say so, not when one worker's handful of
  answers happens to. One worker sees a quarter of the answers with four
  workers: alone, its noisy share kept cutting the pace in half;
- **starts reserved at an old pace are void**: a start that waited its turn
  is confirmed before it goes, so none leaves after the pace was lowered or
  during a pause;
- **max_concurrency**: leases in a sorted set, scored by their expiry, so
  the slots of a worker killed with SIGKILL come back after ``lease_seconds``.

Scripts run with EVALSHA and are loaded again when the server answers NOSCRIPT
(redis-py's ``Script``). State lives under ``thulium:limit:<key>:*`` and
expires after an hour without use.
"""

from __future__ import annotations

import json
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
_CONSTANTS = json.dumps(SHARED_CONSTANTS)  # the same arithmetic and rules as _pace.py

# Shared by the scripts: the clock, the pace along the curve, and the answers
# counted account-wide since the last adjustment, in two half windows (as
# ``Pace`` counts one client's), with running totals for the episode's share.
_COMMON = """
local function clock(arg)
  local now = tonumber(arg)
  if not now then
    local t = redis.call('TIME')
    now = tonumber(t[1]) + tonumber(t[2]) / 1000000
  end
  return now
end
local function pace_at(now, estimate, epoch, ceiling, c)
  local rate = ceiling
  if estimate then
    local beyond = now - epoch - c.recover
    local gain = c.cubic
    if beyond > 0 then gain = c.probe end
    rate = estimate * (1 + gain * beyond * beyond * beyond)
    if ceiling and rate > ceiling then rate = ceiling end
    if rate < c.min_rate then rate = c.min_rate end
  end
  return rate
end
local function count(state, now, half, accepted, refused)
  local s = redis.call('HMGET', state, 'h_start', 'h_acc', 'h_ref', 'o_acc', 'o_ref',
                       'acc', 'ref')
  local h_start = tonumber(s[1]) or now
  local h_acc, h_ref = tonumber(s[2]) or 0, tonumber(s[3]) or 0
  local o_acc, o_ref = tonumber(s[4]) or 0, tonumber(s[5]) or 0
  if now - h_start > half then
    if now - h_start > 2 * half then o_acc, o_ref = 0, 0 else o_acc, o_ref = h_acc, h_ref end
    h_acc, h_ref, h_start = 0, 0, now
  end
  h_acc, h_ref = h_acc + accepted, h_ref + refused
  local acc = (tonumber(s[6]) or 0) + accepted
  local ref = (tonumber(s[7]) or 0) + refused
  redis.call('HSET', state, 'h_start', tostring(h_start), 'h_acc', h_acc, 'h_ref', h_ref,
             'o_acc', o_acc, 'o_ref', o_ref, 'acc', acc, 'ref', ref)
  return o_acc + h_acc, o_ref + h_ref, acc, ref
end
local function same_epoch(a, b)
  return a and b and math.abs(a - b) < 1e-6
end
"""

# KEYS: state hash, leases zset. ARGV: lease, per_second|"", burst, max_concurrency,
# lease_seconds, constants (JSON), now|"", full wait, idle ms, accepted, their epoch.
_ACQUIRE = (
    _COMMON
    + """
local c = cjson.decode(ARGV[6])
local now = clock(ARGV[7])
local s = redis.call('HMGET', KEYS[1], 'tat', 'paused_until', 'estimate', 'epoch')
local tat = tonumber(s[1]) or 0
local paused = tonumber(s[2]) or 0
local estimate = tonumber(s[3])
local epoch = tonumber(s[4]) or 0
local accepted = tonumber(ARGV[10])
if accepted > 0 and same_epoch(tonumber(ARGV[11]), epoch) then
  count(KEYS[1], now, c.window / 2, accepted, 0)
end
if paused > now then
  return {'0', tostring(paused - now), tostring(now), tostring(epoch), ''}
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
-- A start reserved again (its first was void) already holds its lease.
if not redis.call('ZSCORE', KEYS[2], ARGV[1])
   and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  return {'0', ARGV[8], tostring(now), tostring(epoch), ''}
end
local rate = pace_at(now, estimate, epoch, tonumber(ARGV[2]), c)
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
redis.call('PEXPIRE', KEYS[1], ARGV[9])
redis.call('PEXPIRE', KEYS[2], ARGV[9])
return {'1', tostring(wait), tostring(now), tostring(epoch), tostring(rate or '')}
"""
)

# KEYS: state hash. ARGV: reserved, now|"".
_CONFIRM = (
    _COMMON
    + """
local now = clock(ARGV[2])
local s = redis.call('HMGET', KEYS[1], 'paused_until', 'epoch')
local paused = tonumber(s[1]) or 0
if paused > now then return tostring(paused - now) end
if tonumber(ARGV[1]) < (tonumber(s[2]) or 0) then return '0' end
return ''
"""
)

# KEYS: state hash, recent 429s list. ARGV: reserved, accepted, their epoch,
# retry_after|"", per_second|"", adaptive (1/0), constants (JSON), now|"", idle ms.
_THROTTLED = (
    _COMMON
    + """
local c = cjson.decode(ARGV[7])
local now = clock(ARGV[8])
local s = redis.call('HMGET', KEYS[1], 'epoch', 'last_overload', 'paused_until',
                    'estimate', 'sent_rate', 'window_start', 'window_grants', 'tat')
local epoch = tonumber(s[1]) or 0
local half = c.window / 2
local accepted = tonumber(ARGV[2])
if not same_epoch(tonumber(ARGV[3]), epoch) then accepted = 0 end
if tonumber(ARGV[1]) < epoch then
  -- A 429 to a request sent at a pace already corrected says nothing new.
  if accepted > 0 then count(KEYS[1], now, half, accepted, 0) end
  return 0
end
local recent_acc, refused, acc, ref = count(KEYS[1], now, half, accepted, 1)
redis.call('RPUSH', KEYS[2], tostring(now) .. ' ' .. acc .. ' ' .. (ref - 1))
redis.call('PEXPIRE', KEYS[1], ARGV[9])
redis.call('PEXPIRE', KEYS[2], ARGV[9])
if refused < c.min_429s or refused < c.over_share * (recent_acc + refused) then return 0 end
-- Over the limit. The share accepted since the oldest 429 still recent: before
-- it, a full bucket may have accepted a burst that says nothing of the limit.
local first = redis.call('LINDEX', KEYS[2], 0)
while first do
  local t = tonumber(string.match(first, '^(%S+)'))
  if now - t <= c.window then break end
  redis.call('LPOP', KEYS[2])
  first = redis.call('LINDEX', KEYS[2], 0)
end
local _, acc_before, ref_before = string.match(first, '^(%S+) (%S+) (%S+)$')
local episode_acc = acc - tonumber(acc_before)
local episode_ref = ref - tonumber(ref_before)
local share = episode_acc / (episode_acc + episode_ref)
local ceiling = tonumber(ARGV[5])
if ARGV[6] == '1' then
  local estimate = tonumber(s[4])
  local sent
  if estimate then
    sent = pace_at(now, estimate, epoch, ceiling, c)
  elseif ceiling then
    sent = ceiling
  else
    -- Unpaced: the whole account's rate, not one worker's part.
    local start = tonumber(s[6]) or now
    sent = (tonumber(s[7]) or 0) / math.max(now - start, 0.1)
    if tonumber(s[5]) and tonumber(s[5]) > sent then sent = tonumber(s[5]) end
  end
  if share < c.max_cut then share = c.max_cut end
  estimate = sent * share
  if ceiling and estimate > ceiling then estimate = ceiling end
  if estimate < c.min_rate then estimate = c.min_rate end
  redis.call('HSET', KEYS[1], 'estimate', tostring(estimate))
  -- Starts reserved at the old pace are void: the schedule restarts from now.
  local interval = 1 / (c.beta * estimate)
  if (tonumber(s[8]) or 0) > now + interval then
    redis.call('HSET', KEYS[1], 'tat', tostring(now + interval))
  end
end
local last = tonumber(s[2]) or -1e18
local retry_after = tonumber(ARGV[4])
if retry_after and now - last <= c.sustained then
  local paused = tonumber(s[3]) or 0
  if now + retry_after > paused then
    redis.call('HSET', KEYS[1], 'paused_until', tostring(now + retry_after), 'tat', '0')
  end
end
redis.call('HSET', KEYS[1], 'epoch', tostring(now), 'last_overload', tostring(now))
redis.call('HDEL', KEYS[1], 'h_start', 'h_acc', 'h_ref', 'o_acc', 'o_ref', 'acc', 'ref')
redis.call('DEL', KEYS[2])
return 1
"""
)


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
        self._confirm = client.register_script(_CONFIRM)
        self._throttled = client.register_script(_THROTTLED)
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

    def _keys(self, key: str) -> tuple[str, str, str]:
        """The account's state hash, leases sorted set and recent-429s list."""
        return f"{_PREFIX}{key}:state", f"{_PREFIX}{key}:leases", f"{_PREFIX}{key}:recent"

    async def acquire(
        self, key: str, lease: str, config: RateLimit, *, accepted: int = 0, epoch: float = 0.0
    ) -> Grant:
        """Reserve a start on the shared pace and a concurrency lease (one round trip)."""
        state, leases, _ = self._keys(key)
        reply = await self._call(
            self._acquire(
                keys=[state, leases],
                args=[
                    lease,
                    "" if config.per_second is None else repr(config.per_second),
                    config.burst,
                    config.max_concurrency,
                    config.lease_seconds,
                    _CONSTANTS,
                    self._now(),
                    _FULL_WAIT,
                    _IDLE_MS,
                    accepted,
                    repr(epoch),
                ],
            )
        )
        granted, wait, now, shared_epoch, rate = (_text(part) for part in reply)
        return Grant(
            granted=granted == "1",
            wait=float(wait),
            now=float(now),
            epoch=float(shared_epoch),
            rate=float(rate) if rate else None,
        )

    async def confirm(self, key: str, reserved: float) -> float | None:
        """None when a start reserved at ``reserved`` stands; else seconds to wait first."""
        state, _, _ = self._keys(key)
        reply = _text(
            await self._call(self._confirm(keys=[state], args=[repr(reserved), self._now()]))
        )
        return float(reply) if reply else None

    async def release(self, key: str, lease: str) -> None:
        """Give a concurrency lease back."""
        await self._call(self._redis.zrem(self._keys(key)[1], lease))

    async def throttled(
        self,
        key: str,
        config: RateLimit,
        *,
        reserved: float,
        accepted: int,
        epoch: float,
        retry_after: float | None,
    ) -> bool:
        """Count a 429 account-wide; True when the 429s together lowered the shared pace."""
        state, _, recent = self._keys(key)
        reply = await self._call(
            self._throttled(
                keys=[state, recent],
                args=[
                    repr(reserved),
                    accepted,
                    repr(epoch),
                    "" if retry_after is None else repr(retry_after),
                    "" if config.per_second is None else repr(config.per_second),
                    "1" if config.adaptive else "0",
                    _CONSTANTS,
                    self._now(),
                    _IDLE_MS,
                ],
            )
        )
        return bool(int(reply))

    async def ping(self) -> None:
        """Check that Redis answers (and that the password is right); raise otherwise."""
        await self._call(self._redis.ping())

    async def aclose(self) -> None:
        """Close the connections if this store opened them (a given ``client=`` is yours)."""
        if self._owns:
            await self._redis.aclose()


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
