"""An httpx2 transport that sends through aiohttp (the ``aiohttp`` extra).

aiohttp's HTTP/1.1 client spends less CPU per request than httpcore2 (see the
transport benchmark in the README: ``benchmarks/bench_transport.py``), so this
transport lets one process go further per core while keeping the httpx2
request/response types everything above it relies on. asyncio only: aiohttp
does not run on trio.
"""

from __future__ import annotations

import asyncio
import functools
import ssl
from collections.abc import AsyncIterator
from typing import Any, NoReturn

import httpx2

try:
    import aiohttp
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "AiohttpTransport needs the aiohttp extra: pip install 'thulium-async[aiohttp]'"
    ) from exc

__all__ = ["AiohttpTransport"]

# Headers that describe the encoded body: aiohttp has already decoded it, so
# httpx2 must neither decode it again nor trust the encoded length.
_ENCODING_HEADERS = frozenset({b"content-encoding", b"content-length"})


def _timeout(request: httpx2.Request) -> aiohttp.ClientTimeout:
    timeouts: dict[str, Any] = request.extensions.get("timeout", {})
    return _client_timeout(timeouts.get("pool"), timeouts.get("connect"), timeouts.get("read"))


@functools.lru_cache(maxsize=64)
def _client_timeout(
    pool: float | None, connect: float | None, read: float | None
) -> aiohttp.ClientTimeout:
    # Cached: a client sends every request with the same few timeouts, and
    # ClientTimeout is immutable.
    return aiohttp.ClientTimeout(
        total=None,
        # aiohttp's ``connect`` covers waiting for a pooled connection too.
        connect=pool,
        sock_connect=connect,
        sock_read=read,
    )


def _send_error(exc: Exception, request: httpx2.Request) -> NoReturn:
    """Raise the httpx2 error a socket would give for an aiohttp failure before the body.

    Clauses run subclass first: aiohttp's ConnectionTimeoutError and
    SocketTimeoutError both derive from ServerTimeoutError (itself a
    TimeoutError), and a connect timeout must stay a ConnectTimeout so that the
    retry layer knows the request never left (a POST is then safe to repeat).
    """
    message = str(exc)
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        raise httpx2.ConnectTimeout(message, request=request) from exc
    if isinstance(exc, aiohttp.ClientConnectorError):
        raise httpx2.ConnectError(message, request=request) from exc
    if isinstance(exc, aiohttp.SocketTimeoutError | aiohttp.ServerTimeoutError):
        raise httpx2.ReadTimeout(message, request=request) from exc
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        raise httpx2.RemoteProtocolError(message, request=request) from exc
    if isinstance(exc, aiohttp.ClientOSError):
        raise httpx2.ReadError(message, request=request) from exc
    if isinstance(exc, TimeoutError):
        raise httpx2.ReadTimeout(message or "timed out", request=request) from exc
    raise httpx2.TransportError(message, request=request) from exc


def _body_error(exc: Exception, request: httpx2.Request) -> NoReturn:
    """Raise the httpx2 read error for an aiohttp failure while the body streams in."""
    message = str(exc)
    if isinstance(exc, TimeoutError):  # aiohttp's SocketTimeoutError included
        raise httpx2.ReadTimeout(message or "timed out", request=request) from exc
    if isinstance(exc, aiohttp.ClientPayloadError | aiohttp.ServerDisconnectedError):
        # A body cut short: httpcore2 reports the same as a protocol error.
        raise httpx2.RemoteProtocolError(message, request=request) from exc
    raise httpx2.ReadError(message, request=request) from exc


class _AiohttpStream(httpx2.AsyncByteStream):
    """The aiohttp response body, handed on chunk by chunk as it arrives."""

    __slots__ = ("_request", "_response")

    def __init__(self, response: aiohttp.ClientResponse, request: httpx2.Request) -> None:
        self._response = response
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        content = self._response.content
        while True:
            try:
                chunk = await content.readany()
            except (aiohttp.ClientError, TimeoutError) as exc:
                self._response.close()
                _body_error(exc, self._request)
            if not chunk:
                return
            yield chunk

    async def aclose(self) -> None:
        # A fully read body already went back to the pool (keep-alive); one
        # closed early has its connection closed, since it is mid-message.
        self._response.release()


class AiohttpTransport(httpx2.AsyncBaseTransport):
    """Sends httpx2 requests with one aiohttp session (TLS verification on).

    Response bodies stream: ``Client.stream``/``Transport.stream`` read them
    chunk by chunk as aiohttp receives them. asyncio only.
    """

    def __init__(self, *, max_connections: int = 32, verify: ssl.SSLContext | bool = True) -> None:
        self._max_connections = max_connections
        self._ssl: ssl.SSLContext | bool = (
            ssl.create_default_context() if verify is True else verify
        )
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                raise RuntimeError(
                    "AiohttpTransport runs only under asyncio (aiohttp has no trio support); "
                    "under trio use the default transport (leave transport= unset)"
                ) from None
            connector = aiohttp.TCPConnector(
                limit=self._max_connections,
                limit_per_host=0,
                ssl=self._ssl,
                enable_cleanup_closed=False,
            )
            # No cookie jar (httpx2 owns cookies); aiohttp undoes Content-Encoding
            # and the headers saying so are dropped from the response.
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=True,
                skip_auto_headers=("User-Agent",),
            )
        return self._session

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Send one request; aiohttp errors become the httpx2 errors a socket would give.

        The response body is not read here: the returned stream reads it.
        """
        session = self._get_session()
        body = request.content if request.method not in ("GET", "HEAD") or request.content else None
        try:
            response = await session.request(
                request.method,
                str(request.url),
                headers=request.headers.multi_items(),
                data=body,
                allow_redirects=False,
                timeout=_timeout(request),
            )
        except (aiohttp.ClientError, TimeoutError) as exc:
            _send_error(exc, request)
        raw = response.raw_headers
        if any(k.lower() == b"content-encoding" for k, _ in raw):
            raw = tuple((k, v) for k, v in raw if k.lower() not in _ENCODING_HEADERS)
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in raw]
        return httpx2.Response(
            response.status,
            headers=headers,
            stream=_AiohttpStream(response, request),
            request=request,
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode("latin-1"),
            },
        )

    async def aclose(self) -> None:
        """Close the aiohttp session and its connections."""
        if self._session is not None:
            await self._session.close()
