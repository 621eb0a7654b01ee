"""Transport: sends one API call with auth, limits, retries and observability.

The send path is a stack of small steps, the same for JSON calls and streams:
``request`` / ``stream`` (build once) -> ``_send`` (the retry loop) ->
``_attempt`` (limiter slot, one HTTP exchange, hooks, counters, logging) ->
``_classify`` (a 4xx/5xx becomes an exception, 429 informs the limiter) ->
``_failed`` (what the attempt means for the call: may it have been applied,
and is it retried; decided once).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

import anyio
import attrs
import httpx2
import orjson
import tenacity

from .._config import RateLimit, RetryPolicy
from .._hooks import Hooks, RequestEvent, ResponseEvent, RetryEvent
from .._logging import logger
from .._retry_after import parse_retry_after
from .._tracing import NO_TRACING, Tracing
from ..errors import APIError, ThuliumError, TransportError
from ._body import DEFAULT_MAX_BODY, read_body, read_window
from ._capture import record
from ._errors import transport_error, with_retry_history
from ._guards import closed, redirect
from ._limiter import Limiter, Sleep
from ._loop import LoopBinding
from ._response import RawResponse, error_from_response
from ._retrying import IDEMPOTENT_METHODS, CallState, decide, retry_strategies
from ._stream import StreamedResponse

__all__ = ["QueryParams", "Transport"]

QueryParams = Sequence[tuple[str, str]]


def basic_auth_header(username: str, password: str) -> str:
    """The HTTP Basic ``Authorization`` value (no trailing newline, unlike the docs' example)."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


class Transport:
    """Speaks HTTP for one client: knows no resource and no model."""

    def __init__(
        self,
        *,
        base_url: str,
        http: httpx2.AsyncClient | LoopBinding,
        headers: Mapping[str, str],
        limiter: Limiter,
        retry: RetryPolicy,
        timeout: httpx2.Timeout,
        hooks: Hooks,
        owns_http: bool,
        sleep: Sleep = anyio.sleep,
        tracing: Tracing = NO_TRACING,
        max_body: int = DEFAULT_MAX_BODY,
        http_factory: Callable[[], httpx2.AsyncClient] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        # Clones pass the binding itself: they share the connections of every loop.
        self._binding = (
            http if isinstance(http, LoopBinding) else LoopBinding(http, factory=http_factory)
        )
        self._binding.attach(limiter)
        self.headers = dict(headers)
        self.limiter = limiter
        self.retry = retry
        self.timeout = timeout
        self.hooks = hooks
        self.owns_http = owns_http
        self.max_body = max_body
        self.stats = TransportStats()
        self._sleep = sleep
        self._strategies = retry_strategies(retry)
        self.tracing = tracing

    def __repr__(self) -> str:
        return f"<Transport {self.base_url}>"

    @property
    def http(self) -> httpx2.AsyncClient:
        """The httpx2 client of the event loop this transport was used in last."""
        return self._binding.bound

    def clone(
        self,
        *,
        retry: RetryPolicy | None = None,
        timeout: httpx2.Timeout | None = None,
        rate_limit: RateLimit | None = None,
        hooks: Hooks | None = None,
        tracing: Tracing | None = None,
    ) -> Transport:
        """A transport sharing this one's connections (and limiter, unless replaced)."""
        clone = Transport(
            base_url=self.base_url,
            http=self._binding,
            headers=self.headers,
            limiter=(
                Limiter(rate_limit, key=self.limiter.key)
                if rate_limit is not None
                else self.limiter
            ),
            retry=retry or self.retry,
            timeout=timeout or self.timeout,
            hooks=hooks or self.hooks,
            owns_http=False,
            sleep=self._sleep,
            tracing=tracing or self.tracing,
            max_body=self.max_body,
        )
        clone.stats = self.stats
        return clone

    async def aclose(self) -> None:
        """Close the connection pool if this transport created it."""
        if self.owns_http:
            await self._binding.aclose()

    def _build(
        self,
        method: str,
        path: str,
        params: QueryParams | None,
        json: Any = None,
        content: bytes | None = None,
        content_type: str | None = None,
    ) -> httpx2.Request:
        headers: dict[str, str] | None = self.headers or None
        if json is not None:
            content = orjson.dumps(json)
            content_type = "application/json"
        if content_type is not None:
            headers = {**self.headers, "Content-Type": content_type}
        # The one loop check per call: a new loop gets fresh connections here,
        # before the attempt's limiter slot and send.
        return self._binding.client().build_request(
            method,
            self.base_url + path.lstrip("/"),
            params=list(params) if params else None,
            content=content,
            headers=headers,
            timeout=self.timeout,
        )

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json: Any = None,
        content: bytes | None = None,
        content_type: str | None = None,
        safe_to_repeat: bool = False,
    ) -> RawResponse:
        """Send one API call; retry per the policy; raise our errors, never httpx2's.

        ``json`` is sent as a JSON body; ``content`` + ``content_type`` send raw
        bytes instead (file uploads).
        """
        request = self._build(method, path, params, json, content, content_type)
        answer = await self._send(request, self._call(request, safe_to_repeat), stream=False)
        assert isinstance(answer, RawResponse)
        return answer

    @contextlib.asynccontextmanager
    async def stream(
        self, method: str, path: str, *, params: QueryParams | None = None
    ) -> AsyncIterator[StreamedResponse]:
        """A response whose body is read as it arrives (downloads), never held whole.

        Retries apply until the headers arrive; an error status is raised as
        for ``request``. The limiter slot is held until the block exits, since
        the download occupies a connection.
        """
        request = self._build(method, path, params)
        answer = await self._send(request, self._call(request, False), stream=True)
        assert isinstance(answer, StreamedResponse)
        try:
            yield answer
        finally:
            await answer.aclose()

    @staticmethod
    def _call(request: httpx2.Request, safe_to_repeat: bool) -> CallState:
        method = request.method
        return CallState(
            method=method,
            url=_loggable(request.url),
            repeatable=safe_to_repeat or method in IDEMPOTENT_METHODS,
        )

    async def _send(
        self, request: httpx2.Request, call: CallState, *, stream: bool
    ) -> RawResponse | StreamedResponse:
        """One call, traced as one span (its attempts under it)."""
        with self.tracing.call(request):
            return await self._retry_loop(request, call, stream=stream)

    async def _retry_loop(
        self, request: httpx2.Request, call: CallState, *, stream: bool
    ) -> RawResponse | StreamedResponse:
        """The retry loop around :meth:`_attempt`, the one place an attempt is made."""
        started = time.monotonic()
        if self.retry.deadline is not None:
            call.deadline_at = started + self.retry.deadline
        try:
            return await self._attempt(request, call, stream=stream)
        except ThuliumError as error:
            decision = call.decision
            if decision is None or not decision.retry or self.retry.max_attempts == 1:
                raise
            first_error = error
        # Most calls succeed at once: tenacity (~30 µs a call) only runs for retries,
        # and starts from the first attempt's real outcome.
        retrying = tenacity.AsyncRetrying(
            sleep=self._sleep,
            stop=self._strategies.stop,
            wait=self._strategies.wait,
            retry=self._strategies.retry,
            before_sleep=self._on_retry,
            reraise=True,
        )
        retrying.begin()
        state = tenacity.RetryCallState(retrying, fn=None, args=(), kwargs={"call": call})
        state.start_time = started  # the deadline covers the first attempt too
        state.set_exception((type(first_error), first_error, first_error.__traceback__))
        while True:
            try:
                action = await retrying.iter(state)  # raises the last error when it gives up
            except TransportError as error:
                with_retry_history(error, elapsed=time.monotonic() - started)
                raise
            assert isinstance(action, tenacity.DoSleep)
            state.prepare_for_next_attempt()
            await self._sleep(float(action))
            try:
                return await self._attempt(request, call, stream=stream)
            except ThuliumError as error:
                state.set_exception((type(error), error, error.__traceback__))

    async def _attempt(
        self, request: httpx2.Request, call: CallState, *, stream: bool
    ) -> RawResponse | StreamedResponse:
        """One attempt, traced as one CLIENT span (an error arrives there as the exception)."""
        with self.tracing.attempt(request, call) as span:
            answer = await self._exchange(request, call, stream=stream)
            span.answered(answer)
            return answer

    async def _exchange(
        self, request: httpx2.Request, call: CallState, *, stream: bool
    ) -> RawResponse | StreamedResponse:
        """One HTTP exchange: slot, send, hooks, counters, and the attempt's one decision.

        The body is read here unless the caller streams a 2xx answer, in which
        case the slot stays held until the stream is closed.
        """
        call.attempts += 1
        call.decision = None
        method, url = call.method, call.url
        event = RequestEvent(method=method, url=url, attempt=call.attempts)
        self._emit(self.hooks.on_request, event)
        if refused := closed(self.http, method, url):
            raise refused
        slot = await self.limiter.acquire()
        started = time.perf_counter()
        self.stats.requests += 1
        try:
            response = await self.http.send(request, stream=True)
            if stream and response.status_code < 300:
                raw = self._answer(response, b"", started, call)
                self._observe(raw)
                await self.limiter.observe(slot, throttled=False)
                return StreamedResponse(
                    response,
                    method=method,
                    url=url,
                    release=functools.partial(self.limiter.release, slot),
                )
            try:
                content = await read_body(
                    response,
                    within=read_window(self.timeout.read, call.deadline_at),
                    max_bytes=self.max_body,
                    method=method,
                    url=url,
                )
            finally:
                await response.aclose()
        except httpx2.TransportError as exc:
            await self.limiter.release(slot)
            error = transport_error(exc, method=method, url=url, attempts=call.attempts)
            self.stats.transport_errors += 1
            raise self._failed(error, call) from exc
        except ThuliumError:  # a body over the size cap: answered, so the slot goes back whole
            await self.limiter.release(slot)
            raise
        except BaseException as exc:
            self.limiter.release_nowait(slot)
            if isinstance(exc, RuntimeError) and (refused := closed(self.http, method, url)):
                raise refused from None  # closed while this call was in flight
            raise
        await self.limiter.release(slot)
        raw = self._answer(response, content, started, call)
        self._observe(raw)
        if redirected := redirect(raw):
            raise self._failed(redirected, call)
        if raw.status_code >= 400:
            refusal, retry_after = self._classify(raw)
            await self.limiter.observe(
                slot, throttled=raw.status_code == 429, retry_after=retry_after
            )
            raise self._failed(refusal, call)
        await self.limiter.observe(slot, throttled=False)
        return raw

    def _answer(
        self, response: httpx2.Response, content: bytes, started: float, call: CallState
    ) -> RawResponse:
        return RawResponse(
            method=call.method,
            url=call.url,
            status_code=response.status_code,
            headers=response.headers,
            content=content,
            elapsed=time.perf_counter() - started,
            attempts=call.attempts,
            earlier_maybe_applied=call.maybe_applied,
        )

    def _failed(self, error: ThuliumError, call: CallState) -> ThuliumError:
        """Record what a failed attempt means for the call; decide its retry once."""
        error.earlier_maybe_applied = call.maybe_applied
        call.maybe_applied = call.maybe_applied or error.attempt_maybe_applied
        call.decision = decide(error, repeatable=call.repeatable, policy=self.retry)
        return error

    def _classify(self, raw: RawResponse) -> tuple[APIError, float | None]:
        """The error for an error answer, and the Retry-After the limiter may act on.

        A 429's Retry-After delays that request's own retry (the retry policy);
        the limiter decides whether 429s together mean the pace is over the
        limit. A Retry-After longer than the policy allows is the caller's to
        handle: it pauses no other call.
        """
        error = error_from_response(raw)
        delay = None
        if raw.status_code == 429:
            self.stats.throttled += 1
            delay = parse_retry_after(raw.headers.get("retry-after"))
            if delay is not None and delay > self.retry.max_retry_after:
                delay = None
        return error, delay

    def _observe(self, raw: RawResponse) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d in %.1f ms (attempt %d, request_id=%s)",
                raw.method,
                raw.url,
                raw.status_code,
                raw.elapsed * 1000,
                raw.attempts,
                raw.headers.get("x-request-id"),
            )
        if self.hooks.on_response:
            event = ResponseEvent(
                method=raw.method,
                url=raw.url,
                attempt=raw.attempts,
                status_code=raw.status_code,
                elapsed=raw.elapsed,
                request_id=raw.request_id,
            )
            self._emit(self.hooks.on_response, event)
        record(raw)

    def _on_retry(self, state: tenacity.RetryCallState) -> None:
        call = state.kwargs["call"]
        assert isinstance(call, CallState)
        assert call.decision is not None
        self.stats.retries += 1
        delay = state.upcoming_sleep
        logger.info(
            "retrying %s %s in %.2f s (attempt %d of %d): %s",
            call.method,
            call.url,
            delay,
            state.attempt_number + 1,
            self.retry.max_attempts,
            call.decision.reason,
        )
        event = RetryEvent(
            method=call.method,
            url=call.url,
            attempt=state.attempt_number,
            delay=delay,
            reason=call.decision.reason,
        )
        self._emit(self.hooks.on_retry, event)

    @staticmethod
    def _emit(callbacks: Sequence[Any], event: Any) -> None:
        for callback in callbacks:
            try:
                callback(event)
            except Exception:
                logger.exception("a %s hook raised; ignored", type(event).__name__)


@attrs.define
class TransportStats:
    """Counters over the life of a client (shared with its clones)."""

    requests: int = 0
    retries: int = 0
    throttled: int = 0
    transport_errors: int = 0


def _loggable(url: httpx2.URL) -> str:
    """The URL without user info, safe for logs and error messages."""
    if url.userinfo:
        url = url.copy_with(username=None, password=None)
    return str(url)
