"""What runs under trio, run under trio (and asyncio): the client, the fake in process
and over HTTP, the webhook receiver; and the clear errors of the asyncio-only parts.

Each test runs its body with ``anyio.run(..., backend=...)``: under pytest-asyncio's
auto mode an ``async def`` test would always run on asyncio.
"""

from __future__ import annotations

import datetime as dt

import anyio
import httpx2
import pytest

import thulium_async as th
import thulium_async.webhooks as wh
from tests.support import campaign_fake
from thulium_async._converter import DEFAULT_TIMEZONE
from thulium_async.testing import FakeThulium

AUTH = ("api_user", "api_pass")
EVENT = wh.OutboundCompleted(
    id="00001",
    date=dt.datetime(2024, 5, 1, 12, 0, tzinfo=DEFAULT_TIMEZONE),
    record_id=1,
    phone_number="600100200",
    connection_id="1.1",
)
BODY, CONTENT_TYPE = wh.encode_event(EVENT)
backends = pytest.mark.parametrize("backend", ["asyncio", "trio"])


@pytest.fixture
def fake() -> FakeThulium:
    """A fake with one campaign and two records."""
    return campaign_fake("600100200", "600100201")


async def _post(app: wh.WebhookApp) -> httpx2.Response:
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app)) as http:
        return await http.post(
            "http://receiver/", content=BODY, headers={"content-type": CONTENT_TYPE}
        )


@backends
def test_the_client_in_process(backend, fake):
    async def main() -> int:
        async with fake.client() as client:
            assert (await client.request("GET", "agents")).status_code == 200
            return await client.outbounds.records.list("00001").count()

    assert anyio.run(main, backend=backend) == 2


@pytest.mark.loopback
@backends
def test_fake_serve_over_http(backend, fake):
    async def main() -> list[str]:
        async with fake.serve() as base_url, th.Client(base_url, auth=AUTH) as client:
            numbers = [r.phone_number async for r in client.outbounds.records.list("00001")]
        retry = th.RetryPolicy(max_attempts=1)
        with pytest.raises(th.errors.TransportError):  # stopped with the block
            async with th.Client(base_url, auth=AUTH, retry=retry) as client:
                await client.outbounds.list()
        return numbers

    assert anyio.run(main, backend=backend) == ["600100200", "600100201"]


@backends
def test_webhook_app_in_process(backend):
    app = wh.WebhookApp()
    seen: list[wh.WebhookEvent] = []
    app.on(wh.OutboundCompleted)(seen.append)

    async def main() -> int:
        response = await _post(app)
        await app.aclose()  # nothing pending: fine on either backend
        return response.status_code

    assert anyio.run(main, backend=backend) == 200
    assert [event.record_id for event in seen] == [1]


@backends
def test_background_webhook_app_is_asyncio_only(backend):
    app = wh.WebhookApp(background=True)
    seen: list[wh.WebhookEvent] = []
    app.on_any(seen.append)

    async def main() -> int:
        response = await _post(app)
        await app.aclose()
        return response.status_code

    if backend == "asyncio":
        assert anyio.run(main, backend=backend) == 200
        assert len(seen) == 1
    else:
        with pytest.raises(RuntimeError, match=r"asyncio only.*background=False"):
            anyio.run(main, backend=backend)
        assert seen == []


@backends
def test_fake_webhook_delivery_is_asyncio_only(backend, fake):
    answer = httpx2.MockTransport(lambda request: httpx2.Response(204))
    subscription = fake.subscribe_webhooks("http://receiver/", transport=answer)
    events = fake.collect_webhooks()  # works everywhere, no HTTP
    fake.emit_webhook(EVENT)
    assert events == [EVENT]

    async def main() -> None:
        await fake.webhooks_settled()

    if backend == "trio":
        with pytest.raises(RuntimeError, match=r"asyncio only.*collect_webhooks"):
            anyio.run(main, backend=backend)
    else:
        anyio.run(main, backend=backend)
        assert [delivery.status_code for delivery in subscription.deliveries] == [204]
