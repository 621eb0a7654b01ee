"""``connections``: call detail records, and the topic saved for a call."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from .. import _validation as check
from .._pagination import Paginator
from .._validation import moment, require_order, text, texts
from ..errors import InputError
from ..models import Connection, ConnectionTopic
from ._base import Context, Resource, array_param
from ._query_filters import flag_params

__all__ = ["Connections", "ConnectionsTopic", "call_filters", "valid_connection_id"]

MAX_PAGE_SIZE = 100
_CONNECTION_ID = re.compile(r"[0-9]+(\.[0-9]+)?")


def valid_connection_id(value: Any, field: str = "connection_id") -> str:
    """A call's id such as ``"1416225570.341"``; a float is refused (it loses digits)."""
    if isinstance(value, str) and _CONNECTION_ID.fullmatch(value):
        return value
    raise InputError(field, "a string such as '1416225570.341' (never a float)", value)


def call_filters(
    tz: dt.tzinfo,
    *,
    date_from: Any,
    date_to: Any,
    src: Any,
    dst: Any,
    connection_id: Any,
) -> list[tuple[str, str]]:
    """The filters ``connections`` and ``recordings`` share, in wire form.

    Bounds are days (``YYYY-MM-DD``) or moments (``YYYY-MM-DD hh:mm``, the
    two forms the docs show; a datetime's seconds are dropped).
    """
    params: list[tuple[str, str]] = []
    if date_from is not None and date_to is not None:
        require_order(date_from, date_to, tz)
    if date_from is not None:
        params.append(("date_from", moment(date_from, "date_from", tz, seconds=False)))
    if date_to is not None:
        params.append(("date_to", moment(date_to, "date_to", tz, seconds=False)))
    if src is not None:
        params.append(("src", text(src, "src")))
    if dst is not None:
        params.append(("dst", text(dst, "dst")))
    if connection_id is not None:
        params.append(("connection_id", valid_connection_id(connection_id)))
    return params


class ConnectionsTopic(Resource):
    """``connections/:id/topic``."""

    async def get(self, connection_id: str) -> ConnectionTopic:
        """The topic, comment and topic custom-field values saved for a call."""
        cid = valid_connection_id(connection_id)
        raw = await self._call("GET", f"connections/{cid}/topic")
        return self._structure(raw, ConnectionTopic)


class Connections(Resource):
    """``connections``: calls. Sub-resource: ``topic``."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.topic = ConnectionsTopic(context)

    def list(
        self,
        *,
        date_from: dt.date | dt.datetime | str | None = None,
        date_to: dt.date | dt.datetime | str | None = None,
        src: str | None = None,
        dst: str | None = None,
        connection_id: str | None = None,
        user_login: str | None = None,
        queue_id: int | None = None,
        topic_id: int | None = None,
        customer_id: int | None = None,
        tags: Iterable[str] | None = None,
        include_tags: bool | None = None,
        include_topics: bool | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        concurrency: int = 8,
    ) -> Paginator[Connection]:
        """A paginator over calls matching every filter given (pages of up to 100).

        ``tags`` matches calls carrying any of the tags. The first page brings
        the total, so the rest are fetched ``concurrency`` at a time.
        """
        params = call_filters(
            self._context.timezone,
            date_from=date_from,
            date_to=date_to,
            src=src,
            dst=dst,
            connection_id=connection_id,
        )
        if user_login is not None:
            params.append(("user_login", check.login(user_login, "user_login")))
        for name, value in (("queue_id", queue_id), ("topic_id", topic_id)):
            if value is not None:
                params.append((name, str(check.positive_id(value, name))))
        if customer_id is not None:
            params.append(("customer_id", str(check.positive_id(customer_id, "customer_id"))))
        if tags is not None:
            params += array_param("tags", texts(tags, "tags"), lambda value, _: value)
        params += flag_params(include_tags=include_tags, include_topics=include_topics)
        return self._paginate(
            "connections",
            params,
            Connection,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=concurrency,
        )
