"""The transport end to end over respx and real loopback sockets."""

from __future__ import annotations

import logging
import pickle
import time

import anyio
import httpcore2
import httpx
import httpx2
import pytest
import respx

import thulium_async as th
from tests.support import serve_asgi, slow_json_app
from thulium_async import errors

BASE = "https://acme.thulium.com/api"


def make_client(**kwargs: object) -> th.Client:
    options: dict[str, object] = {"retry": th.RetryPolicy.no_wait(), "check_statuses": False}
    options.update(kwargs)
    return th.Client(BASE, auth=("api_user", "api_pass"), **options)  # type: ignore[arg-type]


async def test_get_is_retried_on_503_then_succeeds(httpx2_mock: respx.MockRouter) -> None:
    """A 503 on a GET is retried and the second answer is returned."""
    route = httpx2_mock.get(f"{BASE}/outbounds").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=[])]
    )
    async with make_client() as client:
        assert await client.outbounds.list() == []
        assert client.stats.retries == 1
    assert route.call_count == 2


async def test_attempts_stop_at_max_attempts(httpx2_mock: respx.MockRouter) -> None:
    """After max_attempts failures the last error is raised with its attempt count."""
    route = httpx2_mock.get(f"{BASE}/outbounds").respond(
        502, json={"request_id": "r1", "errors": []}
    )
    async with make_client(retry=th.RetryPolicy.no_wait(max_attempts=3)) as client:
        with pytest.raises(errors.ServerError) as caught:
            await client.outbounds.list()
    assert route.call_count == 3
    assert caught.value.attempts == 3
    assert caught.value.request_id == "r1"


async def test_plain_post_is_not_retried_on_500(httpx2_mock: respx.MockRouter) -> None:
    """A POST that may have been applied is not repeated."""
    route = httpx2_mock.post(f"{BASE}/outbounds").respond(500)
    async with make_client() as client:
        with pytest.raises(errors.ServerError):
            await client.outbounds.create(name="x", dialer="preview", crm=False)
    assert route.call_count == 1


async def test_a_lone_429_delays_only_its_own_retry(httpx2_mock: respx.MockRouter) -> None:
    """A 429's Retry-After delays that call's retry; other calls go on at once."""
    slow = httpx2_mock.get(f"{BASE}/outbounds").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "0.3"}),
            httpx.Response(200, json=[]),
        ]
    )
    httpx2_mock.get(f"{BASE}/agents_statuses").respond(200, json=[])
    async with make_client() as client:
        started = anyio.current_time()
        other_done: list[float] = []

        async def other() -> None:
            await anyio.sleep(0.05)  # after the 429 has arrived
            await client.agents_statuses.list()
            other_done.append(anyio.current_time() - started)

        async with anyio.create_task_group() as group:
            group.start_soon(other)
            await client.outbounds.list()
        assert anyio.current_time() - started >= 0.29
        assert other_done[0] < 0.25
        assert client.stats.throttled == 1
        assert client.limiter.paused_until <= time.monotonic()
    assert slow.call_count == 2


async def test_429s_over_the_limit_pause_the_whole_client(httpx2_mock: respx.MockRouter) -> None:
    """Overload after overload (429s that lowering the pace did not stop): everyone waits."""
    httpx2_mock.get(f"{BASE}/outbounds").mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "0.2"})] * 6
        + [httpx.Response(200, json=[])]
    )
    retry = th.RetryPolicy(max_attempts=10, initial_delay=0.0, max_delay=0.0, deadline=None)
    async with make_client(retry=retry) as client:
        await client.outbounds.list()
        assert client.limiter.pace.overloads >= 2
        assert client.limiter.paused_until > 0


async def test_a_retry_after_over_the_policy_pauses_no_other_call(
    httpx2_mock: respx.MockRouter,
) -> None:
    """Retry-After 99999999 is raised to its caller at once and holds nobody else."""
    httpx2_mock.get(f"{BASE}/outbounds").respond(429, headers={"Retry-After": "99999999"})
    httpx2_mock.get(f"{BASE}/agents_statuses").respond(200, json=[])
    async with make_client() as client:
        for _ in range(3):
            with pytest.raises(errors.RateLimitError):
                await client.outbounds.list()
        with anyio.fail_after(1):
            await client.agents_statuses.list()
        assert client.limiter.paused_until <= time.monotonic()


