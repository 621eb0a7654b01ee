"""Helpers of the agents area's fake tests: a wall clock the test moves, a prepared account."""

from __future__ import annotations

import datetime as dt
import io
import wave

from fake_support import populate

from thulium_async.testing import FakeThulium, ManualClock

START = dt.datetime(2024, 11, 12, 9, 0, 0)


def agents_world(clock: ManualClock) -> FakeThulium:
    """``populate`` (jkowalski 3113, anowak 3422, campaigns 00001 and 00002) on ``clock``,
    plus pause reasons 1 (Coffee) and 2 (Training), customer 5 (600100200, ACME) and
    call queues 3, 7 and 8."""
    fake = populate(FakeThulium(strict=True, wall_clock=clock))
    fake.add_pause_reason("Coffee")
    fake.add_pause_reason("Training")
    fake.add_customer(customer_id=5, phone_number=["600100200", "600100201"], identifier="ACME")
    for queue_id in (3, 7, 8):
        fake.add_queue(f"Queue {queue_id}", queue_id=queue_id)
    return fake


def filed_calls(fake: FakeThulium) -> list:
    """The calls store's connections, oldest first (what GET connections lists)."""
    return list(fake._state.calls.calls.values())


def wav_seconds(fake: FakeThulium, filename: str) -> float:
    """Length of a stored recording, read as the WAV file it is."""
    with wave.open(io.BytesIO(fake._state.calls.recordings[filename])) as audio:
        return audio.getnframes() / audio.getframerate()
