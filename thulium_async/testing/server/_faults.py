"""Planned, seeded faults: latency, error answers, throttling, limits, dropped connections."""

from __future__ import annotations

import enum
import fnmatch
import math
import random
import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs

__all__ = ["Fault", "FaultInjector", "FaultPlan"]


class Fault(enum.Enum):
    """A fault the fake can inject into one request."""

    #: 500 with a Thulium error body.
    SERVER_ERROR_500 = "500"
    #: 502 with a Thulium error body.
    SERVER_ERROR_502 = "502"
    #: 503 with a Thulium error body.
    SERVER_ERROR_503 = "503"
    #: 429 with ``Retry-After``.
    TOO_MANY_REQUESTS_429 = "429"
    #: The connection dies before the request is applied: nothing changed.
    DROP_BEFORE_COMMIT = "drop_before_commit"
    #: The request is applied, then the connection dies before a complete answer.
    DROP_AFTER_COMMIT = "drop_after_commit"

    @property
    def status(self) -> int | None:
        """The HTTP status this fault answers with; None for dropped connections."""
        return int(self.value) if self.value.isdigit() else None


def _rate(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"FaultPlan.{attribute.name} must be within [0, 1], got {value!r}")


def _non_negative(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if value < 0:
        raise ValueError(f"FaultPlan.{attribute.name} must be >= 0, got {value!r}")


def _positive_or_none(instance: Any, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and value <= 0:
        raise ValueError(f"FaultPlan.{attribute.name} must be > 0, got {value!r}")


def _frozen_plan(value: Mapping[int, Fault]) -> Mapping[int, Fault]:
    for number, fault in value.items():
        if not isinstance(number, int) or number < 1 or not isinstance(fault, Fault):
            raise ValueError("FaultPlan.on_requests maps request numbers >= 1 to Fault members")
    return MappingProxyType(dict(value))


def _limit_steps(steps: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    ordered = tuple(sorted((float(after), float(rate)) for after, rate in steps))
    if any(after < 0 or rate <= 0 for after, rate in ordered):
        raise ValueError("FaultPlan.rate_limit_changes are (seconds >= 0, requests/s > 0) pairs")
    return ordered


@attrs.frozen(kw_only=True)
class FaultPlan:
    """What goes wrong, and how often; reproducible for a given ``FakeThulium(seed=...)``.

    - ``latency`` + uniform ``[0, jitter]`` seconds before every answer.
    - ``error_500_rate``, ``error_502_rate``, ``error_503_rate``: share of requests
      answered with that status; ``throttle_rate``: share answered 429 with
      ``Retry-After: retry_after`` (seconds).
    - ``drop_before_commit_rate`` / ``drop_after_commit_rate``: share of requests whose
      connection is cut without a complete answer, before or after the change is
      applied (the second is the ambiguous case a client cannot tell from the first).
    - ``rate_limit`` requests/s with ``burst`` (token bucket, default burst =
      ``ceil(rate_limit)``): above it, 429 with ``Retry-After`` = whole seconds until
      the next token (at least 1). ``rate_limit_changes=((30.0, 20.0), (50.0, 40.0))``
      sets the limit to 20/s 30 s after the plan is installed and back to 40/s at 50 s
      (an account whose limit moves under a running client).
    - ``max_concurrency`` requests in flight: the one above it is answered
      ``concurrency_status``, 503 by default (what nginx's ``limit_conn`` sends), or 429
      with ``Retry-After: 1``.
    - ``on_requests={3: Fault.SERVER_ERROR_503, ...}``: faults on given request numbers
      (1-based, counted from when the plan was installed). With ``on_requests_match``
      (an fnmatch glob such as ``"POST batch/outbounds/*/records"`` or a bare path glob)
      only matching requests are counted and faulted.

    A planned fault wins over the limits, which win over the random rates. Random
    draws happen once per request in arrival order, so the n-th request meets the
    same fault in every run with the same seed.
    """

    latency: float = attrs.field(default=0.0, validator=_non_negative)
    jitter: float = attrs.field(default=0.0, validator=_non_negative)
    error_500_rate: float = attrs.field(default=0.0, validator=_rate)
    error_502_rate: float = attrs.field(default=0.0, validator=_rate)
    error_503_rate: float = attrs.field(default=0.0, validator=_rate)
    throttle_rate: float = attrs.field(default=0.0, validator=_rate)
    retry_after: int = attrs.field(default=1, validator=_non_negative)
    drop_before_commit_rate: float = attrs.field(default=0.0, validator=_rate)
    drop_after_commit_rate: float = attrs.field(default=0.0, validator=_rate)
    rate_limit: float | None = attrs.field(default=None, validator=_positive_or_none)
    burst: int | None = attrs.field(default=None, validator=_positive_or_none)
    rate_limit_changes: tuple[tuple[float, float], ...] = attrs.field(
        default=(), converter=_limit_steps
    )
    max_concurrency: int | None = attrs.field(default=None, validator=_positive_or_none)
    concurrency_status: Literal[429, 503] = attrs.field(
        default=503, validator=attrs.validators.in_((429, 503))
    )
    on_requests: Mapping[int, Fault] = attrs.field(factory=dict, converter=_frozen_plan)
    on_requests_match: str | None = None

    def __attrs_post_init__(self) -> None:
        if sum(rate for rate, _ in self.random_faults()) > 1.0:
            raise ValueError("FaultPlan rates add up to more than 1")

    def random_faults(self) -> list[tuple[float, Fault]]:
        """(rate, fault) pairs of the random faults, in the order they are drawn."""
        return [
            (self.error_500_rate, Fault.SERVER_ERROR_500),
            (self.error_502_rate, Fault.SERVER_ERROR_502),
            (self.error_503_rate, Fault.SERVER_ERROR_503),
            (self.throttle_rate, Fault.TOO_MANY_REQUESTS_429),
            (self.drop_before_commit_rate, Fault.DROP_BEFORE_COMMIT),
            (self.drop_after_commit_rate, Fault.DROP_AFTER_COMMIT),
        ]


# (fault or None, Retry-After seconds or None, why: planned/concurrency/rate_limit/random)
Decision = tuple[Fault | None, int | None, str]


class FaultInjector:
    """The running state of a plan: random streams, counts and the token bucket."""

    def __init__(self, plan: FaultPlan, seed: int, clock: Callable[[], float]) -> None:
        self.plan = plan
        self._draws = random.Random(f"{seed}:faults")
        self._delays = random.Random(f"{seed}:latency")
        self._thresholds: list[tuple[float, Fault]] = []
        total = 0.0
        for rate, fault in plan.random_faults():
            if rate:
                total += rate
                self._thresholds.append((total, fault))
        self._clock = clock
        self._burst = float(plan.burst or math.ceil(plan.rate_limit or 1))
        self._tokens = self._burst
        self._last = self._installed = clock()
        self._counted = 0
        pattern = plan.on_requests_match
        self._pattern = re.compile(fnmatch.translate(pattern)) if pattern else None
        self._with_method = bool(pattern and " " in pattern)

    def delay(self) -> float:
        """Seconds to wait before answering this request."""
        plan = self.plan
        if plan.jitter:
            return plan.latency + plan.jitter * self._delays.random()
        return plan.latency

    def decide(self, method: str, path: str, in_flight: int) -> Decision:
        """The fault for a request that just arrived (``path`` relative to ``/api/``)."""
        plan = self.plan
        planned = None
        if plan.on_requests and (
            self._pattern is None
            or self._pattern.match(f"{method} {path}" if self._with_method else path)
        ):
            self._counted += 1
            planned = plan.on_requests.get(self._counted)
        drawn = self._draw()
        if planned is not None:
            return planned, self._retry_after(planned), "planned"
        if plan.max_concurrency is not None and in_flight > plan.max_concurrency:
            if plan.concurrency_status == 429:
                return Fault.TOO_MANY_REQUESTS_429, 1, "concurrency"
            return Fault.SERVER_ERROR_503, None, "concurrency"
        if plan.rate_limit is not None:
            wait = self._take_token(self._current_limit(plan.rate_limit))
            if wait:
                return Fault.TOO_MANY_REQUESTS_429, max(1, math.ceil(wait)), "rate_limit"
        if drawn is not None:
            return drawn, self._retry_after(drawn), "random"
        return None, None, ""

    def _draw(self) -> Fault | None:
        if not self._thresholds:
            return None
        roll = self._draws.random()
        for threshold, fault in self._thresholds:
            if roll < threshold:
                return fault
        return None

    def _retry_after(self, fault: Fault) -> int | None:
        return self.plan.retry_after if fault is Fault.TOO_MANY_REQUESTS_429 else None

    def _current_limit(self, rate: float) -> float:
        since = self._clock() - self._installed
        for after, changed in self.plan.rate_limit_changes:
            if since >= after:
                rate = changed
        return rate

    def _take_token(self, rate: float) -> float:
        """0 when a token was taken, else the seconds until one is available."""
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * rate)
        self._last = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return 0.0
        return (1.0 - self._tokens) / rate
