"""Retry decisions, backoff and Retry-After parsing: pure functions, no HTTP."""

from __future__ import annotations

import random

import pytest

from thulium_async import RetryPolicy, errors
from thulium_async._retry_after import parse_retry_after
from thulium_async._transport._retrying import backoff_delay, decide

POLICY = RetryPolicy()


def api_error(status: int, headers: dict[str, str] | None = None) -> errors.APIError:
    cls = errors.error_class_for_status(status)
    return cls(status_code=status, method="GET", url="https://x/api/a", headers=headers or {})


def transport_error(reached: bool | None) -> errors.TransportError:
    return errors.TransportError(
        "boom", method="POST", url="https://x/api/a", reached_server=reached
    )


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
    assert decision.ambiguous


def test_post_is_retried_on_429() -> None:
    """A 429 is refused before processing, so even a plain POST is retried."""
    decision = decide(api_error(429), method="POST", safe_to_repeat=False, policy=POLICY)
    assert decision.retry
    assert not decision.ambiguous


def test_connect_errors_are_retried_for_post() -> None:
    """A request that provably never left the client is always safe to repeat."""
    assert decide(transport_error(False), method="POST", safe_to_repeat=False, policy=POLICY).retry


def test_lost_answer_is_ambiguous_for_post() -> None:
    """A connection lost after sending is retried only for safe calls, and marked ambiguous."""
    plain = decide(transport_error(None), method="POST", safe_to_repeat=False, policy=POLICY)
    safe = decide(transport_error(None), method="POST", safe_to_repeat=True, policy=POLICY)
    assert (plain.retry, plain.ambiguous) == (False, True)
    assert (safe.retry, safe.ambiguous) == (True, True)


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