async def test_retry_is_logged_at_info_without_credentials(
    httpx2_mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    """One INFO line per retry with reason and delay; DEBUG lines never hold the password."""
    httpx2_mock.get(f"{BASE}/outbounds").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=[])]
    )
    caplog.set_level(logging.DEBUG, logger="thulium_async")
    async with make_client() as client:
        await client.outbounds.list()
    retries = [
        r for r in caplog.records if r.levelno == logging.INFO and "retrying" in r.getMessage()
    ]
    assert len(retries) == 1
    assert "status 503" in retries[0].getMessage()
    text = caplog.text
    assert "api_pass" not in text
    assert "YXBpX3VzZXI6YXBpX3Bhc3M" not in text
    assert "GET https://acme.thulium.com/api/outbounds -> 200" in text


async def test_hooks_see_every_attempt(httpx2_mock: respx.MockRouter) -> None:
    """Request, response and retry hooks fire once per attempt; a raising hook is ignored."""
    httpx2_mock.get(f"{BASE}/outbounds").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=[])]
    )
    seen: list[str] = []

    def broken(_: object) -> None:
        raise RuntimeError("hook bug")

    hooks = th.Hooks(
        on_request=[lambda e: seen.append(f"req{e.attempt}"), broken],
        on_response=[lambda e: seen.append(f"resp{e.status_code}")],
        on_retry=[lambda e: seen.append(f"retry{e.attempt}")],
    )
    async with make_client(hooks=hooks) as client:
        await client.outbounds.list()
    assert seen == ["req1", "resp503", "retry1", "req2", "resp200"]


async def test_capture_responses_exposes_raw_answers(httpx2_mock: respx.MockRouter) -> None:
    """Raw status, headers, request id and timing are reachable for any call."""
    httpx2_mock.get(f"{BASE}/outbounds").respond(200, json=[], headers={"X-Request-Id": "abc123"})
    async with make_client() as client:
        with th.capture_responses() as log:
            await client.outbounds.list()
    assert log.last.status_code == 200
    assert log.last.request_id == "abc123"
    assert log.last.elapsed >= 0
    assert log.last.headers["x-request-id"] == "abc123"


async def test_capture_blocks_nest(httpx2_mock: respx.MockRouter) -> None:
    """An inner block never hides responses from an outer one; each sees its own span."""
    httpx2_mock.get(f"{BASE}/outbounds").respond(200, json=[])
    httpx2_mock.get(f"{BASE}/agents").respond(200, json=[])
    async with make_client() as client:
        with th.capture_responses() as outer:
            await client.outbounds.list()
            with th.capture_responses() as inner:
                await client.agents.list()
            await client.outbounds.list()
    assert [r.url.rsplit("/", 1)[1] for r in outer] == ["outbounds", "agents", "outbounds"]
    assert [r.url.rsplit("/", 1)[1] for r in inner] == ["agents"]


async def test_with_options_shares_the_limiter_and_pool(httpx2_mock: respx.MockRouter) -> None:
    """A clone shares connections and limiter; a new rate_limit gets its own limiter."""
    httpx2_mock.get(f"{BASE}/outbounds").mock(
        side_effect=[httpx.Response(503), httpx.Response(503)]
    )
    async with make_client() as client:
        clone = client.with_options(retry=th.RetryPolicy.disabled(), timeout=5)
        assert clone.limiter is client.limiter
        assert clone._transport.http is client._transport.http
        assert (
            client.with_options(rate_limit=th.RateLimit(per_second=5)).limiter is not client.limiter
        )
        with pytest.raises(errors.ServerError):
            await clone.outbounds.list()
        assert clone.stats.requests == 1
        await clone.aclose()
        assert not client._transport.http.is_closed


