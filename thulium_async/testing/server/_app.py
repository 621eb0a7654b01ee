"""The fake as a raw ASGI application: faults, auth, routing, strictness, error bodies.

One plain ASGI callable with its own router rather than a framework stack: this
is the hot path of the benchmarks, so a request costs a header scan, a segment
match, one ``orjson`` parse and one dump.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import itertools
import logging
import random
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, NamedTuple, NoReturn
from urllib.parse import parse_qsl

import orjson

from ..shared._validate import Query
from ._counters import Counters, ReceivedRequest
from ._errors import ApiError, bad_request
from ._faults import Fault, FaultInjector
from ._legacy import is_legacy
from ._messages import render
from ._routing import Blob, Ctx, Route, Router
from ._state import State

logger = logging.getLogger("thulium_async.testing")

__all__ = ["ConnectionDropped", "FakeApp"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_JSON = b"application/json; charset=utf-8"
_FAULT_KEYS = {
    500: "server_error",
    502: "bad_gateway",
    503: "unavailable",
    429: "too_many_requests",
}


class ErrorPayload(NamedTuple):
    """A rendered Thulium error body and the request id it carries."""

    body: bytes
    request_id: str


class ConnectionDropped(Exception):
    """Raised by the app after starting a response, so the connection is cut mid-answer."""


class FakeApp:
    """ASGI app over a ``State``; ``injector`` (faults) may be swapped at any time."""

    def __init__(
        self,
        state: State,
        router: Router,
        *,
        username: str,
        password: str,
        strict: bool,
        seed: int,
        keep_requests: int | None,
    ) -> None:
        self.state = state
        self.router = router
        self.strict = strict
        self.counters = Counters()
        self.injector: FaultInjector | None = None
        self.requests: deque[ReceivedRequest] = deque(maxlen=keep_requests)
        self._credentials = f"{username}:{password}".encode()
        self._auth = b"Basic " + base64.b64encode(self._credentials)
        self._id_prefix = f"{random.Random(seed).getrandbits(32):08x}"
        self._numbers = itertools.count(1)  # request ids stay unique across clear_requests()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry point."""
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await _lifespan(receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        counters = self.counters
        counters.total += 1
        counters.in_flight += 1
        counters.peak_concurrency = max(counters.peak_concurrency, counters.in_flight)
        try:
            await self._handle(scope, body, send)
        finally:
            counters.in_flight -= 1

    async def _handle(self, scope: Scope, body: bytes, send: Send) -> None:
        number = next(self._numbers)
        method: str = scope["method"]
        full_path: str = scope["path"]
        in_api = full_path.startswith("/api/")
        path = full_path[5:].rstrip("/") if in_api else full_path
        raw_query: bytes = scope["query_string"]
        pairs = parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True) if raw_query else []
        match = self.router.match(method, path) if in_api else None
        parsed, bad_json = None, False
        if body and not (match is not None and match[0].raw):
            try:
                parsed = orjson.loads(body)
            except orjson.JSONDecodeError:
                bad_json = True

        # Decided on arrival, before any await, so the n-th request meets the same fault.
        fault, retry_after, why = None, None, ""
        injector = self.injector
        if injector is not None:
            fault, retry_after, why = injector.decide(method, path, self.counters.in_flight)
            delay = injector.delay()
            if delay:
                await asyncio.sleep(delay)

        polish, authorized, content_type = self._read_headers(scope["headers"])
        if fault is not None and fault.status is not None:
            key = _FAULT_KEYS[fault.status]
            status, payload = fault.status, self._error(key, {}, number, polish)
        elif fault is Fault.DROP_BEFORE_COMMIT:
            status, payload = 500, None
        elif not authorized:
            status, payload = 401, self._error("auth_failed", {}, number, polish)
        elif match is None:
            params = {"method": method, "path": path}
            if in_api and is_legacy(method, path):
                status, payload = 501, self._error("not_simulated", params, number, polish)
            else:
                status, payload = 404, self._error("unknown_uri", params, number, polish)
        else:
            route, path_params = match
            ctx = Ctx(
                self.state,
                path_params,
                Query(pairs),
                parsed,
                strict=self.strict,
                polish=polish,
                raw=body if route.raw else b"",
                content_type=content_type,
            )
            try:
                self._check_inputs(ctx, route, bad_json)
                status, payload = route.handler(ctx)
            except ApiError as exc:
                status = exc.status
                payload = self._error(exc.key, exc.params, number, polish)

        dropped = fault in _DROPS
        answered = None if dropped else status
        endpoint = match[0].name if match else f"{method} {path}"
        self._count(endpoint, answered, fault, why)
        if self.requests.maxlen != 0:
            self.requests.append(
                ReceivedRequest(
                    method=method,
                    path=path,
                    endpoint=endpoint,
                    query=tuple(pairs),
                    json=parsed,
                    status=answered,
                    fault=fault,
                )
            )
        if dropped:
            await _cut(send, status)
        await _answer(send, status, payload, retry_after)

    def _read_headers(self, headers: list[tuple[bytes, bytes]]) -> tuple[bool, bool, str]:
        """(Polish wanted, credentials right, content type) from the request headers."""
        polish = authorized = False
        content_type = ""
        for name, value in headers:
            if name == b"authorization":
                authorized = value == self._auth or self._basic_matches(value)
            elif name == b"accept-language":
                polish = value.lstrip()[:2].lower() == b"pl"
            elif name == b"content-type":
                content_type = value.decode("latin-1")
        return polish, authorized, content_type

    def _check_inputs(self, ctx: Ctx, route: Route, bad_json: bool) -> None:
        """The body must be an object; strict mode refuses undocumented names."""
        body_fields = route.body
        if bad_json:
            raise bad_request("invalid_json")
        body = ctx.body
        if body_fields is not None and body is not None and not isinstance(body, dict):
            raise bad_request("invalid_json")
        unknown_query = route.unknown_query(ctx.query)
        if not self.strict:
            if unknown_query:
                self._ignored(route, unknown_query)
            if body_fields is None:
                ctx.body = None  # a body the endpoint does not take is ignored
            return
        if unknown_query:
            raise bad_request("unknown_params", names=", ".join(unknown_query))
        if body is not None:
            allowed = body_fields or frozenset()
            unknown = sorted(set(body) - allowed) if isinstance(body, dict) else ["(body)"]
            if unknown:
                raise bad_request("unknown_fields", names=", ".join(unknown))

    def _ignored(self, route: Route, names: list[str]) -> None:
        """Count undocumented query parameters; warn once per endpoint and name."""
        endpoint = route.name
        for name in names:
            key = (endpoint, name)
            if key not in self.counters.ignored_params:
                logger.warning(
                    "FakeThulium ignored the undocumented query parameter %r of %s "
                    "(as Thulium appears to; strict=True answers 400)",
                    name,
                    endpoint,
                )
            self.counters.ignored_params[key] += 1

    def _basic_matches(self, value: bytes) -> bool:
        scheme, _, encoded = value.partition(b" ")
        if scheme.lower() != b"basic":
            return False
        try:
            return base64.b64decode(encoded.strip(), validate=True) == self._credentials
        except (binascii.Error, ValueError):
            return False

    def _error(
        self, key: str, params: dict[str, Any], number: int, polish: bool = False
    ) -> ErrorPayload:
        request_id = f"{self._id_prefix}{number:05x}"
        code, message = render(key, params, polish)
        body = {"request_id": request_id, "errors": [{"message": message, "code": code}]}
        return ErrorPayload(orjson.dumps(body), request_id)

    def _count(self, endpoint: str, status: int | None, fault: Fault | None, why: str) -> None:
        counters = self.counters
        counters.by_endpoint[(endpoint, status)] += 1
        counters.by_status[status] += 1
        if status == 429:
            counters.throttled += 1
        if fault is not None:
            counters.faults[fault] += 1
            if status is None:
                counters.drops += 1
            if why == "rate_limit":
                counters.rate_limited += 1
            elif why == "concurrency":
                counters.over_concurrency += 1


