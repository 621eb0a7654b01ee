"""``tickets``: tickets, their replies, comments and attachments, today's stats, ``get_many``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from .. import _validation as check
from .._pagination import Paginator
from .._transport import RawResponse
from .._validation import text
from ..errors import InputError
from ..models import GetManyResult, Ticket, TicketBodyType, TicketDirection, TicketSource
from ._base import Context, Resource
from ._get_many import get_many
from ._ticket_inputs import encode_reply, encode_ticket, ticket_filters

__all__ = ["TicketAttachments", "TicketTodayStats", "Tickets"]

MAX_PAGE_SIZE = 100

T = TypeVar("T")


def _ticket_json(data: Any) -> Any:
    """The API's ``from`` key as the model's ``from_`` (``from`` is a Python keyword)."""
    if isinstance(data, dict) and "from" in data:
        data = {("from_" if key == "from" else key): value for key, value in data.items()}
    return data


class TicketAttachments(Resource):
    """``tickets/:id/attachments/:token``."""

    async def delete(self, id: int, token: str) -> None:
        """Remove an attachment (by its token) from a ticket.

        Inferred endpoint: only the path is documented; the token is presumably
        the one the ticket's messages list and ``POST temporary_files`` returns.
        """
        ticket = check.positive_id(id, "id")
        name = check.path_segment(check.identifier(token, "token"))
        await self._call("DELETE", f"tickets/{ticket}/attachments/{name}")


class TicketTodayStats(Resource):
    """``tickets/today_stats``."""

    async def get(self) -> dict[str, Any]:
        """Today's ticket statistics, as the API's JSON object.

        Inferred endpoint: the answer's shape is not documented, so it is
        returned as parsed JSON rather than a model.
        """
        raw = await self._call("GET", "tickets/today_stats")
        return self._structure(raw, dict[str, Any])


class Tickets(Resource):
    """``tickets``: e-mail and other tickets; ``attachments`` and ``today_stats`` below it."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.attachments = TicketAttachments(context)
        self.today_stats = TicketTodayStats(context)

    def _structure(self, raw: RawResponse, type_: type[T], data: Any = None) -> T:
        """As for every resource, with the API's ``from`` renamed ``from_`` in tickets."""
        data = raw.json() if data is None else data
        if type_ is Ticket:
            data = _ticket_json(data)
        elif type_ == list[Ticket] and isinstance(data, list):
            data = [_ticket_json(item) for item in data]
        return super()._structure(raw, type_, data)

    def list(
        self,
        *,
        date_from: dt.date | dt.datetime | str | None = None,
        date_to: dt.date | dt.datetime | str | None = None,
        create_date_from: dt.date | dt.datetime | str | None = None,
        create_date_to: dt.date | dt.datetime | str | None = None,
        company_id: int | None = None,
        customer_id: int | None = None,
        user_login: str | None = None,
        source: TicketSource | str | None = None,
        ticket_queue_id: int | None = None,
        category_id: int | None = None,
        message_id: int | None = None,
        status_id: Iterable[int] | int | None = None,
        custom_fields: Mapping[str, str | Sequence[str]] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        concurrency: int = 8,
    ) -> Paginator[Ticket]:
        """A paginator over tickets, most recently modified first (without messages).

        ``date_from``/``date_to`` bound the last modification, ``create_date_*``
        the creation: a date or a datetime (``YYYY-MM-DD[ hh:mm]``). Several
        ``status_id`` values are alternatives; ``custom_fields`` filters as for
        customers. Pages of up to 100; the answer's count lets later pages be
        fetched ``concurrency`` at a time. The order moves when tickets change
        during a scan: bound ``date_to`` to scan a stable set.
        """
        params = ticket_filters(
            {
                "date_from": date_from,
                "date_to": date_to,
                "create_date_from": create_date_from,
                "create_date_to": create_date_to,
                "company_id": company_id,
                "customer_id": customer_id,
                "user_login": user_login,
                "source": source,
                "ticket_queue_id": ticket_queue_id,
                "category_id": category_id,
                "message_id": message_id,
                "status_id": status_id,
                "custom_fields": custom_fields,
            },
            self._context.timezone,
        )
        return self._paginate(
            "tickets",
            params,
            Ticket,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=concurrency,
        )

    async def get(self, id: int, *, include_custom_fields: bool | None = None) -> Ticket:
        """One ticket with its messages (and custom fields when asked for)."""
        ticket = check.positive_id(id, "id")
        params = []
        if include_custom_fields is not None:
            if not isinstance(include_custom_fields, bool):
                raise InputError("include_custom_fields", "True or False", include_custom_fields)
            params.append(("include_custom_fields", "true" if include_custom_fields else "false"))
        raw = await self._call("GET", f"tickets/{ticket}", params=params)
        return self._structure(raw, Ticket)

    async def get_many(
        self,
        ids: Iterable[int],
        *,
        concurrency: int = 8,
        include_custom_fields: bool | None = None,
    ) -> GetManyResult[Ticket]:
        """Many tickets by id, fetched ``concurrency`` at a time within the client's limits.

        Returns one outcome per id in the order given: ``result.found`` maps ids
        to tickets, ``result.missing`` lists ids that do not exist (404/410) and
        ``result.failed`` other failures; none of them interrupts the rest.
        Only wrong credentials (401) stop the run and raise.
        """
        return await get_many(
            ids,
            lambda ticket: self.get(ticket, include_custom_fields=include_custom_fields),
            concurrency=concurrency,
        )

    async def create(
        self,
        *,
        to: str,
        subject: str,
        body: str,
        from_: str | None = None,
        body_type: TicketBodyType | str | None = None,
        comment: str | None = None,
        cc: Sequence[str] | None = None,
        attachments: Sequence[str] | None = None,
        source: TicketSource | str | None = None,
        direction: TicketDirection | str | None = None,
        user_login: str | None = None,
        customer_id: int | None = None,
        tags: Sequence[str] | None = None,
        status_id: int | None = None,
        substatus_id: int | None = None,
        category_id: int | None = None,
        ticket_queue_id: int | None = None,
        custom_fields: Mapping[str, str | int | float | None] | None = None,
    ) -> int:
        """Create a ticket (an e-mail conversation by default); returns its id.

        ``to`` must be a mailbox configured in the account; ``from_`` is the
        API's ``from`` (the author's address). ``body_type`` defaults to PLAIN
        here (HTML on replies); ``attachments`` are tokens from ``POST
        temporary_files``; ``direction="out"`` sends an e-mail to the customer.
        Not retried after an ambiguous failure: a repeat would open a second
        ticket (and could send a second e-mail).
        """
        values = dict(locals())  # every argument is a body field of the same name
        values["from"] = values.pop("from_")
        raw = await self._call("POST", "tickets", json=encode_ticket(values))
        return int(self._structure(raw, dict[str, int])["ticket_id"])

    async def update(
        self,
        id: int,
        *,
        user_login: str | None = None,
        status_id: int | None = None,
        substatus_id: int | None = None,
        category_id: int | None = None,
        tags: Sequence[str] | None = None,
        ticket_queue_id: int | None = None,
        custom_fields: Mapping[str, str | int | float | None] | None = None,
    ) -> None:
        """Change a ticket's assignment, status, category, tags, queue or custom fields.

        Only the arguments given are sent (the API keeps omitted fields). Ids go
        out as JSON numbers, although the docs' example writes them as strings.
        """
        ticket = check.positive_id(id, "id")
        body = encode_ticket(
            {
                "user_login": user_login,
                "status_id": status_id,
                "substatus_id": substatus_id,
                "category_id": category_id,
                "tags": tags,
                "ticket_queue_id": ticket_queue_id,
                "custom_fields": custom_fields,
            }
        )
        if not body:
            raise InputError("update", "at least one field to change", None)
        await self._call("PUT", f"tickets/{ticket}", json=body)

    async def delete(self, id: int) -> None:
        """Delete a ticket (inferred endpoint: only its path is documented)."""
        ticket = check.positive_id(id, "id")
        await self._call("DELETE", f"tickets/{ticket}")

    async def agent_response(
        self,
        id: int,
        *,
        body: str,
        user_login: str,
        body_type: TicketBodyType | str | None = None,
        date: dt.datetime | str | None = None,
        attachments: Sequence[str] | None = None,
    ) -> None:
        """Send an agent's reply to the customer (``body_type`` defaults to HTML).

        ``date`` (``YYYY-MM-DD hh:mm``) backdates the message. The API answers
        ``[]`` or nothing. Not retried after an ambiguous failure: the customer
        could get the e-mail twice.
        """
        ticket = check.positive_id(id, "id")
        payload = encode_reply(
            body=body,
            body_type=body_type,
            date=date,
            tz=self._context.timezone,
            user_login=user_login,
            attachments=attachments,
        )
        await self._call("POST", f"tickets/{ticket}/agent_response", json=payload)

    async def customer_response(
        self,
        id: int,
        *,
        body: str,
        body_type: TicketBodyType | str | None = None,
        date: dt.datetime | str | None = None,
    ) -> None:
        """Add a reply from the customer to a ticket (``body_type`` defaults to HTML).

        Not retried after an ambiguous failure: the reply could appear twice.
        """
        ticket = check.positive_id(id, "id")
        payload = encode_reply(body=body, body_type=body_type, date=date, tz=self._context.timezone)
        await self._call("POST", f"tickets/{ticket}/customer_response", json=payload)

    async def comment(self, id: int, *, comment: str, user_login: str | None = None) -> None:
        """Add an internal comment to a ticket.

        Inferred endpoint: no doc page; the body fields ``comment`` and
        ``user_login`` are named after the ticket messages' fields. Not retried
        after an ambiguous failure: the comment could appear twice.
        """
        ticket = check.positive_id(id, "id")
        payload: dict[str, Any] = {"comment": text(comment, "comment")}
        if user_login is not None:
            payload["user_login"] = check.login(user_login, "user_login")
        await self._call("POST", f"tickets/{ticket}/comment", json=payload)
