"""map_ordered: the one ordered fan-out behind the paginator, collect and get_many."""

from __future__ import annotations

import anyio
import pytest

from thulium_async._concurrency import map_ordered
from thulium_async.errors import InputError


async def test_results_keep_input_order_and_concurrency_is_bounded() -> None:
    """Later jobs finishing first still land in their slots; never more than N at once."""
    running = peak = 0

    async def call(job: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await anyio.sleep((10 - job) / 1000)  # the first jobs finish last
        running -= 1
        return job * job

    assert await map_ordered(call, list(range(10)), concurrency=3) == [j * j for j in range(10)]
    assert peak == 3


async def test_first_failure_cancels_the_rest_and_is_raised_as_itself() -> None:
    """No exception group: the caller catches the error it knows."""
    started: list[int] = []

    async def call(job: int) -> int:
        started.append(job)
        if job == 1:
            raise KeyError("boom")
        await anyio.sleep(10)
        return job

    with anyio.fail_after(5), pytest.raises(KeyError, match="boom"):
        await map_ordered(call, list(range(100)), concurrency=4)
    assert len(started) < 100


async def test_no_jobs_and_bad_concurrency() -> None:
    """An empty job list is an empty result; concurrency must be a whole number >= 1."""

    async def call(job: int) -> int:
        return job

    assert await map_ordered(call, [], concurrency=2) == []
    with pytest.raises(InputError) as caught:
        await map_ordered(call, [1], concurrency=0)
    assert caught.value.field == "concurrency"
