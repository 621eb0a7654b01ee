"""One async client over successive event loops: fresh connections, never the dead loop's."""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Iterator

import anyio
import pytest

import thulium_async as th
from tests.support import campaign_fake
from thulium_async.errors import ThuliumError
from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium

AUTH = ("api_user", "api_pass")


@pytest.fixture
def fake() -> FakeThulium:
    """A fake with one campaign and three records."""
    return campaign_fake("600100200", "600100201", "600100202")


@pytest.fixture(params=["in_process", pytest.param("loopback", marks=pytest.mark.loopback)])
def base_url_and_kwargs(request: pytest.FixtureRequest, fake: FakeThulium) -> Iterator[tuple]:
    """Client arguments into ``fake``: its in-process transport, or real HTTP on 127.0.0.1."""
    if request.param == "in_process":
        yield IN_PROCESS_BASE_URL, {"transport": fake.transport()}
    else:
        with fake.serve() as base_url:
            yield base_url, {}


async def _numbers(client: th.Client) -> list[str]:
    return [record.phone_number async for record in client.outbounds.records.list("00001")]


async def _numbers_then_close(client: th.Client) -> list[str]:
    async with client:
        return await _numbers(client)


def test_three_asyncio_runs_on_one_module_level_client(base_url_and_kwargs, fake):
    base_url, kwargs = base_url_and_kwargs
    client = th.Client(base_url, auth=AUTH, **kwargs)
    pools = []
    for _ in range(3):
        assert asyncio.run(_numbers(client)) == ["600100200", "600100201", "600100202"]
        pools.append(weakref.ref(client._transport.http))
    # Each loop opened its own connections; the dead loops' pools were let go.
    assert [pool() is None for pool in pools] == [True, True, False]
    assert client.stats.requests == 3
    asyncio.run(client.aclose())  # the last loop is gone: its pool is let go, not closed
    assert pools[-1]() is None
    assert len(asyncio.run(_numbers_then_close(client))) == 3
    assert client._transport.http.is_closed  # closed in its own loop


# trio keeps a finished run's sockets referenced past the switch; they are
# closed (with a ResourceWarning) only when trio lets them go.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_asyncio_then_trio_then_asyncio(base_url_and_kwargs):
    base_url, kwargs = base_url_and_kwargs
    client = th.Client(base_url, auth=AUTH, **kwargs)
    assert len(asyncio.run(_numbers(client))) == 3
    assert len(anyio.run(_numbers, client, backend="trio")) == 3
    assert len(anyio.run(_numbers, client, backend="trio")) == 3
    assert len(asyncio.run(_numbers_then_close(client))) == 3


def test_clones_follow_the_loop_switch_with_their_own_limiter(fake):
    client = th.Client(IN_PROCESS_BASE_URL, auth=AUTH, transport=fake.transport())
    clone = client.with_options(rate_limit=th.RateLimit(max_concurrency=1))
    assert len(asyncio.run(_numbers(clone))) == 3
    assert len(asyncio.run(_numbers(client))) == 3
    assert len(asyncio.run(_numbers(clone))) == 3
    assert clone._transport.http is client._transport.http


def test_slots_held_on_a_dead_loop_do_not_block_the_next_one(fake):
    client = th.Client(
        IN_PROCESS_BASE_URL,
        auth=AUTH,
        transport=fake.transport(),
        rate_limit=th.RateLimit(max_concurrency=1),
    )

    async def die_holding_the_slot() -> None:
        await client.outbounds.list()
        await client.limiter.acquire()  # the loop ends with the only slot taken

    asyncio.run(die_holding_the_slot())
    assert client.limiter.in_flight == 1

    async def call_with_deadline() -> list[str]:
        with anyio.fail_after(5):
            return await _numbers(client)

    assert len(asyncio.run(call_with_deadline())) == 3
    assert client.limiter.in_flight == 0


def test_two_live_loops_at_once_raise_a_clear_thulium_error(fake):
    client = th.Client(IN_PROCESS_BASE_URL, auth=AUTH, transport=fake.transport())
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        assert len(asyncio.run_coroutine_threadsafe(_numbers(client), loop).result(5)) == 3
        with pytest.raises(ThuliumError, match="another event loop that is still running") as err:
            asyncio.run(_numbers(client))
        assert "SyncClient" in str(err.value)
        # The live loop keeps its connections and still works.
        assert len(asyncio.run_coroutine_threadsafe(_numbers(client), loop).result(5)) == 3
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()
    assert len(asyncio.run(_numbers(client))) == 3  # once it is gone, the client moves on


def test_a_given_http_client_is_kept_across_loops(fake):
    import httpx2

    http = httpx2.AsyncClient(transport=fake.transport())
    client = th.Client(IN_PROCESS_BASE_URL, auth=AUTH, http_client=http)
    assert len(asyncio.run(_numbers(client))) == 3
    assert len(asyncio.run(_numbers(client))) == 3
    assert client._transport.http is http  # the user's client is theirs to manage
