"""Retry decisions (pure) and the tenacity policy that schedules the waits.

A failed attempt is classified once, by :func:`decide`, which reads the one
answer to "may the server have applied it?" that the attempt's error carries
(``ThuliumError.attempt_maybe_applied``). Tenacity then only counts attempts,
keeps the deadline and computes the wait from that one decision.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import attrs
import tenacity

from .._config import RetryPolicy
from .._retry_after import parse_retry_after
from ..errors import APIError, RateLimitError, ThuliumError, TransportError

__all__ = ["CallState", "Decision", "backoff_delay", "decide", "retry_strategies"]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


@attrs.frozen
class Decision:
    """Whether to retry a failed attempt, why, and the server's requested delay."""

    retry: bool
    reason: str
    server_delay: float | None = None


def decide(error: BaseException, *, repeatable: bool, policy: RetryPolicy) -> Decision:
    """Classify a failed attempt.

    ``repeatable`` says whether the call may be sent again after an attempt the
    server may have applied (idempotent methods, and calls whose repeats the API
    refuses, such as record creates). Attempts that were not applied (never
    sent, 429) are retried for any method.
    """
    if not isinstance(error, (TransportError, APIError)):
        return Decision(False, f"{type(error).__name__} is not retried")
    delay: float | None = None
    if isinstance(error, APIError):
        if error.status_code not in policy.retry_statuses:
            return Decision(False, f"status {error.status_code} is not retried")
        delay = (
            error.retry_after
            if isinstance(error, RateLimitError)
            else parse_retry_after(error.headers.get("retry-after"))  # 503 may carry one
        )
        if delay is not None and delay > policy.max_retry_after:
            return Decision(False, f"Retry-After {delay:g} s is over the policy's cap")
        reason = f"status {error.status_code}"
        if error.status_code == 429:
            reason = "429 Too Many Requests"
    elif error.attempt_maybe_applied:
        reason = f"answer lost after sending: {error}"
    else:
        reason = "connection failed before sending"
    if error.attempt_maybe_applied and not repeatable:
        return Decision(False, f"{reason}; it may have been applied and is not safe to repeat")
    return Decision(True, reason, delay)


def backoff_delay(attempt: int, policy: RetryPolicy, *, rng: random.Random | None = None) -> float:
    """Full-jitter exponential backoff for the wait after ``attempt`` (1-based)."""
    ceiling = min(policy.max_delay, policy.initial_delay * 2.0 ** min(attempt - 1, 60))
    return (rng or random).uniform(0.0, ceiling)


@attrs.define
class CallState:
    """What one call learned across its attempts.

    ``maybe_applied`` is True once any attempt may have been applied;
    ``decision`` is the classification of the latest failed attempt, made once.
    """

    method: str
    url: str
    repeatable: bool
    attempts: int = 0
    maybe_applied: bool = False
    decision: Decision | None = None
    deadline_at: float | None = None  # time.monotonic() when the call's deadline passes


@attrs.frozen
class Strategies:
    """The tenacity pieces of one RetryPolicy: built once per transport, shared by calls."""

    stop: tenacity.stop.stop_base
    wait: Callable[[tenacity.RetryCallState], float]
    retry: Callable[[tenacity.RetryCallState], bool]


def _call_of(state: tenacity.RetryCallState) -> CallState:
    call = state.kwargs["call"]
    assert isinstance(call, CallState)
    return call


def retry_strategies(policy: RetryPolicy) -> Strategies:
    """Stop after max attempts or the deadline; retry and wait per the call's one decision.

    The call's :class:`CallState` travels in the tenacity state's ``kwargs``; its
    ``decision`` was made by the transport when the attempt failed.
    """

    def retry(state: tenacity.RetryCallState) -> bool:
        decision = _call_of(state).decision
        error = state.outcome.exception() if state.outcome else None
        return isinstance(error, ThuliumError) and decision is not None and decision.retry

    def wait(state: tenacity.RetryCallState) -> float:
        decision = _call_of(state).decision
        if decision is not None and decision.server_delay is not None:
            return decision.server_delay
        return backoff_delay(state.attempt_number, policy)

    stop: tenacity.stop.stop_base = tenacity.stop_after_attempt(policy.max_attempts)
    if policy.deadline is not None:
        stop = stop | tenacity.stop_before_delay(policy.deadline)
    return Strategies(stop=stop, wait=wait, retry=retry)
