"""Retry decisions, backoff and Retry-After parsing: pure functions, no HTTP."""

from __future__ import annotations

import random

import pytest

from thulium_async import RetryPolicy, errors
from thulium_async._retry_after import parse_retry_after
from thulium_async._transport._retrying import IDEMPOTENT_METHODS, Decision, backoff_delay
from thulium_async._transport._retrying import decide as decide_repeatable

POLICY = RetryPolicy()


def api_error(status: int, headers: dict[str, str] | None = None) -> errors.APIError:
    cls = errors.error_class_for_status(status)
    return cls(status_code=status, method="GET", url="https://x/api/a", headers=headers or {})


def transport_error(reached: bool | None) -> errors.TransportError:
    delivery = errors.Delivery.NOT_SENT if reached is False else errors.Delivery.ANSWER_LOST
    return errors.TransportError("boom", method="POST", url="https://x/api/a", delivery=delivery)


def decide(
    error: errors.ThuliumError, *, method: str, safe_to_repeat: bool, policy: RetryPolicy
) -> Decision:
    """The transport's decision for a call of ``method`` (safe to repeat or not)."""
    repeatable = safe_to_repeat or method in IDEMPOTENT_METHODS
    return decide_repeatable(error, repeatable=repeatable, policy=policy)


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_idempotent_methods_retry_retryable_statuses(status: int, method: str) -> None:
    """GET, PUT and DELETE are retried on 429 and 5xx."""
    assert decide(api_error(status), method=method, safe_to_repeat=False, policy=POLICY).retry


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_client_errors_are_never_retried(status: int, method: str) -> None:
    """400, 401, 403, 404 and 410 are final, even for safe calls."""
    decision = decide(api_error(status), method=method, safe_to_repeat=True, policy=POLICY)
    assert not decision.retry


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_post_is_not_retried_on_5xx_unless_safe(status: int) -> None:
    """A POST that may have been applied is retried only when declared safe to repeat."""
    assert not decide(api_error(status), method="POST", safe_to_repeat=False, policy=POLICY).retry
    decision = decide(api_error(status), method="POST", safe_to_repeat=True, policy=POLICY)
    assert decision.retry
    assert api_error(status).attempt_maybe_applied


def test_post_is_retried_on_429() -> None:
    """A 429 is refused before processing, so even a plain POST is retried."""
    decision = decide(api_error(429), method="POST", safe_to_repeat=False, policy=POLICY)
    assert decision.retry
    assert not api_error(429).attempt_maybe_applied


def test_connect_errors_are_retried_for_post() -> None:
    """A request that provably never left the client is always safe to repeat."""
    assert decide(transport_error(False), method="POST", safe_to_repeat=False, policy=POLICY).retry


def test_lost_answer_is_ambiguous_for_post() -> None:
    """A connection lost after sending is retried only for safe calls, and marked ambiguous."""
    plain = decide(transport_error(None), method="POST", safe_to_repeat=False, policy=POLICY)
    safe = decide(transport_error(None), method="POST", safe_to_repeat=True, policy=POLICY)
    assert (plain.retry, safe.retry) == (False, True)
    assert transport_error(None).attempt_maybe_applied
    assert not transport_error(False).attempt_maybe_applied


def test_retry_after_is_the_server_delay() -> None:
    """The wait comes from Retry-After when the server sends one."""
    decision = decide(
        api_error(429, {"retry-after": "3"}), method="GET", safe_to_repeat=False, policy=POLICY
    )
    assert decision.server_delay == 3.0
    decision = decide(
        api_error(503, {"retry-after": "2"}), method="GET", safe_to_repeat=False, policy=POLICY
    )
    assert decision.server_delay == 2.0


def test_retry_after_over_the_cap_is_not_waited_for() -> None:
    """A Retry-After beyond max_retry_after is raised to the caller instead of slept."""
    policy = RetryPolicy(max_retry_after=10)
    decision = decide(
        api_error(429, {"retry-after": "600"}), method="GET", safe_to_repeat=False, policy=policy
    )
    assert not decision.retry


def test_status_set_is_configurable() -> None:
    """Statuses left out of retry_statuses are not retried."""
    policy = RetryPolicy(retry_statuses={503})
    assert not decide(api_error(500), method="GET", safe_to_repeat=False, policy=policy).retry
    assert decide(api_error(503), method="GET", safe_to_repeat=False, policy=policy).retry


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2.0),
        ("0", 0.0),
        (" 1.5 ", 1.5),
        ("-1", None),
        ("soon", None),
        (None, None),
        ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    """Retry-After is read as seconds or as an HTTP date relative to now."""
    now = 1445412480.0  # Wed, 21 Oct 2015 07:28:00 GMT
    assert parse_retry_after(value, now=now) == expected


def test_backoff_grows_exponentially_with_full_jitter_and_a_cap() -> None:
    """Delays stay within [0, min(max_delay, initial * 2**(n-1))]."""
    policy = RetryPolicy(initial_delay=0.5, max_delay=4.0)
    rng = random.Random(7)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (10, 4.0), (5000, 4.0)]:
        delays = [backoff_delay(attempt, policy, rng=rng) for _ in range(200)]
        assert all(0.0 <= delay <= ceiling for delay in delays)
        assert max(delays) > ceiling * 0.8  # full jitter reaches near the ceiling


def test_policy_refuses_bad_values() -> None:
    """Bad policy values fail at construction and name the field."""
    with pytest.raises(errors.InputError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(errors.InputError, match="deadline"):
        RetryPolicy(deadline=-1)


@pytest.mark.parametrize(
    ("delivery", "status", "applied"),
    [
        (errors.Delivery.NOT_SENT, None, False),
        (errors.Delivery.ANSWER_LOST, None, True),
        (errors.Delivery.ANSWERED, 200, True),
        (errors.Delivery.ANSWERED, 207, True),
        (errors.Delivery.ANSWERED, 400, False),
        (errors.Delivery.ANSWERED, 404, False),
        (errors.Delivery.ANSWERED, 429, False),
        (errors.Delivery.ANSWERED, 500, True),
        (errors.Delivery.ANSWERED, 503, True),
    ],
)
def test_one_rule_says_whether_an_attempt_may_have_been_applied(
    delivery: errors.Delivery, status: int | None, applied: bool
) -> None:
    """Never sent: no; answer lost: maybe; answered: by status (2xx, 5xx yes; 4xx, 429 no)."""
    assert delivery.maybe_applied(status) is applied


def test_a_call_is_maybe_applied_when_any_attempt_was() -> None:
    """An error carries the earlier attempts' answer as well as its own."""
    refused = api_error(400)
    assert not refused.maybe_applied
    refused.earlier_maybe_applied = True
    assert refused.maybe_applied
    assert not errors.InputError("x", "y").maybe_applied
    assert errors.DecodeError("bad", method="GET", url="https://x/api/a").maybe_applied
