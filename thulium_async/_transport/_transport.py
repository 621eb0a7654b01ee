"""Transport: sends one API call with auth, limits, retries and observability.

The send path is a stack of small steps: ``request`` (build once, retry loop)
-> ``_attempt`` (limiter slot, one HTTP exchange, hooks, logging) ->
``_classify`` (a 4xx/5xx becomes an exception, 429 informs the limiter).
"""

from __future__ import annotations

import base64
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import httpx2
import orjson

from .._config import RateLimit, RetryPolicy
from .._hooks import Hooks, RequestEvent, ResponseEvent, RetryEvent
from .._logging import logger
from .._retry_after import parse_retry_after
from ..errors import APIError, ThuliumError, TransportError
from ._capture import record
from ._errors import transport_error
from ._limiter import Limiter
from ._response import RawResponse, error_from_response
from ._retrying import build_retrying, decide

__all__ = ["QueryParams", "Transport"]

QueryParams = Sequence[tuple[str, str]]
T = TypeVar("T")


@attrs.define
class _CallState:
    """What one call learned across its attempts."""

    ambiguous: bool = False
    attempts: int = 0


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
        http: httpx2.AsyncClient,
        headers: Mapping[str, str],
        limiter: Limiter,
        retry: RetryPolicy,
        timeout: httpx2.Timeout,
        hooks: Hooks,
        owns_http: bool,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.http = http
        self.headers = dict(headers)
        self.limiter = limiter
        self.retry = retry
        self.timeout = timeout
        self.hooks = hooks
        self.owns_http = owns_http
        self.stats = TransportStats()

    def __repr__(self) -> str:
        return f"<Transport {self.base_url}>"

    def clone(
        self,
        *,
        retry: RetryPolicy | None = None,
        timeout: httpx2.Timeout | None = None,
        rate_limit: RateLimit | None = None,
        hooks: Hooks | None = None,
    ) -> Transport:
        """A transport sharing this one's connections (and limiter, unless replaced)."""
        clone = Transport(
            base_url=self.base_url,
            http=self.http,
            headers=self.headers,
            limiter=Limiter(rate_limit) if rate_limit is not None else self.limiter,
            retry=retry or self.retry,
            timeout=timeout or self.timeout,
            hooks=hooks or self.hooks,
            owns_http=False,
        )
        clone.stats = self.stats
        return clone

    async def aclose(self) -> None:
        """Close the connection pool if this transport created it."""
        if self.owns_http:
            await self.http.aclose()

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
        return self.http.build_request(
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
        state = _CallState()
        return await self._retrying(
            lambda: self._attempt(request, state), method=method, safe_to_repeat=safe_to_repeat
        )

    @contextlib.asynccontextmanager
    async def stream(
        self, method: str, path: str, *, params: QueryParams | None = None
    ) -> AsyncIterator[httpx2.Response]:
        """A response whose body is read as it arrives (downloads), never held whole.

        Retries apply until the headers arrive; an error status is raised as
        for ``request``. The limiter slot is held until the block exits, since
        the download occupies a connection.
        """
        request = self._build(method, path, params)
        state = _CallState()
        response = await self._retrying(
            lambda: self._open_stream(request, state), method=method, safe_to_repeat=False
        )
        try:
            yield response
        finally:
            await response.aclose()
            self.limiter.release()

    async def _open_stream(self, request: httpx2.Request, state: _CallState) -> httpx2.Response:
        state.attempts += 1
        method, url = request.method, _loggable(request.url)
        await self.limiter.acquire()
        started = time.perf_counter()
        self.stats.requests += 1
        try:
            response = await self.http.send(request, stream=True)
        except httpx2.TransportError as exc:
            self.limiter.release()
            error = transport_error(exc, method=method, url=url)
            self._note_transport_error(error, state)
            raise error from exc
        except BaseException:
            self.limiter.release()
            raise
        if response.status_code < 400:
            return response
        try:
            content = await response.aread()
        finally:
            await response.aclose()
            self.limiter.release()
        raw = RawResponse(
            method=method,
            url=url,
            status_code=response.status_code,
            headers=response.headers,
            content=content,
            elapsed=time.perf_counter() - started,
            attempts=state.attempts,
        )
        self._observe(raw)
        raise self._classify(raw, state)

    async def _retrying(
        self, call: Callable[[], Awaitable[T]], *, method: str, safe_to_repeat: bool
    ) -> T:
        """Run ``call`` once; on a retryable failure, hand the rest to tenacity."""
        started = time.monotonic()
        try:
            return await call()
        except ThuliumError as error:
            first_error = error
        # Most calls succeed at once: tenacity (~30 µs a call) only runs for retries.
        decision = decide(
            first_error, method=method, safe_to_repeat=safe_to_repeat, policy=self.retry
        )
        if not decision.retry or self.retry.max_attempts == 1:
            raise first_error
        retrying = build_retrying(
            self.retry,
            method=method,
            safe_to_repeat=safe_to_repeat,
            on_retry=self._on_retry,
            elapsed=time.monotonic() - started,
        )
        pending: list[ThuliumError] = [first_error]
        async for attempt in retrying:
            with attempt:
                if pending:
                    raise pending.pop()  # replays attempt 1 so tenacity waits and counts it
                return await call()
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    async def _attempt(self, request: httpx2.Request, state: _CallState) -> RawResponse:
        state.attempts += 1
        method, url = request.method, _loggable(request.url)
        self._emit(
            self.hooks.on_request, RequestEvent(method=method, url=url, attempt=state.attempts)
        )
        await self.limiter.acquire()
        started = time.perf_counter()
        self.stats.requests += 1
        try:
            response = await self.http.send(request)
        except httpx2.TransportError as exc:
            error = transport_error(exc, method=method, url=url)
            error.attempts = state.attempts
            self._note_transport_error(error, state)
            raise error from exc
        finally:
            self.limiter.release()
        raw = RawResponse(
            method=method,
            url=url,
            status_code=response.status_code,
            headers=response.headers,
            content=response.content,
            elapsed=time.perf_counter() - started,
            attempts=state.attempts,
        )
        self._observe(raw)
        if raw.status_code >= 400:
            raise self._classify(raw, state)
        return raw

    def _classify(self, raw: RawResponse, state: _CallState) -> APIError:
        error = error_from_response(raw, previous_attempt_ambiguous=state.ambiguous)
        if raw.status_code == 429:
            self.stats.throttled += 1
            delay = parse_retry_after(raw.headers.get("retry-after"))
            # Retry-After: 0 is a retry signal, not a reason to slow down.
            if delay is None or delay > 0:
                self.limiter.throttled()
            if delay:
                self.limiter.pause(min(delay, self.retry.max_retry_after))
        elif raw.status_code >= 500:
            state.ambiguous = True
        return error

    def _note_transport_error(self, error: TransportError, state: _CallState) -> None:
        self.stats.transport_errors += 1
        if error.reached_server is not False:
            state.ambiguous = True

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

    def _on_retry(self, state: Any, decision: Any, delay: float) -> None:
        self.stats.retries += 1
        error = state.outcome.exception()
        method = getattr(error, "method", "?")
        url = getattr(error, "url", "?")
        logger.info(
            "retrying %s %s in %.2f s (attempt %d of %d): %s",
            method,
            url,
            delay,
            state.attempt_number + 1,
            self.retry.max_attempts,
            decision.reason,
        )
        event = RetryEvent(
            method=method,
            url=url,
            attempt=state.attempt_number,
            delay=delay,
            reason=decision.reason,
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
