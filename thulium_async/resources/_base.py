"""What every resource shares: one call, one structured answer."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import cattrs

from .._decoding import LenientLog
from .._pagination import Page, Paginator
from .._transport import QueryParams, RawResponse, StreamedResponse, Transport
from ..errors import DecodeError
from ._statuses_cache import StatusCache

__all__ = ["Context", "Resource"]

T = TypeVar("T")


@attrs.frozen
class Context:
    """What resources need from their client: transport, converter, zone, caches.

    ``converter`` decodes strictly when ``strict_responses``, else leniently,
    reporting to ``decode_log`` (shared by the client's clones, so a field is
    reported once per client).
    """

    transport: Transport
    converter: cattrs.Converter
    timezone: dt.tzinfo
    statuses: StatusCache
    check_statuses: bool
    strict_responses: bool = False
    decode_log: LenientLog = attrs.field(factory=LenientLog)


class Resource:
    """Base of every resource class; subclasses hold one method per endpoint."""

    def __init__(self, context: Context) -> None:
        self._context = context

    async def _call(
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
        return await self._context.transport.request(
            method,
            path,
            params=params,
            json=json,
            content=content,
            content_type=content_type,
            safe_to_repeat=safe_to_repeat,
        )

    def _stream(
        self, path: str, *, params: QueryParams | None = None
    ) -> contextlib.AbstractAsyncContextManager[StreamedResponse]:
        """A GET whose body is read as it arrives (downloads): ``async with``."""
        return self._context.transport.stream("GET", path, params=params)

    def _structure(self, raw: RawResponse, type_: type[T], data: Any = None) -> T:
        """The answer's JSON (or ``data`` taken from it) as ``type_``; a mismatch is a DecodeError.

        ``type_`` is a class or a generic alias such as ``list[Agent]``. With the
        client's default lenient decoding, a response model never fails on a
        field (see ``thulium_async._decoding``): a DecodeError then means the
        answer as a whole has the wrong shape (an object where a list is due).
        """
        data = raw.json() if data is None else data
        try:
            return self._context.converter.structure(data, type_)
        except Exception as exc:  # cattrs raises ClassValidationError/ExceptionGroup
            details = (
                "; ".join(cattrs.transform_error(exc))
                if isinstance(exc, cattrs.BaseValidationError)
                else str(exc)
            )
            raise DecodeError(
                f"unexpected answer shape: {details}",
                method=raw.method,
                url=raw.url,
                body=raw.content,
            ) from exc

    def _paginate(
        self,
        path: str,
        params: QueryParams,
        item_type: type[T],
        *,
        max_page_size: int,
        page_size: int | None,
        max_items: int | None,
        concurrency: int,
    ) -> Paginator[T]:
        """A paginator over an endpoint answering ``{"count": N, "result": [...]}``.

        Plain-array answers (no count) are accepted too: the paginator then
        pages until a short page.
        """
        converter_list = list[item_type]  # type: ignore[valid-type]

        async def fetch(offset: int, limit: int) -> Page[T]:
            query = [*params, ("limit", str(limit)), ("offset", str(offset))]
            raw = await self._call("GET", path, params=query)
            body = raw.json()
            count: int | None = None
            items: Any = body
            if isinstance(body, dict):
                items = body.get("result", body.get("records", []))
                count = self._structure(raw, int, body.get("count")) if "count" in body else None
            return Page(
                items=self._structure(raw, converter_list, items or []), offset=offset, count=count
            )

        return Paginator(
            fetch,
            page_size=page_size or max_page_size,
            max_page_size=max_page_size,
            max_items=max_items,
            concurrency=concurrency,
        )


def bool_param(value: bool) -> str:
    """Booleans go on the wire as ``true`` / ``false``."""
    return "true" if value else "false"


def array_param(
    name: str, values: Any, convert: Callable[[Any, str], Any]
) -> list[tuple[str, str]]:
    """``name[]=a&name[]=b``: the API's PHP-style array form."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        values = [values]
    return [
        (f"{name}[]", str(convert(value, f"{name}[{index}]"))) for index, value in enumerate(values)
    ]
