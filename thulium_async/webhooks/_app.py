"""WebhookApp: a plain ASGI application that receives Thulium webhooks."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, Literal, TypeVar

from .._converter import DEFAULT_TIMEZONE
from ..errors import InputError
from ._asgi import BodyTooLarge, Receive, Scope, Send, header, read_body, respond
from ._auth import BasicAuth
from ._base import WebhookEvent
from ._body import media_type
from ._codec import parse_event
from ._errors import UnsupportedContentTypeError, WebhookPayloadError
from ._handlers import HandlerRegistry, check_event_type, logger

__all__ = ["WebhookApp"]

E = TypeVar("E", bound=WebhookEvent)
F = TypeVar("F", bound=Callable[..., Any])

_ALLOW = [(b"allow", b"POST")]
_CHALLENGE = [(b"www-authenticate", b'Basic realm="thulium-webhooks", charset="UTF-8"')]
_MAX_REASON = 200


class WebhookApp:
    """An ASGI application that receives Thulium webhooks and calls your handlers.

    Mount it in Starlette or FastAPI (``Mount("/thulium", app=webhooks)``, then
    configure ``https://host/thulium/`` with the trailing slash; or
    ``Route("/thulium", webhooks)``) or serve it on its own with uvicorn. It
    accepts POST only (405 otherwise) on any path and answers:

    - 200 with an empty body once the handlers ran (or, with ``background=True``,
      once the event is parsed and queued);
    - 401 with a ``WWW-Authenticate`` challenge when ``username``/``password``
      are set and the request's Basic credentials do not match;
    - 415 for a Content-Type other than JSON or form data, 413 for a body over
      ``max_body_size`` bytes, 400 with a short reason for a malformed payload;
    - 500 when a handler raised and ``on_error="500"`` (Thulium then retries).

    Args:
        username: the Basic-auth user configured for the webhook in Thulium.
        password: its password; both or neither must be given.
        background: run handlers after answering, as tracked tasks awaited by
            :meth:`aclose` (and on ASGI lifespan shutdown). Handlers may then
            run concurrently and out of order. Requires asyncio.
        on_error: ``"log"`` answers 200 even when a handler raised (it is
            logged); ``"500"`` answers 500. Not allowed with ``background``,
            where the answer is sent before handlers run.
        timezone: the account's time zone, in which payload dates are read.
        max_body_size: the largest body accepted, in bytes.
    """

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        background: bool = False,
        on_error: Literal["log", "500"] = "log",
        timezone: dt.tzinfo = DEFAULT_TIMEZONE,
        max_body_size: int = 1 << 20,
    ) -> None:
        if (username is None) != (password is None):
            raise InputError("username/password", "both or neither", "only one")
        if on_error not in ("log", "500"):
            raise InputError("on_error", "'log' or '500'", on_error)
        if background and on_error == "500":
            raise InputError("on_error", "'log' when background=True", on_error)
        if type(max_body_size) is not int or max_body_size < 1:
            raise InputError("max_body_size", "a whole number >= 1", max_body_size)
        self._auth = None if username is None or password is None else BasicAuth(username, password)
        self._background = background
        self._fail_status = 500 if on_error == "500" else 200
        self._timezone = timezone
        self._max_body_size = max_body_size
        self._handlers = HandlerRegistry()
        self._tasks: set[asyncio.Task[None]] = set()

    def __repr__(self) -> str:
        return (
            f"WebhookApp(auth={self._auth is not None}, background={self._background}, "
            f"on_error={'500' if self._fail_status == 500 else 'log'!r})"
        )

    # -- registry ----------------------------------------------------------

    def on(
        self, event_type: type[E]
    ) -> Callable[[Callable[[E], Awaitable[None] | None]], Callable[[E], Awaitable[None] | None]]:
        """Decorator: call the handler with every event that is an ``event_type``.

        A base class (``OutboundEvent``) receives all its subclasses' events;
        ``UnknownEvent`` receives actions this library does not know. Handlers
        may be ``async def`` or plain functions (run in a worker thread).
        Stack decorators to register one handler for several types.
        """
        check_event_type(event_type)

        def decorator(
            handler: Callable[[E], Awaitable[None] | None],
        ) -> Callable[[E], Awaitable[None] | None]:
            self._handlers.add(event_type, handler)
            return handler

        return decorator

    def on_any(self, handler: F) -> F:
        """Decorator: call the handler with every event, unknown actions included."""
        self._handlers.add(WebhookEvent, handler)
        return handler

    def add_handler(
        self, event_type: type[E], handler: Callable[[E], Awaitable[None] | None]
    ) -> None:
        """Register ``handler`` for ``event_type`` without decorator syntax."""
        self._handlers.add(event_type, handler)

    async def dispatch(self, event: WebhookEvent) -> bool:
        """Run the handlers registered for ``event`` now; False if one raised.

        For receiving webhooks through your own route instead of this app.
        """
        return await self._handlers.run(event)

    # -- background tasks ----------------------------------------------------

    @property
    def pending(self) -> int:
        """Background handler runs not finished yet."""
        return len(self._tasks)

    async def aclose(self, *, timeout: float | None = None) -> None:  # noqa: ASYNC109 - a bound on the drain, not on a call
        """Wait for every background handler run to finish.

        After ``timeout`` seconds the remaining runs are cancelled (and logged).
        Call it on shutdown when the app is mounted in another application: a
        mounted app does not receive lifespan events.
        """
        if not self._tasks:
            return  # nothing to drain: fine on any event loop
        loop = _asyncio_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while self._tasks:
            remaining = None if deadline is None else max(0.0, deadline - loop.time())
            _, pending = await asyncio.wait(set(self._tasks), timeout=remaining)
            if pending and deadline is not None and loop.time() >= deadline:
                logger.warning("cancelling %d webhook handler run(s) at shutdown", len(pending))
                for task in pending:
                    task.cancel()
                await asyncio.wait(pending)

    async def __aenter__(self) -> WebhookApp:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def _spawn(self, event: WebhookEvent) -> None:
        loop = _asyncio_loop()  # before the coroutine exists, so none is left unawaited
        task = loop.create_task(self._run_detached(event))
        # The set holds a strong reference: the loop keeps only weak ones.
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_detached(self, event: WebhookEvent) -> None:
        await self._handlers.run(event)

    # -- ASGI ----------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry point (http and lifespan scopes)."""
        kind = scope["type"]
        if kind == "http":
            await self._http(scope, receive, send)
        elif kind == "lifespan":
            await self._lifespan(receive, send)
        elif kind == "websocket":
            await send({"type": "websocket.close", "code": 1008})

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "POST":
            await respond(send, 405, "only POST is accepted", _ALLOW)
            return
        if self._auth is not None and not self._auth.check(header(scope, b"authorization")):
            logger.info("webhook refused: missing or wrong credentials from %s", _client(scope))
            await respond(send, 401, "authentication required", _CHALLENGE)
            return
        raw_type = header(scope, b"content-type")
        content_type = None if raw_type is None else raw_type.decode("latin-1")
        try:
            media_type(content_type)
        except UnsupportedContentTypeError as exc:
            await respond(send, 415, str(exc)[:_MAX_REASON])
            return
        try:
            body = await read_body(receive, self._max_body_size)
        except BodyTooLarge:
            await respond(send, 413, f"body over {self._max_body_size} bytes")
            return
        if body is None:
            return
        try:
            event = parse_event(body, content_type, timezone=self._timezone)
        except WebhookPayloadError as exc:
            logger.warning("webhook rejected: %s", exc)
            await respond(send, 400, str(exc)[:_MAX_REASON])
            return
        if self._background:
            self._spawn(event)
            await respond(send, 200)
            return
        ok = await self._handlers.run(event)
        await respond(send, 200 if ok else self._fail_status)


def _asyncio_loop() -> asyncio.AbstractEventLoop:
    """The running asyncio loop; background runs are asyncio tasks, so trio is refused."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        raise RuntimeError(
            "WebhookApp(background=True) runs on asyncio only (handlers run as asyncio "
            "tasks); under trio use WebhookApp(background=False)"
        ) from None


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return f"{client[0]}:{client[1]}" if client else "unknown client"
