"""``chats`` (lists, queues, the summary report) and ``chat_conversations`` (live chats)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .. import _validation as check
from .._pagination import Paginator
from .._validation import choice, date_filter, email, optional_text, text
from ..errors import InputError
from ..models import Chat, ChatParticipant, ChatQueue, ChatStatus
from ._base import Context, Resource
from ._chat_report import ChatSummaryReport
from ._query_filters import flag_params

__all__ = [
    "ChatConversationContent",
    "ChatConversations",
    "ChatQueues",
    "ChatReports",
    "Chats",
]

MAX_PAGE_SIZE = 100
_CONVERSATION_ID = re.compile(r"[0-9A-Za-z-]{1,64}")


def conversation_id(value: Any, field: str = "conversation_id") -> str:
    """A chat conversation id: a UUID (the docs' content example uses ``2``, so any token)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        value = str(value)
    if isinstance(value, str) and _CONVERSATION_ID.fullmatch(value):
        return value
    raise InputError(
        field, "a conversation id such as '6ed7c941-2c8a-411e-95d2-338a9f64800a'", value
    )


class ChatQueues(Resource):
    """``chats/queues``."""

    async def list(self) -> list[ChatQueue]:
        """Every chat queue of the account (not paginated)."""
        raw = await self._call("GET", "chats/queues")
        return self._structure(raw, list[ChatQueue])


class ChatReports(Resource):
    """``chats/reports``: see ``summary``."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.summary = ChatSummaryReport(context)


class Chats(Resource):
    """``chats``: finished and ongoing chats; ``queues`` and ``reports.summary`` below it."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.queues = ChatQueues(context)
        self.reports = ChatReports(context)

    def list(
        self,
        *,
        date_from: dt.date | dt.datetime | str | None = None,
        date_to: dt.date | dt.datetime | str | None = None,
        status: ChatStatus | str | None = None,
        chat_queue_id: int | None = None,
        include_messages: bool | None = None,
        include_files: bool | None = None,
        include_client_data: bool | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
        concurrency: int = 8,
    ) -> Paginator[Chat]:
        """A paginator over chats whose start lies in ``date_from``..``date_to``.

        Dates are ``YYYY-MM-DD`` (a date) or ``YYYY-MM-DD hh:mm`` (a datetime, in
        the account's zone). ``include_*`` add each chat's messages, files and the
        client's browser data. Pages hold up to 100 chats; the answer's ``count``
        lets the remaining pages be fetched ``concurrency`` at a time.
        """
        tz = self._context.timezone
        params: list[tuple[str, str]] = []
        if date_from is not None:
            params.append(("date_from", date_filter(date_from, "date_from", tz)))
        if date_to is not None:
            params.append(("date_to", date_filter(date_to, "date_to", tz)))
        if status is not None:
            params.append(("status", choice(status, ChatStatus, "status")))
        if chat_queue_id is not None:
            params.append(("chat_queue_id", str(check.positive_id(chat_queue_id, "chat_queue_id"))))
        params += flag_params(
            include_messages=include_messages,
            include_files=include_files,
            include_client_data=include_client_data,
        )
        return self._paginate(
            "chats",
            params,
            Chat,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=concurrency,
        )


class ChatConversationContent(Resource):
    """``chat_conversations/content/:id/:participant``."""

    async def delete(self, id: str, participant: ChatParticipant | str) -> None:
        """Erase the message texts of a conversation for ``user``, ``customer`` or ``both``."""
        cid = conversation_id(id, "id")
        who = choice(participant, ChatParticipant, "participant")
        await self._call("DELETE", f"chat_conversations/content/{cid}/{who}")


class ChatConversations(Resource):
    """``chat_conversations``: start a chat, write in it, stop it, delete it."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.content = ChatConversationContent(context)

    async def start(
        self,
        *,
        chat_queue_id: int,
        client_name: str | None = None,
        client_surname: str | None = None,
        client_email: str | None = None,
        client_id: str | int | None = None,
        customer_id: int | None = None,
    ) -> str:
        """Start a conversation in a chat queue; returns its conversation id.

        The parameters go in the query string with an empty body: that is how
        the docs' only example sends this POST (its parameter table names no
        body), so the client follows the example. The CRM customer is matched
        by ``customer_id``, then ``client_id`` (your own id), then e-mail. Not
        retried after an ambiguous failure: a repeat could open a second chat.
        """
        params = [("chat_queue_id", str(check.positive_id(chat_queue_id, "chat_queue_id")))]
        for name, value in (("client_name", client_name), ("client_surname", client_surname)):
            if value is not None:
                params.append((name, optional_text(value, name)))
        if client_email is not None:
            params.append(("client_email", email(client_email, "client_email")))
        if client_id is not None:
            external = str(client_id) if isinstance(client_id, int) else client_id
            params.append(("client_id", text(external, "client_id")))
        if customer_id is not None:
            params.append(("customer_id", str(check.positive_id(customer_id, "customer_id"))))
        raw = await self._call("POST", "chat_conversations/start", params=params)
        body = raw.json()
        found = body.get("conversation_id") if isinstance(body, dict) else None
        return self._structure(raw, str, found)

    async def message(self, id: str, *, text: str) -> None:
        """Send a message in a conversation (as the API user).

        The docs mark ``text`` optional, but a message without text has nothing
        to send, so it is required here. Not retried after an ambiguous
        failure: the message could appear twice.
        """
        cid = conversation_id(id, "id")
        if not isinstance(text, str) or not text.strip():
            raise InputError("text", "the message text (non-empty)", text)
        await self._call("POST", f"chat_conversations/{cid}/message", json={"text": text})

    async def stop(self, id: str) -> None:
        """End a conversation (empty body, empty answer).

        Ending is idempotent in effect, but what the API answers to a second
        stop of a closed chat is undocumented (possibly an error), so a lost
        answer is not retried: a retry could turn a success into a false error.
        """
        cid = conversation_id(id, "id")
        await self._call("POST", f"chat_conversations/{cid}/stop")

    async def delete(self, id: str) -> None:
        """Delete a conversation with everything attached to it."""
        cid = conversation_id(id, "id")
        await self._call("DELETE", f"chat_conversations/{cid}")