async def test_generic_request_reaches_unwrapped_endpoints(httpx2_mock: respx.MockRouter) -> None:
    """client.request applies auth and limits to any path."""
    route = httpx2_mock.get(f"{BASE}/tickets/5").respond(200, json={"ticket_id": 5})
    async with make_client(language="pl") as client:
        raw = await client.request("get", "tickets/5", params=[("a", "1")])
    assert raw.json() == {"ticket_id": 5}
    request = route.calls.last.request
    assert request.headers["authorization"] == "Basic YXBpX3VzZXI6YXBpX3Bhc3M="
    assert request.headers["accept-language"] == "pl"
    assert request.url.params["a"] == "1"


async def test_empty_and_list_bodies_on_2xx_are_success(httpx2_mock: respx.MockRouter) -> None:
    """Action endpoints answering 200/201 with no body or [] are success."""
    httpx2_mock.post(f"{BASE}/outbounds/00001/add_agents").respond(200, content=b"")
    httpx2_mock.post(f"{BASE}/outbounds/00001/set_agents").respond(201, json=[])
    async with make_client() as client:
        assert await client.outbounds.add_agents("00001", ["a"]) is None
        assert await client.outbounds.set_agents("00001", ["a"]) is None


async def test_connect_error_becomes_transport_error_and_pickles(
    httpx2_mock: respx.MockRouter,
) -> None:
    """httpx failures surface as our TransportError, never httpx's, and survive pickling."""
    httpx2_mock.get(f"{BASE}/outbounds").mock(side_effect=httpcore2.ConnectError("refused"))
    async with make_client(retry=th.RetryPolicy.disabled()) as client:
        with pytest.raises(errors.TransportError) as caught:
            await client.outbounds.list()
    error = caught.value
    assert error.reached_server is False
    clone = pickle.loads(pickle.dumps(error))
    assert (clone.method, clone.url, clone.reached_server, str(clone)) == (
        error.method,
        error.url,
        error.reached_server,
        str(error),
    )


def test_client_refuses_credentials_in_the_url() -> None:
    """A base URL with user:password is refused without echoing the password."""
    with pytest.raises(errors.InputError) as caught:
        th.Client("https://u:secret@acme.thulium.com/api", auth=("u", "p"))
    assert "secret" not in str(caught.value)


