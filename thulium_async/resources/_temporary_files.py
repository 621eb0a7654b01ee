"""``temporary_files``: uploading a file for 24 hours (e.g. a ticket attachment)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio

from ..errors import InputError
from ..models import TemporaryFile
from ._base import Resource

__all__ = ["TemporaryFiles"]

CHUNK_SIZE = 64 * 1024


class _FileBody:
    """A file's bytes, read chunk by chunk each time the body is sent.

    Not a generator: httpx2 can iterate it again, so a retried request reads
    the file afresh instead of failing with "stream consumed".
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async with await anyio.open_file(self.path, "rb") as file:
            while chunk := await file.read(CHUNK_SIZE):
                yield chunk


class TemporaryFiles(Resource):
    """``temporary_files``."""

    async def create(
        self,
        data_or_path: bytes | bytearray | memoryview | str | os.PathLike[str],
        *,
        filename: str | None = None,
    ) -> TemporaryFile:
        """Upload a file; the answer's ``token`` is valid for 24 hours (ticket attachments).

        ``data_or_path`` is the content (bytes) or the path of a file (a str
        is a path: encode text first). The body goes out raw as
        ``application/octet-stream`` with ``filename`` in the query string
        (default: the path's name; required with bytes). A path is streamed
        in 64 KiB chunks, never read whole; httpx2 then sends it with chunked
        transfer encoding (no Content-Length). If a proxy in front of Thulium
        refuses chunked uploads (411), pass the bytes instead. Not retried
        after an ambiguous failure: a repeat would store a second file.
        """
        content: Any
        if isinstance(data_or_path, (bytes, bytearray, memoryview)):
            content = bytes(data_or_path)
            if filename is None:
                raise InputError("filename", "a file name when uploading bytes", None)
        elif isinstance(data_or_path, (str, os.PathLike)):
            path = Path(data_or_path)
            if not await anyio.Path(path).is_file():
                raise InputError(
                    "data_or_path", "bytes, or the path of an existing file", str(data_or_path)
                )
            content = _FileBody(path)
            filename = path.name if filename is None else filename
        else:
            raise InputError("data_or_path", "bytes, or the path of an existing file", data_or_path)
        raw = await self._call(
            "POST",
            "temporary_files",
            params=[("filename", _filename(filename))],
            # A path's content is an async iterable: Transport passes it to
            # httpx2 unchanged, though its signature only names bytes.
            content=content,
            content_type="application/octet-stream",
        )
        return self._structure(raw, TemporaryFile)


def _filename(value: Any) -> str:
    if (
        isinstance(value, str)
        and value.strip()
        and value not in (".", "..")
        and not any(char in value for char in "/\\\x00")
    ):
        return value
    raise InputError("filename", "a file name without '/' or '\\'", value)
