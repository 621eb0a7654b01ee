"""Handlers: tickets, their dictionaries, attachments and temporary files.

This module lists tickets, reads and deletes them, and gathers the area's
routes (declared in ``_routes``); creation and updates are in ``_handlers_write``, messages and
attachments in ``_handlers_messages``, dictionaries, today's statistics and
uploads in ``_handlers_misc``.

Choices where the documentation is silent: the list is ordered by last
modification, newest first, ties by newest ticket; ``date_*`` filters take
``YYYY-MM-DD`` (the whole day) or ``YYYY-MM-DD hh:mm`` (to the minute) and
include both bounds; ``company_id`` matches tickets whose customer belongs to
that company; a deleted ticket answers 404 from then on and its id is never
reused.

Webhooks (built in ``_events``, dated when the change is made):
``POST tickets`` sends TICKET_CREATED (direction ``in_behalf_of`` or ``out``),
then TICKET_CLOSED when the ticket is created in a closed status; its first
message and ``comment`` belong to the creation and send nothing more.
``PUT tickets/{id}`` sends, in this order, TICKET_QUEUE_CHANGED when the queue
changes, TICKET_STATUS_CHANGED when the status or sub-status changes (its
system COMMENT sends no TICKET_COMMENT_CREATED) and TICKET_CLOSED on the
ticket's first closing only (reopened and closed again: nothing); the agent,
category, tags and custom fields have no event. ``agent_response`` sends
TICKET_AGENT_REPLIED, ``customer_response`` TICKET_MESSAGE_RECEIVED,
``comment`` TICKET_COMMENT_CREATED. ``FakeThulium.receive_ticket_email`` (a
customer's e-mail opening a ticket) sends TICKET_CREATED with direction
``in``. Deleting a ticket or an attachment has no event in Thulium's
catalogue. ``add_ticket`` and ``add_ticket_message`` write history and send
nothing. Where the catalogue is silent the fake chose all of the above except
TICKET_CLOSED's first-closing rule, which Thulium documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ..shared._validate import Query, as_int, date_bound, page, query_bool
from ._input import choice, ticket_ref
from ._models import SOURCES, Ticket
from ._views import ticket_item, ticket_view

__all__ = ["LIST_QUERY", "delete", "get", "list_"]

MAX_LIMIT = 100
LIST_QUERY = frozenset(
    {
        "limit",
        "offset",
        "date_from",
        "date_to",
        "create_date_from",
        "create_date_to",
        "company_id",
        "customer_id",
        "user_login",
        "source",
        "ticket_queue_id",
        "category_id",
        "message_id",
        "status_id[]",
    }
)
_CUSTOM_FILTER = re.compile(r"custom_fields\[([^\]]+)\](?:\[\d*\])?\Z")

Test = Callable[[Ticket], bool]


def _date_tests(query: Query) -> list[Test]:
    tests: list[Test] = []
    for prefix, attribute in (("date", "updated_at"), ("create_date", "created_at")):
        low = date_bound(query, f"{prefix}_from", end=False)
        high = date_bound(query, f"{prefix}_to", end=True)
        if low is not None or high is not None:
            tests.append(_between(attribute, low, high))
    return tests


def _between(attribute: str, low: dt.datetime | None, high: dt.datetime | None) -> Test:
    def test(ticket: Ticket) -> bool:
        value: dt.datetime = getattr(ticket, attribute)
        return (low is None or value >= low) and (high is None or value < high)

    return test


def _id_tests(ctx: Ctx) -> list[Test]:
    query, tests = ctx.query, []
    wanted = {
        name: as_int(query.get(name), name)
        for name in ("company_id", "customer_id", "ticket_queue_id", "category_id", "message_id")
        if query.get(name) is not None
    }
    if "company_id" in wanted:
        customers = ctx.state.customers
        members = {
            c.customer_id for c in customers.values() if c.company_id == wanted["company_id"]
        }
        tests.append(lambda t: t.customer_id in members)
    if "customer_id" in wanted:
        tests.append(lambda t: t.customer_id == wanted["customer_id"])
    if "ticket_queue_id" in wanted:
        tests.append(lambda t: t.queue.ticket_queue_id == wanted["ticket_queue_id"])
    if "category_id" in wanted:
        tests.append(
            lambda t: t.category is not None and t.category.category_id == wanted["category_id"]
        )
    if "message_id" in wanted:
        tests.append(lambda t: any(m.message_id == wanted["message_id"] for m in t.messages))
    statuses = {as_int(v, "status_id[]") for v in query.getlist("status_id[]")}
    if statuses:
        tests.append(lambda t: t.status.status_id in statuses)
    return tests


def _other_tests(query: Query) -> list[Test]:
    tests: list[Test] = []
    login = query.get("user_login")
    if login is not None:
        tests.append(lambda t: t.user_login == login)
    source = query.get("source")
    if source is not None:
        choice(source, "source", SOURCES)
        tests.append(lambda t: t.source == source)
    wanted: dict[str, set[str]] = {}
    for key, value in query.pairs:
        if key.startswith("custom_fields["):
            match = _CUSTOM_FILTER.match(key)
            if match is None:
                raise bad_request("invalid_value", name=key, expected="custom_fields[Name][]")
            wanted.setdefault(match.group(1), set()).add(value)
    tests.extend(_field_in(field, values) for field, values in wanted.items())
    return tests


def _field_in(name: str, values: set[str]) -> Test:
    """The ticket's custom field, as text (``""`` when unset), is one of ``values``."""

    def test(ticket: Ticket) -> bool:
        value = ticket.custom_fields.get(name)
        return ("" if value is None else str(value)) in values

    return test


def list_(ctx: Ctx) -> Reply:
    """GET tickets: ``{"count": matches, "result": [...]}``, at most 100 per page."""
    limit, offset = page(ctx.query, MAX_LIMIT)
    tests = [*_date_tests(ctx.query), *_id_tests(ctx), *_other_tests(ctx.query)]
    chosen = [t for t in ctx.state.tickets.tickets.values() if all(test(t) for test in tests)]
    chosen.sort(key=lambda t: (t.updated_at, t.ticket_id), reverse=True)
    result = [ticket_item(t) for t in chosen[offset : offset + limit]]
    return 200, {"count": len(chosen), "result": result}


def get(ctx: Ctx) -> Reply:
    """GET tickets/{id}: the ticket with its messages."""
    ticket = ticket_ref(ctx)
    include = query_bool(ctx.query, "include_custom_fields")
    return 200, ticket_view(ctx.state.tickets, ticket, include_custom_fields=include)


def delete(ctx: Ctx) -> Reply:
    """DELETE tickets/{id}."""
    ticket = ticket_ref(ctx)
    del ctx.state.tickets.tickets[ticket.ticket_id]
    return 204, None
