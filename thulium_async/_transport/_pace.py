"""The pace calculation: when may the next request start? Pure arithmetic, no waiting.

Pacing is GCRA ("virtual scheduling"): keep a theoretical arrival time (TAT);
a request may start once ``now >= TAT - (burst - 1) * interval`` and each start
pushes TAT by one interval. Each caller reserves its slot before it waits, so
waiters leave in order at even spacing instead of racing for the same instant.

Finding a limit nobody documented (``RateLimit.adaptive``):

- **Over the limit or not?** One 429 says little: a server may refuse a few
  requests for reasons of its own. The pace is over the limit when, among the
  answers to requests started since the last adjustment, at least
  ``_MIN_429S`` are 429 and they are at least ``_OVER_SHARE`` of them. A lone
  429 only delays its own retry (its Retry-After, in the retry policy).
- **Where is the limit?** While a server throttles, what it accepts is its
  limit: the estimate is the pace times the share of answers accepted since
  the oldest 429 of the last ``_WINDOW`` seconds (never above the pace that
  drew the 429s). Slots reserved at the old pace are void, and the schedule
  restarts from the adjustment, so no request waits behind them.
- **Back off and probe like CUBIC** (TCP's congestion control, and botocore's
  adaptive retry mode): pace at ``_BETA`` of the estimate, climb back to it
  along a cubic curve in ``_RECOVER`` seconds, stay near it, then probe above
  it faster and faster, so a raised limit is found within seconds and a
  steady one is touched rarely. A configured ``per_second`` is a ceiling.
- **Pause everyone only when it helps**: a second overload soon after the
  first means lowering the pace did not stop the 429s (a fixed-window limit,
  say), so new requests wait for the Retry-After.

Every method takes the time it acts at, so the whole calculation is tested
without sleeping; the gate (``Limiter``) does the waiting.
"""

from __future__ import annotations

import math
from collections import deque

import attrs

from .._config import RateLimit

__all__ = ["Overload", "Pace"]

_BETA = 0.97  # after an overload, pace at this share of the estimated limit
_RECOVER = 8.0  # seconds to climb back to the estimate (CUBIC's K)
_CUBIC = (1.0 - _BETA) / _RECOVER**3  # so that the curve starts at _BETA
_PROBE = 1e-4  # past the estimate: +5 % after 8 s, twice it after 21 s
_MAX_CUT = 0.5  # one overload lowers the pace to no less than half
_MIN_429S = 2  # 429s among recent answers before they mean "over the limit" ...
_OVER_SHARE = 0.05  # ... when they are also at least this share of those answers
_WINDOW = 2.0  # seconds of answers an estimate looks back over, at most
_SUSTAINED = 2.0  # an overload this soon after the last one also pauses everyone
_MIN_RATE = 0.5  # never settle below one request every two seconds


@attrs.frozen
class Overload:
    """What 429s said when they meant "over the limit": a shared store applies the same."""

    share: float
    """Of the answers since the first 429 of the episode, the accepted share."""
    sent_rate: float
    """The pace (requests/s) the refused requests were sent at."""
    retry_after: float | None


