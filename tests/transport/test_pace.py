"""The pace calculation, pure: no clock, no sleeping, and a token-bucket server simulated."""

from __future__ import annotations

import heapq

import pytest

from thulium_async import RateLimit
from thulium_async._transport._pace import Pace


def answers(pace: Pace, now: float, pattern: str) -> None:
    """Answers to requests reserved at ``now``: "A" accepted, "R" a 429 (Retry-After 1)."""
    for answer in pattern:
        pace.observe(now, started=now, throttled=answer == "R", retry_after=1.0)


def test_an_overload_sets_the_pace_from_the_accepted_share() -> None:
    """Paced at 100/s, 10 of 12 answers accepted since the first 429: the limit reads 83/s.

    Answers before the first 429 are left out: a full bucket's burst says
    nothing about the limit. The pace goes to 97 % of the estimate.
    """
    pace = Pace(RateLimit(per_second=100), now=0.0)
    pace.reserve(0.0)
    answers(pace, 0.5, "A" * 20 + "R" + "A" * 10 + "R")
    assert pace.overloads == 1
    assert pace.estimate == pytest.approx(100 * 10 / 12)
    assert pace.rate == pytest.approx(0.97 * 100 * 10 / 12)


def test_the_share_is_read_from_the_oldest_429_still_recent() -> None:
    """A 429 at 0 s, 40 accepted, a 429 at 1.5 s, 10 accepted, a 429 at 3.0 s.

    Only the third makes 429s 5 % of the window's answers. By then the first
    429 is over 2 s old; the episode starts at the 429 of 1.5 s, not at the
    newest one (which alone would read "nothing accepted" and halve the
    pace): 10 of 12 answers accepted since, 10/12 of 12/s.
    """
    pace = Pace(RateLimit(per_second=12), now=0.0)
    pace.observe(0.0, started=0.0, throttled=True)
    for _ in range(40):
        pace.observe(1.0, started=1.0, throttled=False)
    pace.observe(1.5, started=1.5, throttled=True)
    pace.reserve(2.2)  # a grant past half the window rolls it
    for _ in range(10):
        pace.observe(2.5, started=2.5, throttled=False)
    assert pace.overloads == 0
    pace.observe(3.0, started=3.0, throttled=True)
    assert pace.overloads == 1
    assert pace.estimate == pytest.approx(12 * 10 / 12)


def test_slots_reserved_at_the_old_pace_leave_no_gap_after_an_overload() -> None:
    """32 slots queued 3 s ahead at 10/s are void once the pace drops: the next is due at once.

    Keeping the old schedule would hold every new request behind the void
    slots for seconds, idle, while the server has room.
    """
    pace = Pace(RateLimit(per_second=10), now=0.0)
    for _ in range(32):
        pace.reserve(0.0)
    answers(pace, 0.1, "RR")
    assert pace.overloads == 1
    assert pace.rate is not None
    assert pace.reserve(0.1) <= 1.0 / pace.rate


def test_a_few_refusals_among_many_answers_change_nothing() -> None:
    """2 refusals among 100 answers (2 %) are not an overload."""
    pace = Pace(RateLimit(per_second=50), now=0.0)
    answers(pace, 0.5, "A" * 49 + "R" + "A" * 49 + "R")
    assert (pace.overloads, pace.rate) == (0, 50)


def test_one_overload_cuts_the_pace_by_half_at_most() -> None:
    """Everything refused: no rate to read, the pace halves."""
    pace = Pace(RateLimit(per_second=80), now=0.0)
    answers(pace, 0.5, "RR")
    assert pace.estimate == pytest.approx(40.0)


def test_answers_to_slots_reserved_before_an_adjustment_are_ignored() -> None:
    """429s for requests sent at the old pace say nothing about the new one."""
    pace = Pace(RateLimit(per_second=100), now=0.0)
    answers(pace, 1.0, "RR")
    adjusted = pace.adjusted_at
    for _ in range(10):
        assert not pace.observe(1.1, started=adjusted - 0.01, throttled=True)
    assert pace.overloads == 1


def test_the_pace_climbs_back_to_the_estimate_and_then_probes_beyond() -> None:
    """From 97 % of the estimate: flat near it after 8 s, a few % above after 16 s."""
    pace = Pace(RateLimit(per_second=100), now=0.0)
    answers(pace, 1.0, "RR")
    estimate = pace.estimate
    assert estimate is not None
    pace.reserve(5.0)
    assert pace.rate is not None
    assert 0.97 * estimate < pace.rate < estimate
    pace.reserve(9.0)
    assert pace.rate == pytest.approx(estimate, rel=1e-3)
    pace.reserve(17.0)
    assert estimate * 1.03 < pace.rate < estimate * 1.1


def test_a_configured_rate_is_a_ceiling_for_probing() -> None:
    """Adaptive with per_second=40: the probe never passes 40/s."""
    pace = Pace(RateLimit(per_second=40), now=0.0)
    answers(pace, 1.0, "RR")
    pace.reserve(60.0)
    assert pace.rate == 40


def test_an_overload_soon_after_another_pauses_for_the_retry_after() -> None:
    """The first overload only lowers the pace; a second within 2 s also pauses."""
    pace = Pace(RateLimit(per_second=100), now=0.0)
    answers(pace, 1.0, "RR")
    assert pace.paused_until == 0.0
    answers(pace, 2.0, "RR")
    assert pace.paused_until == pytest.approx(3.0)


def simulate(limit: float, burst: float, *, seconds: float = 70.0) -> tuple[float, float]:
    """32 workers, 20 ms latency, against a token bucket: (share of the limit used, 429 share).

    Measured after a 10 s warm-up. A refused request retries after its
    Retry-After (1 s); a slot reserved before the pace changed is given up, as
    the limiter does.
    """
    pace = Pace(RateLimit(max_concurrency=32), now=0.0)
    tokens, last = burst, 0.0
    events = [(0.0, worker, "ask", 0.0) for worker in range(32)]
    heapq.heapify(events)
    accepted = refused = 0
    while events:
        now, worker, kind, reserved = heapq.heappop(events)
        if now > seconds:
            break
        if kind == "ask":
            delay = pace.reserve(now)
            step = "ask" if pace.paused_until > now else "send"
            heapq.heappush(events, (now + delay, worker, step, now))
            continue
        if pace.paused_until > now or pace.adjusted_at > reserved:
            heapq.heappush(events, (now, worker, "ask", now))
            continue
        arrival = now + 0.01
        tokens, last = min(burst, tokens + (arrival - last) * limit), arrival
        ok = tokens >= 1.0
        tokens -= 1.0 if ok else 0.0
        answered = now + 0.02
        pace.observe(answered, started=reserved, throttled=not ok, retry_after=1.0)
        if answered >= 10.0:
            accepted, refused = accepted + ok, refused + (not ok)
        heapq.heappush(events, (answered if ok else answered + 1.0, worker, "ask", 0.0))
    return accepted / (limit * (seconds - 10.0)), refused / (accepted + refused)


@pytest.mark.parametrize("limit", [10.0, 40.0, 100.0])
@pytest.mark.parametrize("burst", [5.0, None])
def test_told_nothing_the_pace_finds_a_token_bucket_limit(
    limit: float, burst: float | None
) -> None:
    """The adaptive pace uses most of an undocumented limit with few 429s (simulated)."""
    used, refused = simulate(limit, burst or limit)
    assert used >= 0.85
    assert refused <= 0.02
