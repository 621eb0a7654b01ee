"""Handlers: chats (lists, queues, the summary report) and live chat conversations.

The API plays the client's side of a conversation: ``chat_conversations/start``
takes the client's name, e-mail and ids, ``message`` writes as that client
(``sent_by: CLIENT``) and ``stop`` is the client ending the chat. Agents answer
and close in the Thulium panel, which the fake's setup helpers stand for
(``FakeThulium.chat_reply`` / ``close_chat``); those note agent activity for
``agents_work_report``, the API actions here do not.

Choices where the documentation is silent:

- ``message`` needs a non-empty ``text`` (documented as optional, but a message
  without text has nothing to send): 400 naming ``text``;
- writing in or stopping a CLOSED conversation answers 400 (a second ``stop``
  is not silently accepted); unknown conversation ids answer 404, an unknown
  ``chat_queue_id`` on ``start`` answers 400 (it is an input, not the path);
- ``start`` takes its parameters in the query string only, as the doc's
  example does; the CRM customer is matched by ``customer_id``, then by
  ``client_id`` against customers' ``identifier``, then by e-mail, each step
  falling through to the next when nothing matches; without a given name or
  e-mail the conversation shows the matched customer's;
- erasing content (``participant``: ``user`` = agents' lines, ``customer`` =
  the client's, ``both``) blanks the message texts to ``""`` and keeps the lines,
  their dates, the files and the conversation itself; ``AUTO`` lines stay;
- ``GET chats`` lists by start time; ``date_from``/``date_to`` compare the start
  and cover their own precision (a date the whole day, ``hh:mm`` the minute);
  the report also takes ``hh:mm:ss`` and answers 400 when ``date_to`` is before
  ``date_from``. Unknown logins or queue ids in the filters just match nothing.

Webhooks (built in ``_events``; Thulium documents when they are sent, not
what triggers them, so the fake emits each one where its change happens):

- CHAT_CONVERSATION_CREATED: ``start`` here, and ``FakeThulium.add_chat``;
- CHAT_AGENT_ASSIGNED: ``FakeThulium.chat_reply`` when the replying agent is
  not already the chat's agent (the first answer, or another agent taking
  over), and ``add_chat`` for a chat that has an agent;
- CHAT_CONVERSATION_CLOSED: ``stop`` here, ``FakeThulium.close_chat``, and
  ``add_chat`` for a closed chat.

``add_chat`` emits the three in that order, dated by the conversation's own
times (it stores a whole conversation: a widget chat starting, or one that
already happened). Client messages, erasing content, deleting a conversation
and ratings emit nothing: Thulium has no event for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..crm._models import Customer
from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ..server._state import State
from ..shared._periods import PERIODS
from ..shared._validate import Query, as_int, as_str, date_bound, page, query_bool, report_range
from ._events import conversation_closed, conversation_created
from ._report import summary_rows
from ._store import PARTICIPANTS, STATUSES, ChatLine, Conversation
from ._views import chat_view, queue_view

__all__ = [
    "LIST_QUERY",
    "START_QUERY",
    "SUMMARY_QUERY",
    "delete",
    "delete_content",
    "list_",
    "match_customer",
    "message",
    "queues",
    "start",
    "stop",
    "summary",
]

MAX_LIMIT = 100
DEFAULT_THRESHOLD = 20
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
_INCLUDES = ("include_messages", "include_files", "include_client_data")
LIST_QUERY = frozenset(
    {"limit", "offset", "date_from", "date_to", "status", "chat_queue_id", *_INCLUDES}
)
SUMMARY_QUERY = frozenset(
    {
        "limit",
        "offset",
        "user_logins[]",
        "date_from",
        "date_to",
        "sum_users",
        "aggregate_by",
        "chat_queue_ids[]",
        "response_threshold",
    }
)
START_QUERY = frozenset(
    {"chat_queue_id", "client_name", "client_surname", "client_email", "client_id", "customer_id"}
)


def _list_filters(query: Query) -> list[Callable[[Conversation], bool]]:
    tests: list[Callable[[Conversation], bool]] = []
    low = date_bound(query, "date_from", end=False)
    if low is not None:
        tests.append(lambda c: c.created_at >= low)
    high = date_bound(query, "date_to", end=True)
    if high is not None:
        tests.append(lambda c: c.created_at < high)
    status = query.get("status")
    if status is not None:
        if status not in STATUSES:
            raise bad_request("invalid_value", name="status", expected=", ".join(STATUSES))
        tests.append(lambda c: c.status == status)
    raw_queue = query.get("chat_queue_id")
    if raw_queue is not None:
        queue_id = as_int(raw_queue, "chat_queue_id", minimum=1)
        tests.append(lambda c: c.chat_queue_id == queue_id)
    return tests


def list_(ctx: Ctx) -> Reply:
    """GET chats: ``{"count": total matches, "result": [...]}``, at most 100 per page."""
    limit, offset = page(ctx.query, MAX_LIMIT)
    tests = _list_filters(ctx.query)
    messages, files, client_data = (query_bool(ctx.query, name) for name in _INCLUDES)
    chosen = [c for c in ctx.state.chats.ordered() if all(test(c) for test in tests)]
    agents = ctx.state.agents
    result = [
        chat_view(c, agents, messages=messages, files=files, client_data=client_data)
        for c in chosen[offset : offset + limit]
    ]
    return 200, {"count": len(chosen), "result": result}


def queues(ctx: Ctx) -> Reply:
    """GET chats/queues: a plain array, by queue id."""
    store = ctx.state.chats
    return 200, [queue_view(store.queues[key]) for key in sorted(store.queues)]


def _threshold(query: Query) -> int:
    raw = query.get("response_threshold")
    threshold = DEFAULT_THRESHOLD if raw is None else as_int(raw, "response_threshold")
    if threshold < 0:
        raise bad_request("invalid_value", name="response_threshold", expected="seconds, 0 or more")
    return threshold


def summary(ctx: Ctx) -> Reply:
    """GET chats/reports/summary: a plain array of rows (no count), at most 100 per page."""
    query = ctx.query
    limit, offset = page(query, MAX_LIMIT)
    low, high = report_range(query)
    aggregate_by = query.get("aggregate_by") or "month"
    if aggregate_by not in PERIODS:
        raise bad_request("invalid_value", name="aggregate_by", expected=", ".join(PERIODS))
    threshold = _threshold(query)
    logins = set(query.getlist("user_logins[]"))
    queue_ids = {
        as_int(v, "chat_queue_ids[]", minimum=1) for v in query.getlist("chat_queue_ids[]")
    }
    chosen = [
        c
        for c in ctx.state.chats.ordered()
        if low <= c.created_at < high
        and (not logins or c.user_login in logins)
        and (not queue_ids or c.chat_queue_id in queue_ids)
    ]
    rows = summary_rows(
        chosen,
        ctx.state.agents,
        aggregate_by=aggregate_by,
        sum_users=query_bool(query, "sum_users"),
        threshold=threshold,
    )
    return 200, rows[offset : offset + limit]


def _optional_text(query: Query, name: str) -> str | None:
    value = query.get(name)
    return value or None


def match_customer(
    state: State, customer_id: int | None, client_id: str | None, email: str | None
) -> Customer | None:
    """The CRM customer of a new conversation: by id, then external id, then e-mail."""
    if customer_id is not None and customer_id in state.customers:
        return state.customers[customer_id]
    customers = state.customers.values()
    if client_id is not None:
        found = next((c for c in customers if c.identifier == client_id), None)
        if found is not None:
            return found
    if email is not None:
        wanted = email.casefold()
        return next((c for c in customers if wanted in (e.casefold() for e in c.emails)), None)
    return None


def start(ctx: Ctx) -> Reply:
    """POST chat_conversations/start: ``{"conversation_id": "<uuid>"}``; status CREATED."""
    query, state = ctx.query, ctx.state
    raw_queue = query.get("chat_queue_id")
    if not raw_queue:
        raise bad_request("required", name="chat_queue_id")
    queue_id = as_int(raw_queue, "chat_queue_id", minimum=1)
    if queue_id not in state.chats.queues:
        raise bad_request("chat_queue_not_found")
    email = _optional_text(query, "client_email")
    if email is not None and not _EMAIL.match(email):
        raise bad_request("invalid_value", name="client_email", expected="an e-mail address")
    raw_customer = _optional_text(query, "customer_id")
    customer_id = None if raw_customer is None else as_int(raw_customer, "customer_id", minimum=1)
    client_id = _optional_text(query, "client_id")
    customer = match_customer(state, customer_id, client_id, email)
    parts = (_optional_text(query, "client_name"), _optional_text(query, "client_surname"))
    name = " ".join(p for p in parts if p) or None
    if customer is not None:
        name = name or f"{customer.name} {customer.surname}".strip() or None
        email = email or (customer.emails[0] if customer.emails else None)
    conversation = Conversation(
        state.chats.new_conversation_id(),
        queue_id,
        state.wall_clock(),
        client_name=name,
        client_email=email,
        client_id=client_id,
        customer_id=None if customer is None else customer.customer_id,
    )
    state.chats.add(conversation)
    state.emit(lambda: conversation_created(state, conversation))
    return 201, {"conversation_id": conversation.conversation_id}


def message(ctx: Ctx) -> Reply:
    """POST chat_conversations/{id}/message: the client writes ``text``; empty answer."""
    conversation = ctx.state.chats.open_conversation(ctx.params["id"])
    raw = ctx.fields().get("text")
    text = "" if raw is None else as_str(raw, "text")
    if not text.strip():
        raise bad_request("required", name="text")
    conversation.lines.append(ChatLine(ctx.state.wall_clock(), text, "CLIENT"))
    return 201, None


def stop(ctx: Ctx) -> Reply:
    """POST chat_conversations/{id}/stop: the conversation is CLOSED now; empty answer."""
    state = ctx.state
    conversation = state.chats.open_conversation(ctx.params["id"])
    conversation.closed_at = state.wall_clock()
    state.emit(lambda: conversation_closed(state, conversation))
    return 201, None


def delete(ctx: Ctx) -> Reply:
    """DELETE chat_conversations/{id}: the conversation and everything in it vanish."""
    store = ctx.state.chats
    del store.conversations[store.conversation(ctx.params["id"]).conversation_id]
    return 204, None


def delete_content(ctx: Ctx) -> Reply:
    """DELETE chat_conversations/content/{id}/{participant}: blank one side's texts."""
    conversation = ctx.state.chats.conversation(ctx.params["id"])
    senders = PARTICIPANTS.get(ctx.params["participant"])
    if senders is None:
        raise bad_request("invalid_value", name="participant", expected="user, customer or both")
    for line in conversation.lines:
        if line.sent_by in senders:
            line.text = ""
    return 204, None
