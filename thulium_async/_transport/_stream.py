"""A response whose body is read as it arrives (downloads), in the project's own type."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping

import httpx2

from ..errors import Delivery, TransportError
from ._errors import transport_error

__all__ = ["StreamedResponse"]


class StreamedResponse:
    """A 2xx answer whose body has not been read yet: ``async for chunk in aiter_bytes()``.

    Valid inside the ``Transport.stream`` block only; the limiter slot and the
    connection are held until the block exits. Network failures while reading
    raise TransportError, and so does a body shorter than its Content-Length.
    """

    def __init__(
        self,
        response: httpx2.Response,
        *,
        method: str,
        url: str,
        release: Callable[[], Awaitable[None]],
    ) -> None:
        self._response = response
        self._release: Callable[[], Awaitable[None]] | None = release
        self.method = method
        """The request's method."""
        self.url = url
        """The request's URL, without credentials."""

    @property
    def status_code(self) -> int:
        """The answer's status (2xx: error statuses are raised, never streamed)."""
        return self._response.status_code

    @property
    def headers(self) -> Mapping[str, str]:
        """The answer's headers (names looked up case-insensitively)."""
        return self._response.headers

    @property
    def content_length(self) -> int | None:
        """The body's size in bytes, when the server said."""
        value = self._response.headers.get("content-length")
        return int(value) if value is not None and value.isdigit() else None

    @property
    def bytes_received(self) -> int:
        """Bytes read from the network so far."""
        return self._response.num_bytes_downloaded

    async def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body in chunks of about ``chunk_size`` bytes, as they arrive."""
        try:
            async for chunk in self._response.aiter_bytes(chunk_size):
                yield chunk
        except httpx2.TransportError as exc:
            raise transport_error(exc, method=self.method, url=self.url) from exc
        expected = self.content_length
        if expected is not None and self.bytes_received < expected:
            raise TransportError(
                f"body ended after {self.bytes_received} of {expected} bytes",
                method=self.method,
                url=self.url,
                delivery=Delivery.ANSWER_LOST,
            )

    async def aclose(self) -> None:
        """Close the body and give the limiter slot back (idempotent)."""
        release, self._release = self._release, None
        try:
            await self._response.aclose()
        finally:
            if release is not None:
                await release()
