"""WebhookApp served by uvicorn on 127.0.0.1, events posted over real HTTP."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
import uvicorn

import thulium_async.webhooks as wh
from thulium_async._converter import DEFAULT_TIMEZONE

pytestmark = pytest.mark.loopback

USER, PASSWORD = "thulium", "s3cret"
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


def completed(record_id: int) -> wh.OutboundCompleted:
    return wh.OutboundCompleted(
        id="00001",
        date=dt.datetime(2016, 4, 20, 9, 46, 24, tzinfo=DEFAULT_TIMEZONE),
        record_id=record_id,
        phone_number="523993855",
        connection_id="1416225570.341",
        duration=69,
        billsec=67,
    )


class Served:
    """A uvicorn server running in the test's own event loop."""

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(
            app, lifespan="on", log_level="warning", access_log=False, http="h11", ws="none"
        )
        self.server = uvicorn.Server(config)
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.task = asyncio.create_task(self.server.serve(sockets=[self.sock]))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while not self.server.started:
            if self.task.done():
                self.task.result()  # serve() failed: raise its error here
            assert loop.time() < deadline, "uvicorn did not start"
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        self.server.should_exit = True
        if self.task is not None:
            await asyncio.wait_for(self.task, timeout=10)
        self.sock.close()


@pytest.fixture
async def webhooks() -> AsyncIterator[tuple[wh.WebhookApp, Served]]:
    app = wh.WebhookApp(USER, PASSWORD, background=True)
    served = Served(app)
    await served.start()
    try:
        yield app, served
    finally:
        await served.stop()


async def test_events_over_http(webhooks: tuple[wh.WebhookApp, Served]) -> None:
    app, served = webhooks
    received: list[wh.OutboundCompleted] = []
    everything: list[wh.WebhookEvent] = []

    @app.on(wh.OutboundCompleted)
    async def on_completed(event: wh.OutboundCompleted) -> None:
        await asyncio.sleep(0.02)  # still running when the server is told to stop
        received.append(event)

    app.on_any(everything.append)

    sent = [completed(n) for n in range(20)]
    async with httpx2.AsyncClient(base_url=served.url, headers={"authorization": AUTH}) as client:
        bodies = [wh.encode_event(event, form=n % 2 == 0) for n, event in enumerate(sent)]
        responses = await asyncio.gather(
            *(client.post("/thulium/", content=b, headers={"content-type": ct}) for b, ct in bodies)
        )
        form_type = {"content-type": "application/x-www-form-urlencoded"}
        unknown = await client.post("/", content=b"action=NEW_ONE", headers=form_type)
        refused = await client.post(
            "/", content=bodies[0][0], headers={"authorization": "Basic eDp5"}
        )
        malformed = await client.post(
            "/", content=b"{", headers={"content-type": "application/json"}
        )
        wrong_method = await client.get("/")
    assert [r.status_code for r in responses] == [200] * 20
    assert unknown.status_code == 200
    assert refused.status_code == 401
    assert "basic" in refused.headers["www-authenticate"].lower()
    assert malformed.status_code == 400
    assert wrong_method.status_code == 405

    # Stopping the server runs the ASGI lifespan shutdown, which awaits the handlers.
    await served.stop()
    assert sorted(received, key=lambda e: e.record_id or 0) == sent
    assert len(everything) == 21
    assert wh.UnknownEvent(action="NEW_ONE", raw={"action": "NEW_ONE"}) in everything
    assert app.pending == 0