_DROPS = (Fault.DROP_BEFORE_COMMIT, Fault.DROP_AFTER_COMMIT)


async def _cut(send: Send, status: int) -> NoReturn:
    """Start an answer that promises a body, then fail, so the connection is cut.

    Over uvicorn an app that fails before starting a response gets a clean 500
    instead, hence the started response; in process the transport turns the
    exception into the error a real socket gives.
    """
    headers = [(b"content-type", _JSON), (b"content-length", b"64")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    raise ConnectionDropped


_BLOB_CHUNK = 64 * 1024


async def _answer(send: Send, status: int, payload: Any, retry_after: int | None) -> None:
    headers: list[tuple[bytes, bytes]] = []
    if isinstance(payload, Blob):
        await _answer_blob(send, status, payload)
        return
    if isinstance(payload, ErrorPayload):
        data = payload.body
        headers.append((b"x-request-id", payload.request_id.encode()))
    elif payload is None:
        data = b""
    else:
        data = payload if isinstance(payload, bytes) else orjson.dumps(payload)
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    if status != 204:
        if data:
            headers.append((b"content-type", _JSON))
        headers.append((b"content-length", str(len(data)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


async def _answer_blob(send: Send, status: int, blob: Blob) -> None:
    """Send binary content in chunks, as a file server streams it."""
    data = blob.data
    headers = [
        (b"content-type", blob.content_type.encode()),
        (b"content-length", str(len(data)).encode()),
    ]
    if blob.filename is not None:
        disposition = f'attachment; filename="{blob.filename}"'
        headers.append((b"content-disposition", disposition.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    view = memoryview(data)
    for start in range(0, len(data), _BLOB_CHUNK):
        chunk = bytes(view[start : start + _BLOB_CHUNK])
        more = start + _BLOB_CHUNK < len(data)
        await send({"type": "http.response.body", "body": chunk, "more_body": more})
    if not data:
        await send({"type": "http.response.body", "body": b""})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