class Pace:
    """One client's pace: reservations, pauses and the adaptive estimate of the limit."""

    def __init__(self, config: RateLimit, *, now: float) -> None:
        self.config = config
        self._ceiling = config.per_second
        self._adaptive = config.adaptive
        self._rate = config.per_second
        self._interval = 1.0 / config.per_second if config.per_second else 0.0
        self._tat = 0.0
        self._paused_until = 0.0
        self._estimate: float | None = None  # the limit learned at the last overload
        self._epoch = -math.inf  # when the pace was last adjusted
        self._last_overload = -math.inf
        # Answers to requests started since _epoch (older ones describe an old
        # pace), counted in two half windows so estimates never look back further
        # than _WINDOW nor over less than half of it once it has run that long.
        self._since = now
        self._accepted = 0
        self._refused = 0
        self._grants = 0
        self._older = (0, 0, 0)
        self._window_start = now
        # Answers since the first 429 of the last _WINDOW seconds: before it, a
        # full bucket may have accepted a burst that says nothing about the
        # limit. Each recent 429 is kept with the running totals before it, so
        # the episode can start at the oldest one still recent.
        self._recent_429s: deque[tuple[float, int, int]] = deque()
        self._total_accepted = 0
        self._total_refused = 0
        self.overloads = 0
        """How many times 429s said the pace was over the limit."""

    @property
    def rate(self) -> float | None:
        """Requests per second paced at now; None when unpaced."""
        return self._rate

    @property
    def estimate(self) -> float | None:
        """The server's limit as learned from its 429s (requests/s); None until one."""
        return self._estimate

    @property
    def adjusted_at(self) -> float:
        """When the pace last changed after an overload: slots reserved before it are void."""
        return self._epoch

    @property
    def paused_until(self) -> float:
        """Time until which no request starts."""
        return self._paused_until

    def reserve(self, now: float) -> float:
        """Seconds until a request asking at ``now`` may start; 0.0 means at once.

        Outside a pause the slot is reserved: the caller starts after the wait.
        During a pause nothing is reserved and the rest of the pause is
        returned: the caller asks again once it is over.
        """
        if self._paused_until > now:
            return self._paused_until - now
        self._count_grant(now)
        if self._estimate is not None:
            self._follow_curve(now)
        if self._interval <= 0.0:
            return 0.0
        tat = max(self._tat, now)
        allowed_at = tat - (self.config.burst - 1) * self._interval
        self._tat = tat + self._interval
        return max(0.0, allowed_at - now)

    def follow(self, now: float, rate: float | None) -> None:
        """A shared store granted a start at its pace ``rate``: count it, and pace at it.

        The shared pace wins over what this client learned alone, so overload
        reports name the rate the account was sent at, and a fallback starts there.
        """
        self._count_grant(now)
        if rate is not None:
            self._set_rate(rate)

    def pause(self, now: float, seconds: float) -> None:
        """Hold every new request for ``seconds`` from ``now``."""
        if seconds <= 0:
            return
        until = now + seconds
        if until > self._paused_until:
            self._paused_until = until
            self._tat = 0.0  # restart pacing after the pause; no catch-up burst

    def observe(
        self, now: float, *, started: float, throttled: bool, retry_after: float | None = None
    ) -> Overload | None:
        """Learn from one answer to a request started at ``started``; the overload, if any.

        Answers to requests started before the last adjustment are ignored:
        they describe the pace that was already corrected.
        """
        if started < self._epoch:
            return None
        if not throttled:
            self._accepted += 1
            self._total_accepted += 1
            return None
        self._refused += 1
        self._recent_429s.append((now, self._total_accepted, self._total_refused))
        self._total_refused += 1
        accepted, refused, _ = self._counts()
        if refused < _MIN_429S or refused < _OVER_SHARE * (accepted + refused):
            return None
        return self._overload(now, self._episode(now), retry_after)

    def _counts(self) -> tuple[int, int, int]:
        accepted, refused, grants = self._older
        return accepted + self._accepted, refused + self._refused, grants + self._grants

    def _episode(self, now: float) -> tuple[int, int]:
        """(accepted, refused) answers since the oldest 429 of the last ``_WINDOW`` seconds."""
        recent = self._recent_429s
        while now - recent[0][0] > _WINDOW:
            recent.popleft()
        _, accepted_before, refused_before = recent[0]
        return self._total_accepted - accepted_before, self._total_refused - refused_before

    def _overload(
        self, now: float, episode: tuple[int, int], retry_after: float | None
    ) -> Overload:
        self.overloads += 1
        _, _, grants = self._counts()
        span = max(1e-3, now - self._window_start)
        accepted, refused = episode
        signal = Overload(
            share=accepted / (accepted + refused),
            sent_rate=self._rate if self._rate is not None else grants / span,
            retry_after=retry_after,
        )
        self.adjust(now, signal)
        return signal

    def adjust(self, now: float, overload: Overload) -> None:
        """Apply an overload at ``now``: the estimate, the pace, and a pause if sustained."""
        if self._adaptive:
            self._estimate = estimate_limit(overload, self._ceiling)
            self._set_rate(max(_MIN_RATE, _BETA * self._estimate))
        if now - self._last_overload <= _SUSTAINED and overload.retry_after:
            self.pause(now, overload.retry_after)
        self._last_overload = now
        self._epoch = now
        self._tat = min(self._tat, now + self._interval)
        self._restart_window(now)

    def forget(self, now: float) -> None:
        """Drop what was counted (the shared pace changed elsewhere): count afresh from ``now``."""
        self._epoch = max(self._epoch, now)
        self._restart_window(now)

    def _follow_curve(self, now: float) -> None:
        assert self._estimate is not None
        self._set_rate(curve(self._estimate, now - self._epoch, self._ceiling))

    def _count_grant(self, now: float) -> None:
        self._grants += 1
        if now - self._since > _WINDOW / 2:
            self._roll_window(now)

    def _roll_window(self, now: float) -> None:
        self._older = (self._accepted, self._refused, self._grants)
        self._window_start = self._since
        self._since = now
        self._accepted = self._refused = self._grants = 0

    def _restart_window(self, now: float) -> None:
        self._older = (0, 0, 0)
        self._window_start = self._since = now
        self._accepted = self._refused = self._grants = 0
        self._recent_429s.clear()
        self._total_accepted = self._total_refused = 0

    def _set_rate(self, rate: float) -> None:
        self._rate = rate
        self._interval = 1.0 / rate


def estimate_limit(overload: Overload, ceiling: float | None) -> float:
    """The server's limit read from an overload.

    Over an empty token bucket the accepted share of what is sent is limit /
    pace. A few answers make a noisy share: never cut deeper than by half at once.
    """
    estimate = overload.sent_rate * max(_MAX_CUT, overload.share)
    if ceiling is not None:
        estimate = min(estimate, ceiling)
    return max(_MIN_RATE, estimate)


def curve(estimate: float, elapsed: float, ceiling: float | None) -> float:
    """The pace ``elapsed`` seconds after an overload that estimated the limit at ``estimate``.

    CUBIC: W(t) = W_max * (1 + c (t - K)^3): from BETA * W_max, flat near W_max
    around K, then probing beyond it faster and faster.
    """
    beyond = elapsed - _RECOVER
    rate = estimate * (1.0 + (_PROBE if beyond > 0 else _CUBIC) * beyond**3)
    if ceiling is not None:
        rate = min(rate, ceiling)
    return max(_MIN_RATE, rate)


#: The constants a shared store needs to follow the same curve and rules.
SHARED_CONSTANTS = {
    "beta": _BETA,
    "recover": _RECOVER,
    "cubic": _CUBIC,
    "probe": _PROBE,
    "max_cut": _MAX_CUT,
    "sustained": _SUSTAINED,
    "min_rate": _MIN_RATE,
    "min_429s": _MIN_429S,
    "over_share": _OVER_SHARE,
    "window": _WINDOW,
}
