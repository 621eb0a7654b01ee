"""The pace calculation: when may the next request start? Pure arithmetic, no waiting.

Pacing is GCRA ("virtual scheduling"): keep a theoretical arrival time (TAT);
a request may start once ``now >= TAT - (burst - 1) * interval`` and each start
pushes TAT by one interval. Each caller reserves its slot before it waits, so
waiters leave in order at even spacing instead of racing for the same instant.

Adaptation is AIMD: repeated 429s halve the pace; quiet seconds raise it 5 %
at a time, approaching the pace that last drew a 429 slowly and never passing
a configured ``per_second``. Every method takes the time it should act at, so
the whole calculation is tested without sleeping.
"""

from __future__ import annotations

from .._config import RateLimit

__all__ = ["Pace"]

_DECREASE = 0.5  # multiplicative decrease on a 429 (AIMD)
_INCREASE = 1.05  # multiplicative probe up per quiet second
_NEAR_LIMIT = 0.9  # probe up to this share of the pace that last drew a 429 ...
_FORGET = 10.0  # ... and raise that mark 5 % per this many quiet seconds
_MIN_RATE = 0.5  # never settle below one request every two seconds
_SUSTAINED = 5.0  # a 429 within this many seconds of another is overload, not a hiccup


class Pace:
    """One client's pace: reservations, 429 pauses and the adaptive rate."""

    def __init__(self, config: RateLimit, *, now: float) -> None:
        self.config = config
        self._ceiling = config.per_second
        self._rate = config.per_second
        self._interval = 1.0 / config.per_second if config.per_second else 0.0
        self._tat = 0.0
        self._paused_until = 0.0
        self._adaptive = config.adaptive
        self._limit_seen: float | None = None  # the pace that last drew a 429
        # Throughput window for adaptation: grants since _window_start.
        self._window_start = now
        self._window_grants = 0
        self._last_throttle = float("-inf")
        self._last_429 = float("-inf")

    @property
    def rate(self) -> float | None:
        """Requests per second paced at now; None when unpaced."""
        return self._rate

    @property
    def paused_until(self) -> float:
        """Time until which no request starts (after a 429 with Retry-After)."""
        return self._paused_until

    def reserve(self, now: float) -> float:
        """Seconds until a request asking at ``now`` may start; 0.0 means at once.

        Outside a pause the slot is reserved: the caller starts after the wait.
        During a pause nothing is reserved and the rest of the pause is
        returned: the caller asks again once it is over.
        """
        if self._paused_until > now:
            return self._paused_until - now
        self._note_grant(now)
        if self._interval <= 0.0:
            return 0.0
        tat = max(self._tat, now)
        allowed_at = tat - (self.config.burst - 1) * self._interval
        self._tat = tat + self._interval
        return max(0.0, allowed_at - now)

    def pause(self, now: float, seconds: float) -> None:
        """Hold every new request for ``seconds`` from ``now`` (a 429's Retry-After)."""
        if seconds <= 0:
            return
        until = now + seconds
        if until > self._paused_until:
            self._paused_until = until
            self._tat = 0.0  # restart pacing after the pause; no catch-up burst

    def throttled(self, now: float) -> None:
        """A 429 arrived at ``now``: when adaptive, lower the pace once per burst of 429s.

        A lone 429 (none other within ``_SUSTAINED`` seconds) only pauses, through
        its Retry-After: a server hiccup must not slow a sparse client for long.
        """
        if not self._adaptive:
            return
        sustained = now - self._last_429 <= _SUSTAINED
        self._last_429 = now
        if not sustained:
            return
        # Requests in flight together all get 429 together; count one decrease
        # per interval of the old pace (at least 100 ms) so one burst is one signal.
        if now - self._last_throttle < max(0.1, self._interval):
            return
        self._last_throttle = now
        observed = self._observed_rate(now)
        base = self._rate if self._rate is not None else observed
        if self._rate is not None and observed > 0:
            base = min(base, observed)
        self._limit_seen = base
        self._set_rate(max(_MIN_RATE, base * _DECREASE))

    def _observed_rate(self, now: float) -> float:
        elapsed = now - self._window_start
        return self._window_grants / elapsed if elapsed > 0 else float(self._window_grants)

    def _note_grant(self, now: float) -> None:
        self._window_grants += 1
        if now - self._window_start < 1.0:
            return
        quiet = now - self._last_throttle
        if self._adaptive and self._rate is not None and quiet >= 1.0:
            probed = self._rate * _INCREASE
            if self._limit_seen is not None:
                # Approach the pace that failed last time slowly, not past it.
                self._limit_seen *= _INCREASE ** min(1.0, (now - self._window_start) / _FORGET)
                probed = min(probed, max(self._rate, _NEAR_LIMIT * self._limit_seen))
            if self._ceiling is not None:
                probed = min(probed, self._ceiling)
            self._set_rate(probed)
        self._window_start = now
        self._window_grants = 0

    def _set_rate(self, rate: float) -> None:
        self._rate = rate
        self._interval = 1.0 / rate
