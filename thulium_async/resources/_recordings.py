"""``recordings``: the list, and the audio streamed or saved to disk (never held whole)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import anyio

from .._pagination import Paginator
from .._transport import StreamedResponse
from .._validation import text
from ..errors import InputError
from ..models import Recording
from ._base import Resource
from ._connections import call_filters

__all__ = ["RecordingStream", "Recordings"]

MAX_PAGE_SIZE = 100
CHUNK_SIZE = 64 * 1024


class RecordingStream:
    """A recording's audio as it arrives: ``async for chunk in audio``.

    Valid inside the ``async with`` block only. ``content_type`` and
    ``content_length`` come from the headers (None when absent); network
    failures while reading raise TransportError, and a body shorter than its
    Content-Length is one too.
    """

    def __init__(self, response: StreamedResponse, filename: str) -> None:
        self._response = response
        self.filename = filename
        """The recording's name, as asked for."""

    @property
    def headers(self) -> Mapping[str, str]:
        """The answer's headers (names looked up case-insensitively)."""
        return self._response.headers

    @property
    def content_type(self) -> str | None:
        """The audio's media type, e.g. ``audio/x-wav``."""
        return self._response.headers.get("content-type")

    @property
    def content_length(self) -> int | None:
        """The body's size in bytes, when the server said."""
        return self._response.content_length

    @property
    def bytes_received(self) -> int:
        """Bytes read from the network so far."""
        return self._response.bytes_received

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self.aiter_bytes()

    def aiter_bytes(self, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """The body in chunks of about ``chunk_size`` bytes."""
        return self._response.aiter_bytes(chunk_size)

    async def read(self) -> bytes:
        """The whole body in memory: for short recordings; prefer iterating or download()."""
        return b"".join([chunk async for chunk in self.aiter_bytes()])


class Recordings(Resource):
    """``recordings``."""

    def list(
        self,
        *,
        date_from: dt.date | dt.datetime | str | None = None,
        date_to: dt.date | dt.datetime | str | None = None,
        src: str | None = None,
        dst: str | None = None,
        connection_id: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        concurrency: int = 8,
    ) -> Paginator[Recording]:
        """A paginator over recordings (pages of up to 100, fetched ``concurrency`` at a time).

        ``date_from`` / ``date_to`` filter on when the recording was created
        (the current docs; the 2017 docs said the call's date).
        """
        params = call_filters(
            self._context.timezone,
            date_from=date_from,
            date_to=date_to,
            src=src,
            dst=dst,
            connection_id=connection_id,
        )
        return self._paginate(
            "recordings",
            params,
            Recording,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=concurrency,
        )

    def stream(self, *, filename: str) -> contextlib.AbstractAsyncContextManager[RecordingStream]:
        """A recording's audio as it arrives (``GET recordings/stream?filename=...``).

        ```python
        async with client.recordings.stream(filename=rec.filename) as audio:
            async for chunk in audio:
                ...
        ```

        Inferred endpoint: the docs only mention it; the ``filename``
        parameter (a name from ``list`` or ``connections``) is a guess. The
        request is retried (per the policy) until the headers arrive, never
        mid-body; an error status raises before the block runs. It holds one
        of the client's in-flight slots until the block exits.
        """
        return self._open("recordings/stream", _recording_name(filename))

    async def download(
        self, *, filename: str, path: str | os.PathLike[str], chunk_size: int = CHUNK_SIZE
    ) -> int:
        """Save a recording to ``path``; returns the number of bytes written.

        Inferred endpoint (``GET recordings/download?filename=...``, as for
        ``stream``). The audio is written in chunks as it arrives to a
        temporary file beside ``path``, renamed over ``path`` only once
        complete: a failed download leaves no partial file and an existing
        file untouched until then. The file is readable by its owner only
        (recordings are personal data).
        """
        name = _recording_name(filename)
        target = Path(path)
        if await anyio.Path(target).is_dir() or not await anyio.Path(target.parent).is_dir():
            raise InputError("path", "a file path in an existing directory", str(path))
        if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
            raise InputError("chunk_size", "a whole number of bytes >= 1", chunk_size)
        async with self._open("recordings/download", name) as audio:
            return await _save(audio, target, chunk_size)

    @contextlib.asynccontextmanager
    async def _open(self, path: str, filename: str) -> AsyncIterator[RecordingStream]:
        async with self._stream(path, params=[("filename", filename)]) as response:
            yield RecordingStream(response, filename)


async def _save(audio: RecordingStream, target: Path, chunk_size: int) -> int:
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    os.close(handle)  # reopened below for async writes; mkstemp's 0600 mode stays
    written = 0
    try:
        async with await anyio.open_file(temporary, "wb") as file:
            async for chunk in audio.aiter_bytes(chunk_size):
                await file.write(chunk)
                written += len(chunk)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return written


def _recording_name(value: Any) -> str:
    name = text(value, "filename")
    if "\x00" in name or name.strip() != name:
        raise InputError("filename", "a recording file name from recordings or connections", value)
    return name
