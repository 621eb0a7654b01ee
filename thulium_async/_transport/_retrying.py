"""Retry decisions (pure) and the tenacity loop built from a RetryPolicy."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable

import anyio
import attrs
import tenacity

from .._config import RetryPolicy
from .._retry_after import parse_retry_after
from ..errors import APIError, RateLimitError, ThuliumError, TransportError

__all__ = ["Decision", "backoff_delay", "build_retrying", "decide"]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


@attrs.frozen
class Decision:
    """Whether to retry a failed attempt, why, and the server's requested delay."""

    retry: bool
    reason: str
    server_delay: float | None = None
    ambiguous: bool = False


def decide(
    error: BaseException, *, method: str, safe_to_repeat: bool, policy: RetryPolicy
) -> Decision:
    """Classify a failed attempt.

    ``ambiguous`` marks attempts the server may have applied (the request was
    sent and the answer was lost, or a 5xx): repeating those is only safe for
    idempotent methods or calls declared ``safe_to_repeat``.
    """
    repeatable = method in IDEMPOTENT_METHODS or safe_to_repeat
    if isinstance(error, TransportError):
        if error.reached_server is False:
            return Decision(True, "connection failed before sending")
        return Decision(repeatable, f"transport error after sending: {error}", ambiguous=True)
    if isinstance(error, RateLimitError):
        delay = error.retry_after
        if delay is not None and delay > policy.max_retry_after:
            return Decision(False, f"429 with Retry-After {delay:g} s over the policy's cap")
        # A 429 is refused before processing, so even a POST may be repeated.
        return Decision(429 in policy.retry_statuses, "429 Too Many Requests", delay)
    if isinstance(error, APIError):
        if error.status_code not in policy.retry_statuses:
            return Decision(False, f"status {error.status_code} is not retried")
        delay = parse_retry_after(error.headers.get("retry-after"))  # 503 may carry one
        if delay is not None and delay > policy.max_retry_after:
            return Decision(False, f"Retry-After {delay:g} s over the policy's cap")
        return Decision(repeatable, f"status {error.status_code}", delay, ambiguous=True)
    return Decision(False, f"{type(error).__name__} is not retried")


def backoff_delay(attempt: int, policy: RetryPolicy, *, rng: random.Random | None = None) -> float:
    """Full-jitter exponential backoff for the wait after ``attempt`` (1-based)."""
    ceiling = min(policy.max_delay, policy.initial_delay * 2.0 ** min(attempt - 1, 60))
    return (rng or random).uniform(0.0, ceiling)


OnRetry = Callable[[tenacity.RetryCallState, Decision, float], None]


def build_retrying(
    policy: RetryPolicy,
    *,
    method: str,
    safe_to_repeat: bool,
    on_retry: OnRetry,
    elapsed: float = 0.0,
    sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
) -> tenacity.AsyncRetrying:
    """A tenacity loop: stop after max attempts or the deadline; wait per decision.

    ``elapsed`` is the time the call already spent before the loop started
    (its first attempt), so the deadline covers the whole call.
    """

    def should_retry(state: tenacity.RetryCallState) -> bool:
        error = state.outcome.exception() if state.outcome else None
        if not isinstance(error, ThuliumError):
            return False
        return decide(error, method=method, safe_to_repeat=safe_to_repeat, policy=policy).retry

    def wait(state: tenacity.RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        assert isinstance(error, BaseException)
        decision = decide(error, method=method, safe_to_repeat=safe_to_repeat, policy=policy)
        if decision.server_delay is not None:
            return decision.server_delay
        return backoff_delay(state.attempt_number, policy)

    stop: tenacity.stop.stop_base = tenacity.stop_after_attempt(policy.max_attempts)
    if policy.deadline is not None:
        stop = stop | tenacity.stop_before_delay(max(0.0, policy.deadline - elapsed))

    def before_sleep(state: tenacity.RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        assert isinstance(error, BaseException)
        decision = decide(error, method=method, safe_to_repeat=safe_to_repeat, policy=policy)
        delay = state.next_action.sleep if state.next_action else 0.0
        on_retry(state, decision, delay)

    return tenacity.AsyncRetrying(
        sleep=sleep,
        stop=stop,
        wait=wait,
        retry=should_retry,
        before_sleep=before_sleep,
        reraise=True,
    )
