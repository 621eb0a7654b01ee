"""A call that gives up after retries says how many attempts it made, and over how long."""

from __future__ import annotations

import pickle
import re

import httpcore2
import pytest
import respx

import thulium_async as th
from thulium_async import errors

BASE = "https://acme.thulium.com/api"


async def test_connect_error_after_retries_names_attempts_and_time(
    httpx2_mock: respx.MockRouter,
) -> None:
    """The final ConnectError carries the retry history in its message and attributes."""
    route = httpx2_mock.get(f"{BASE}/outbounds").mock(
        side_effect=httpcore2.ConnectError("All connection attempts failed")
    )
    policy = th.RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.02)
    async with th.Client(BASE, auth=("u", "p"), retry=policy) as client:
        with pytest.raises(errors.TransportError) as caught:
            await client.outbounds.list()
    error = caught.value
    assert route.call_count == 3
    assert error.attempts == 3
    assert error.elapsed is not None
    assert 0 < error.elapsed < 5
    assert re.search(
        r"All connection attempts failed \(gave up after 3 attempts over \d+\.\d s\)", str(error)
    )
    assert isinstance(error.__cause__, Exception)  # httpx2's error stays chained
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


async def test_a_single_attempt_is_not_called_a_retry_history(
    httpx2_mock: respx.MockRouter,
) -> None:
    """Without retries the message stays the plain failure."""
    httpx2_mock.get(f"{BASE}/outbounds").mock(side_effect=httpcore2.ConnectError("refused"))
    async with th.Client(BASE, auth=("u", "p"), retry=th.RetryPolicy.disabled()) as client:
        with pytest.raises(errors.TransportError) as caught:
            await client.outbounds.list()
    assert "gave up" not in str(caught.value)
