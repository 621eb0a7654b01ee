"""An httpx2 transport that hands requests to the fake's ASGI app in process, no sockets."""

from __future__ import annotations

from typing import Any

import httpx2

from ._app import ConnectionDropped, FakeApp, Message

__all__ = ["InProcessTransport"]

# The words httpx2 uses when a server closes the socket in the middle of a body.
_CUT = (
    "peer closed connection without sending complete message body (received 0 bytes, expected 64)"
)


class InProcessTransport(httpx2.AsyncBaseTransport):
    """Calls the app directly; a dropped connection raises ``httpx2.RemoteProtocolError``.

    That is the exception httpx2 raises when a real server cuts the connection
    before a complete answer, whether or not the change was applied.
    """

    def __init__(self, app: FakeApp) -> None:
        self._app = app

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Run one request through the app."""
        body = await request.aread()
        url = request.url
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "scheme": url.scheme,
            "path": url.path,
            "raw_path": url.raw_path.partition(b"?")[0],
            "query_string": url.query,
            "root_path": "",
            "headers": [(name.lower(), value) for name, value in request.headers.raw],
            "client": ("127.0.0.1", 0),
            "server": (url.host, url.port or 80),
        }
        delivered = False

        async def receive() -> Message:
            nonlocal delivered
            if delivered:
                return {"type": "http.disconnect"}
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        status = 500
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []

        async def send(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = message["headers"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self._app(scope, receive, send)
        except ConnectionDropped:
            raise httpx2.RemoteProtocolError(_CUT, request=request) from None
        return httpx2.Response(
            status,
            headers=headers,
            stream=httpx2.ByteStream(b"".join(chunks)),
            extensions={"http_version": b"HTTP/1.1"},
        )
