"""WebhookApp as an ASGI application: routing to handlers, auth, status codes, background runs."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import gc
import logging
import threading
from typing import Any

import httpx2
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount, Route

import thulium_async.webhooks as wh
from thulium_async._converter import DEFAULT_TIMEZONE
from thulium_async.errors import InputError
from thulium_async.webhooks import _auth

DATE = dt.datetime(2016, 4, 20, 9, 46, 24, tzinfo=DEFAULT_TIMEZONE)
COMPLETED = wh.OutboundCompleted(
    id="00001", date=DATE, record_id=162, phone_number="523993855", connection_id="1416225570.341"
)
BODY, CONTENT_TYPE = wh.encode_event(COMPLETED)
USER, PASSWORD = "thulium", "pa:ss wörd"


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def client_for(app: Any) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=app), base_url="http://thulium.test"
    )


async def post(
    app: Any,
    body: bytes = BODY,
    content_type: str | None = CONTENT_TYPE,
    path: str = "/",
    **headers: str,
) -> httpx2.Response:
    if content_type is not None:
        headers["content-type"] = content_type
    async with client_for(app) as client:
        return await client.post(path, content=body, headers=headers)


async def test_handlers_receive_typed_events() -> None:
    app = wh.WebhookApp()
    seen: list[tuple[str, wh.WebhookEvent]] = []

    @app.on(wh.OutboundCompleted)
    async def exact(event: wh.OutboundCompleted) -> None:
        seen.append(("exact", event))

    @app.on(wh.OutboundEvent)
    def family(event: wh.OutboundEvent) -> None:
        seen.append(("family", event))

    @app.on_any
    async def everything(event: wh.WebhookEvent) -> None:
        seen.append(("any", event))

    @app.on(wh.TicketEvent)
    async def tickets(event: wh.TicketEvent) -> None:
        seen.append(("tickets", event))

    response = await post(app)
    assert response.status_code == 200
    assert response.content == b""
    assert seen == [("exact", COMPLETED), ("family", COMPLETED), ("any", COMPLETED)]


async def test_json_bodies_and_any_path() -> None:
    app = wh.WebhookApp()
    seen: list[wh.WebhookEvent] = []
    app.add_handler(wh.OutboundCompleted, seen.append)
    body, content_type = wh.encode_event(COMPLETED, form=False)
    assert (await post(app, body, content_type, path="/any/where")).status_code == 200
    assert (await post(app, body, None)).status_code == 200
    assert seen == [COMPLETED, COMPLETED]


async def test_unknown_actions_reach_their_fallbacks() -> None:
    app = wh.WebhookApp()
    unknown: list[wh.UnknownEvent] = []
    anything: list[wh.WebhookEvent] = []
    app.on(wh.UnknownEvent)(unknown.append)
    app.on_any(anything.append)
    response = await post(app, b"action=FUTURE_THING&x=1", "application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert (
        unknown
        == anything
        == [wh.UnknownEvent(action="FUTURE_THING", raw={"action": "FUTURE_THING", "x": "1"})]
    )


async def test_events_without_handlers_are_acknowledged() -> None:
    assert (await post(wh.WebhookApp())).status_code == 200


async def test_sync_handlers_run_off_the_event_loop() -> None:
    app = wh.WebhookApp()
    threads: list[int] = []
    app.on(wh.OutboundCompleted)(lambda event: threads.append(threading.get_ident()))
    await post(app)
    assert threads
    assert threads != [threading.get_ident()]


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "HEAD"])
async def test_only_post(method: str) -> None:
    async with client_for(wh.WebhookApp()) as client:
        response = await client.request(method, "/")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_malformed_payload_is_400_with_a_reason(caplog: pytest.LogCaptureFixture) -> None:
    app = wh.WebhookApp()
    called: list[Any] = []
    app.on_any(called.append)
    with caplog.at_level(logging.WARNING, logger="thulium_async.webhooks"):
        response = await post(
            app,
            b"action=TICKET_CLOSED&ticket_id=abc&date=2016-04-20+09:46:24",
            "application/x-www-form-urlencoded",
        )
    assert response.status_code == 400
    assert "ticket_id" in response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert "ticket_id" in caplog.text
    assert (await post(app, b"{broken", "application/json")).status_code == 400
    assert (await post(app, b"no action here", None)).status_code == 400
    assert called == []


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/json; charset=nope"]
)
async def test_unsupported_content_type_is_415(content_type: str) -> None:
    assert (await post(wh.WebhookApp(), content_type=content_type)).status_code == 415


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "hex", "bz2", "quopri", "uu"])
async def test_a_codec_that_is_not_a_text_encoding_is_415(charset: str) -> None:
    """codecs knows them, but they turn bytes into bytes: 415, never a 500 with a traceback."""
    response = await post(wh.WebhookApp(), content_type=f"application/json; charset={charset}")
    assert response.status_code == 415
    assert "unsupported charset" in response.text


async def test_oversized_body_is_413() -> None:
    app = wh.WebhookApp(max_body_size=len(BODY) - 1)
    assert (await post(app)).status_code == 413
    assert (await post(wh.WebhookApp(max_body_size=len(BODY)))).status_code == 200


# -- authentication -----------------------------------------------------------


async def test_right_credentials_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = _auth.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(_auth.hmac, "compare_digest", spy)
    app = wh.WebhookApp(USER, PASSWORD)
    seen: list[Any] = []
    app.on_any(seen.append)
    response = await post(app, authorization=basic(USER, PASSWORD))
    assert response.status_code == 200
    assert seen == [COMPLETED]
    assert len(compared) == 2  # user and password, both compared in constant time


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        basic(USER, "wrong"),
        basic("intruder", PASSWORD),
        basic(USER, PASSWORD + "x"),
        basic(USER, ""),
        "Basic",
        "Basic ",
        "Basic !!!not-base64!!!",
        "Basic " + base64.b64encode(b"no-colon-here").decode(),
        "Bearer " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
        basic(USER, PASSWORD)[:-2],
    ],
    ids=[
        "missing",
        "wrong-password",
        "wrong-user",
        "longer-password",
        "empty-password",
        "scheme-only",
        "empty-token",
        "not-base64",
        "no-colon",
        "bearer",
        "truncated",
    ],
)
async def test_wrong_credentials_are_refused(authorization: str | None) -> None:
    app = wh.WebhookApp(USER, PASSWORD)
    seen: list[Any] = []
    app.on_any(seen.append)
    headers = {} if authorization is None else {"authorization": authorization}
    response = await post(app, **headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Basic realm=")
    assert seen == []


async def test_scheme_is_case_insensitive() -> None:
    app = wh.WebhookApp(USER, PASSWORD)
    assert (
        await post(app, authorization=basic(USER, PASSWORD).replace("Basic", "basic"))
    ).status_code == 200


async def test_credentials_never_reach_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    app = wh.WebhookApp(USER, PASSWORD)

    @app.on_any
    def boom(event: wh.WebhookEvent) -> None:
        raise RuntimeError("handler failed")

    with caplog.at_level(logging.DEBUG):
        await post(app, authorization=basic(USER, "guess"))
        await post(app, authorization=basic(USER, PASSWORD))
        await post(
            app,
            b"action=TICKET_CLOSED",
            "application/x-www-form-urlencoded",
            authorization=basic(USER, PASSWORD),
        )
    assert "handler failed" in caplog.text
    token = basic(USER, PASSWORD).split()[1]
    for secret in (PASSWORD, "guess", token):
        assert secret not in caplog.text
    assert PASSWORD not in repr(app)


def test_invalid_configuration() -> None:
    with pytest.raises(InputError):
        wh.WebhookApp(USER)
    with pytest.raises(InputError):
        wh.WebhookApp(password=PASSWORD)
    with pytest.raises(InputError):
        wh.WebhookApp(on_error="ignore")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        wh.WebhookApp(background=True, on_error="500")
    with pytest.raises(InputError):
        wh.WebhookApp(max_body_size=0)
    with pytest.raises(TypeError):
        wh.WebhookApp().on(dict)  # type: ignore[type-var]


# -- handler errors -------------------------------------------------------------


@pytest.mark.parametrize(("on_error", "status"), [("log", 200), ("500", 500)])
async def test_handler_errors(on_error: Any, status: int, caplog: pytest.LogCaptureFixture) -> None:
    app = wh.WebhookApp(on_error=on_error)
    after: list[Any] = []

    @app.on(wh.OutboundCompleted)
    async def failing(event: wh.OutboundCompleted) -> None:
        raise ValueError("database down")

    app.on_any(after.append)
    with caplog.at_level(logging.ERROR, logger="thulium_async.webhooks"):
        response = await post(app)
    assert response.status_code == status
    assert after == [COMPLETED]  # one failing handler does not stop the others
    (record,) = [r for r in caplog.records if r.name == "thulium_async.webhooks"]
    assert "failing" in record.getMessage()
    assert "OUTBOUND_COMPLETED" in record.getMessage()
    assert record.exc_info is not None


async def test_dispatch_reports_failures() -> None:
    app = wh.WebhookApp()
    app.on_any(lambda event: 1 / 0)
    assert await app.dispatch(COMPLETED) is False
    assert await wh.WebhookApp().dispatch(COMPLETED) is True


# -- background -------------------------------------------------------------------


async def test_background_answers_before_handlers_finish() -> None:
    app = wh.WebhookApp(background=True)
    release = asyncio.Event()
    done: list[wh.WebhookEvent] = []

    @app.on(wh.OutboundCompleted)
    async def slow(event: wh.OutboundCompleted) -> None:
        await release.wait()
        done.append(event)

    response = await asyncio.wait_for(post(app), timeout=5)
    assert response.status_code == 200
    assert app.pending == 1
    assert done == []
    gc.collect()  # the app's own reference keeps the task alive
    release.set()
    await app.aclose()
    assert done == [COMPLETED]
    assert app.pending == 0


async def test_background_errors_are_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    async with wh.WebhookApp(background=True) as app:
        app.on_any(lambda event: 1 / 0)
        with caplog.at_level(logging.ERROR, logger="thulium_async.webhooks"):
            assert (await post(app)).status_code == 200
            await app.aclose()
    assert "ZeroDivisionError" in caplog.text


async def test_aclose_timeout_cancels_stuck_handlers(caplog: pytest.LogCaptureFixture) -> None:
    app = wh.WebhookApp(background=True)
    cancelled = asyncio.Event()

    @app.on_any
    async def stuck(event: wh.WebhookEvent) -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    await post(app)
    with caplog.at_level(logging.WARNING, logger="thulium_async.webhooks"):
        await app.aclose(timeout=0.05)
    assert cancelled.is_set()
    assert app.pending == 0
    assert "cancelling 1" in caplog.text


async def test_lifespan_shutdown_waits_for_background_handlers() -> None:
    app = wh.WebhookApp(background=True)
    done: list[Any] = []

    @app.on_any
    async def slow(event: wh.WebhookEvent) -> None:
        await asyncio.sleep(0.05)
        done.append(event)

    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    lifespan = asyncio.create_task(app({"type": "lifespan"}, inbox.get, send))
    await inbox.put({"type": "lifespan.startup"})
    await post(app)
    await post(app)
    await inbox.put({"type": "lifespan.shutdown"})
    await asyncio.wait_for(lifespan, timeout=5)
    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert done == [COMPLETED, COMPLETED]


# -- raw ASGI corners ----------------------------------------------------------------


async def test_client_disconnect_gets_no_response() -> None:
    app = wh.WebhookApp()
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    await app(scope, receive, send)
    assert sent == []


async def test_chunked_body_is_reassembled() -> None:
    app = wh.WebhookApp()
    seen: list[Any] = []
    app.on_any(seen.append)
    chunks = [BODY[:10], BODY[10:20], BODY[20:]]
    messages = [
        {"type": "http.request", "body": c, "more_body": i < 2} for i, c in enumerate(chunks)
    ]
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "headers": [(b"content-type", CONTENT_TYPE.encode())],
    }
    await app(scope, receive, send)
    assert sent[0]["status"] == 200
    assert seen == [COMPLETED]


async def test_websockets_are_closed() -> None:
    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    await wh.WebhookApp()({"type": "websocket", "path": "/"}, receive, send)
    assert sent[0]["type"] == "websocket.close"


# -- inside Starlette ----------------------------------------------------------------


async def test_mounts_under_starlette() -> None:
    webhooks = wh.WebhookApp(USER, PASSWORD)
    seen: list[Any] = []
    webhooks.on(wh.OutboundCompleted)(seen.append)

    async def home(request: Any) -> Any:
        from starlette.responses import PlainTextResponse

        return PlainTextResponse("home")

    site = Starlette(routes=[Route("/", home), Mount("/thulium", app=webhooks)])
    ok = await post(site, path="/thulium/", authorization=basic(USER, PASSWORD))
    assert ok.status_code == 200
    refused = await post(site, path="/thulium/", authorization=basic(USER, "nope"))
    assert refused.status_code == 401
    async with client_for(site) as client:
        assert (await client.get("/")).text == "home"
        assert (await client.get("/thulium/")).status_code == 405
    assert seen == [COMPLETED]


async def test_exact_path_route_under_starlette() -> None:
    webhooks = wh.WebhookApp()
    seen: list[Any] = []
    webhooks.on_any(seen.append)
    site = Starlette(routes=[Route("/thulium", webhooks)])
    assert (await post(site, path="/thulium")).status_code == 200
    assert seen == [COMPLETED]