def test_from_env_reads_the_three_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Client.from_env uses THULIUM_BASE_URL, THULIUM_USER and THULIUM_PASSWORD."""
    monkeypatch.setenv("THULIUM_BASE_URL", BASE)
    monkeypatch.setenv("THULIUM_USER", "api_user")
    monkeypatch.setenv("THULIUM_PASSWORD", "api_pass")
    client = th.Client.from_env()
    assert client.base_url == BASE
    assert "api_pass" not in repr(client)
    monkeypatch.delenv("THULIUM_PASSWORD")
    with pytest.raises(errors.InputError, match="THULIUM_PASSWORD"):
        th.Client.from_env()


def test_runs_on_trio() -> None:
    """The client works under trio through anyio (any httpx transport)."""

    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json=[{"id": "00001", "name": "A", "crm": False}])

    async def main() -> list[th.models.Campaign]:
        async with make_client(transport=httpx2.MockTransport(handler)) as client:
            return await client.outbounds.list()

    campaigns = anyio.run(main, backend="trio")
    assert campaigns[0].id == "00001"


async def test_cancelled_requests_release_their_connections() -> None:
    """Cancelling 64 requests mid-flight leaves the pools and the limiter empty."""
    async with (
        serve_asgi(slow_json_app(0.5, [])) as url,
        th.Client(f"{url}/api", auth=("u", "p"), check_statuses=False) as client,
    ):
        transport = client._transport.http._transport
        assert isinstance(transport, th.ShardedTransport)
        with anyio.move_on_after(0.3):
            async with anyio.create_task_group() as group:
                for _ in range(64):
                    group.start_soon(client.outbounds.list)
        assert transport.in_flight == 0
        assert client.limiter.in_flight == 0
        for pool in transport._pools:
            assert pool._pool._requests == []
            assert all(
                not c.is_available() or c.is_idle() or c.is_closed() for c in pool._pool.connections
            )
        # The same pools still serve requests after the cancellation.
        assert await client.outbounds.list() == []
        assert transport.in_flight == 0


async def test_default_transport_spreads_load_over_small_pools() -> None:
    """32 concurrent requests use 4 pools of at most 8 connections each."""
    async with (
        serve_asgi(slow_json_app(0.05, [])) as url,
        th.Client(
            f"{url}/api", auth=("u", "p"), rate_limit=th.RateLimit(max_concurrency=32)
        ) as client,
    ):
        transport = client._transport.http._transport
        assert isinstance(transport, th.ShardedTransport)
        assert transport.pool_count == 4
        async with anyio.create_task_group() as group:
            for _ in range(96):
                group.start_soon(client.outbounds.list)
        assert client.limiter.peak_in_flight == 32
        assert all(len(pool._pool.connections) <= 8 for pool in transport._pools)
        assert transport.in_flight == 0


async def test_stream_reads_the_body_in_chunks_and_frees_the_slot(
    httpx2_mock: respx.MockRouter,
) -> None:
    """transport.stream yields a streamed response and releases its limiter slot on exit."""
    httpx2_mock.get(f"{BASE}/recordings/7/download").respond(200, content=b"x" * 100_000)
    httpx2_mock.get(f"{BASE}/recordings/8/download").respond(
        404, json={"errors": [{"message": "No."}]}
    )
    async with make_client() as client:
        transport = client._transport
        async with transport.stream("GET", "recordings/7/download") as response:
            assert client.limiter.in_flight == 1
            size = sum([len(chunk) async for chunk in response.aiter_bytes()])
        assert size == 100_000
        assert client.limiter.in_flight == 0
        with pytest.raises(errors.NotFoundError, match=r"No\."):
            async with transport.stream("GET", "recordings/8/download"):
                pass
        assert client.limiter.in_flight == 0


async def test_a_streamed_download_goes_through_the_same_attempt_steps(
    httpx2_mock: respx.MockRouter,
) -> None:
    """Streams fire the request hook per attempt and count attempts on their error.

    (They used to have a send path of their own that skipped both.)
    """
    route = httpx2_mock.get(f"{BASE}/recordings/stream").respond(503)
    seen: list[str] = []
    hooks = th.Hooks(
        on_request=[lambda e: seen.append(f"req{e.attempt}")],
        on_response=[lambda e: seen.append(f"resp{e.status_code}")],
    )
    async with make_client(hooks=hooks, retry=th.RetryPolicy.no_wait(max_attempts=3)) as client:
        with pytest.raises(errors.ServerError) as caught:
            async with client.recordings.stream(filename="a.wav"):
                pass
        assert client.limiter.in_flight == 0
    assert route.call_count == 3
    assert caught.value.attempts == 3
    assert seen == ["req1", "resp503", "req2", "resp503", "req3", "resp503"]


async def test_a_failed_attempt_is_classified_once(
    httpx2_mock: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The retry decision runs once per failed attempt (it used to run up to four times)."""
    from thulium_async._transport import _transport

    calls: list[int] = []
    real = _transport.decide

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_transport, "decide", counting)
    httpx2_mock.get(f"{BASE}/outbounds").mock(
        side_effect=[httpx.Response(503), httpx.Response(502), httpx.Response(200, json=[])]
    )
    async with make_client() as client:
        await client.outbounds.list()
    assert len(calls) == 2


async def test_an_answer_after_a_lost_attempt_says_so(httpx2_mock: respx.MockRouter) -> None:
    """A 207 that follows a 503 carries earlier_maybe_applied; one that follows a 429 does not."""
    created = {"111222333": {"http_status": 201, "status": "OK", "record_id": 5}}
    httpx2_mock.post(f"{BASE}/batch/outbounds/00001/records").mock(
        side_effect=[
            httpx.Response(503),
            httpx.Response(207, json=created),
            httpx.Response(429),
            httpx.Response(207, json=created),
        ]
    )
    async with make_client() as client:
        after_503 = await client.batch.outbounds.records.create(
            "00001", [{"phone_number": "111222333"}]
        )
        after_429 = await client.batch.outbounds.records.create(
            "00001", [{"phone_number": "111222333"}]
        )
    assert after_503.earlier_maybe_applied is True
    assert after_429.earlier_maybe_applied is False
