"""``FakeThulium`` setup helpers for the chats area (direct state writes, no HTTP).

They stand for what happens outside the API: an administrator creating chat
queues, conversations stored whole (a client starting one in the chat widget,
or one that already happened), and agents answering, closing and clients
rating live conversations in the Thulium panel. Agent replies and closes are
noted as agent activity (``chat_responded`` once per agent and conversation,
``chat_closed``) for ``agents_work_report``.

The helpers that change a conversation emit the chat webhooks that change
implies (see ``_handlers``): ``add_chat`` its whole history (created, assigned,
closed), ``chat_reply`` CHAT_AGENT_ASSIGNED when the conversation changes
agent, ``close_chat`` CHAT_CONVERSATION_CLOSED. Queues and ratings emit nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..server._clock import parse_moment, stamp
from ..shared._setup import SetupBase
from ._events import agent_assigned, conversation_closed, emit_history
from ._report import RATINGS
from ._store import (
    CLIENT_DATA_KEYS,
    SENDERS,
    ChatFile,
    ChatLine,
    Conversation,
)
from ._views import chat_view

__all__ = ["ChatsSetup"]

_GAP = dt.timedelta(seconds=10)
_TOKEN = re.compile(r"[0-9A-Za-z-]{1,64}\Z")

MessageSpec = Mapping[str, Any] | tuple[str, str]


class ChatsSetup(SetupBase):
    """Setup and inspection helpers of the chats area, mixed into ``FakeThulium``."""

    def add_chat_queue(
        self,
        name: str = "BOK",
        *,
        display_name: str | None = None,
        chat_queue_id: int | None = None,
    ) -> int:
        """Create a chat queue; returns its ``chat_queue_id`` (the next free one by default)."""
        if not name:
            raise ValueError("a chat queue needs a name")
        if chat_queue_id is not None and chat_queue_id < 1:
            raise ValueError(f"chat queue ids are positive, got {chat_queue_id}")
        return self._state.chats.add_queue(name, display_name, chat_queue_id).chat_queue_id

    def add_chat(
        self,
        *,
        chat_queue_id: int | None = None,
        client_name: str | None = "Jan Kowalski",
        client_email: str | None = None,
        customer_id: int | None = None,
        user_login: str | None = None,
        created_at: str | None = None,
        messages: Sequence[MessageSpec] = (),
        files: Sequence[Mapping[str, Any]] = (),
        closed: bool = True,
        closed_at: str | None = None,
        rating: int | None = None,
        client_data: Mapping[str, str] | None = None,
        conversation_id: str | None = None,
    ) -> str:
        """Store a conversation as it happened; returns its ``conversation_id``.

        ``chat_queue_id`` defaults to the account's first queue. Dates are
        ``YYYY-MM-DD hh:mm[:ss[.SSS]]``; ``created_at`` defaults to now.
        ``messages`` are ``(sent_by, text)`` pairs or maps with ``message`` and
        optionally ``sent_by`` (USER, CLIENT, AUTO; default CLIENT), ``date``
        (default 10 s after the previous line) and ``user_login`` (USER lines;
        default the chat's agent, else the agent who wrote last). The chat's
        ``user_login`` defaults to the last agent who wrote. ``files`` are maps
        with ``token``, ``sent_by``, ``date``, ``user_login``. ``closed=False``
        leaves it open (CREATED, or IN_PROGRESS when an agent wrote); a closed
        one gets ``closed_at`` (default 10 s after its last line). ``rating``:
        1 sad, 2 neutral, 3 happy. ``client_data``: browser, ip,
        last_visited_url, os, referrer, resolution (missing ones show ``""``).

        Emits CHAT_CONVERSATION_CREATED, then CHAT_AGENT_ASSIGNED when the chat
        has an agent, then CHAT_CONVERSATION_CLOSED when it is closed, each
        dated by the conversation's own times.
        """
        state = self._state
        store = state.chats
        queue_id = self._chat_queue(chat_queue_id)
        if customer_id is not None and customer_id not in state.customers:
            raise ValueError(f"no customer {customer_id}")
        if user_login is not None:
            self._chat_agent(user_login)
        start = state.wall_clock() if created_at is None else parse_moment(created_at)
        cid = store.new_conversation_id() if conversation_id is None else conversation_id
        if not _TOKEN.match(cid) or cid in store.conversations:
            raise ValueError(f"conversation id {cid!r} is malformed or taken")
        lines = self._chat_lines(messages, start, user_login)
        if user_login is None:
            user_login = next((x.user_login for x in reversed(lines) if x.sent_by == "USER"), None)
        end = self._chat_end(closed, closed_at, lines[-1].date if lines else start)
        if end is not None and end < start:
            raise ValueError("closed_at is before created_at")
        if rating is not None and rating not in RATINGS:
            raise ValueError(f"rating is one of {sorted(RATINGS)} (sad, neutral, happy)")
        data = dict(client_data or {})
        if not set(data) <= set(CLIENT_DATA_KEYS):
            raise ValueError(f"client_data keys are among {CLIENT_DATA_KEYS}")
        conversation = Conversation(
            cid,
            queue_id,
            start,
            client_name=client_name,
            client_email=client_email,
            customer_id=customer_id,
            user_login=user_login,
            closed_at=end,
            rating=rating,
            lines=lines,
            files=[self._chat_file(spec, start, index) for index, spec in enumerate(files)],
            client_data=data,
        )
        store.add(conversation)
        activity = state.agents_store
        responded: set[str] = set()
        for line in lines:
            if line.user_login is not None and line.user_login not in responded:
                responded.add(line.user_login)
                activity.note_activity(line.user_login, "chat_responded", stamp(line.date))
        if end is not None and user_login is not None:
            activity.note_activity(user_login, "chat_closed", stamp(end))
        emit_history(state, conversation)
        return cid

    def chat_reply(self, conversation_id: str, login: str, text: str) -> None:
        """Agent ``login`` writes ``text`` now in an open conversation, which becomes theirs.

        Emits CHAT_AGENT_ASSIGNED when ``login`` was not already the chat's agent.
        """
        state = self._state
        conversation = self._open_chat(conversation_id)
        self._chat_agent(login)
        if not text:
            raise ValueError("a reply needs text")
        now = state.wall_clock()
        if not conversation.replied_by(login):
            state.agents_store.note_activity(login, "chat_responded", stamp(now))
        conversation.lines.append(ChatLine(now, text, "USER", login))
        if conversation.user_login != login:
            conversation.user_login = login
            state.emit(lambda: agent_assigned(state, conversation, login, now))

    def close_chat(self, conversation_id: str, *, login: str | None = None) -> None:
        """Close an open conversation now, as ``login`` (default: the chat's agent, if any).

        Emits CHAT_CONVERSATION_CLOSED.
        """
        state = self._state
        conversation = self._open_chat(conversation_id)
        if login is not None:
            self._chat_agent(login)
        now = state.wall_clock()
        conversation.closed_at = now
        closer = login or conversation.user_login
        if closer is not None:
            state.agents_store.note_activity(closer, "chat_closed", stamp(now))
        state.emit(lambda: conversation_closed(state, conversation))

    def rate_chat(self, conversation_id: str, rating: int) -> None:
        """The client rates the conversation: 1 sad, 2 neutral, 3 happy."""
        if rating not in RATINGS:
            raise ValueError(f"rating is one of {sorted(RATINGS)} (sad, neutral, happy)")
        self._chat(conversation_id).rating = rating

    def chats(self) -> list[dict[str, Any]]:
        """Every conversation as ``GET chats`` shows it with messages, files and client data."""
        agents = self._state.agents
        return [
            chat_view(c, agents, messages=True, files=True, client_data=True)
            for c in self._state.chats.ordered()
        ]

    # -- checks shared by the helpers ------------------------------------------------

    def _chat(self, conversation_id: str) -> Conversation:
        try:
            return self._state.chats.conversations[conversation_id]
        except KeyError:
            raise ValueError(f"no chat conversation {conversation_id!r}") from None

    def _open_chat(self, conversation_id: str) -> Conversation:
        conversation = self._chat(conversation_id)
        if conversation.closed_at is not None:
            raise ValueError(f"chat conversation {conversation_id} is closed")
        return conversation

    def _chat_queue(self, chat_queue_id: int | None) -> int:
        queues = self._state.chats.queues
        if chat_queue_id is None:
            if not queues:
                raise ValueError("no chat queue yet: add_chat_queue() first")
            return min(queues)
        if chat_queue_id not in queues:
            raise ValueError(f"no chat queue {chat_queue_id}")
        return chat_queue_id

    def _chat_agent(self, login: str) -> None:
        if not login or login not in self._state.agents:
            raise ValueError(f"no agent {login!r}")

    def _chat_lines(
        self, specs: Sequence[MessageSpec], start: dt.datetime, agent: str | None
    ) -> list[ChatLine]:
        lines: list[ChatLine] = []
        previous = start
        writer = agent
        for spec in specs:
            item = {"sent_by": spec[0], "message": spec[1]} if isinstance(spec, tuple) else spec
            sent_by = item.get("sent_by", "CLIENT")
            if sent_by not in SENDERS:
                raise ValueError(f"sent_by is one of {SENDERS}, got {sent_by!r}")
            text = item.get("message")
            if not isinstance(text, str):
                raise ValueError(f"a message needs its text under 'message': {item!r}")
            raw_date = item.get("date")
            date = previous + _GAP if raw_date is None else parse_moment(raw_date)
            if date < start:
                raise ValueError(f"message dated {raw_date} before the chat started")
            login = None
            if sent_by == "USER":
                login = item.get("user_login", writer)
                if login is None:
                    raise ValueError("an agent's (USER) message needs user_login")
                self._chat_agent(login)
                if agent is None:
                    writer = login
            lines.append(ChatLine(date, text, sent_by, login))
            previous = date
        return lines

    def _chat_end(
        self, closed: bool, closed_at: str | None, last: dt.datetime
    ) -> dt.datetime | None:
        if not closed:
            if closed_at is not None:
                raise ValueError("closed_at given for an open chat (closed=False)")
            return None
        end = last + _GAP if closed_at is None else parse_moment(closed_at)
        if end < last:
            raise ValueError("closed_at is before the last message")
        return end

    def _chat_file(self, spec: Mapping[str, Any], start: dt.datetime, index: int) -> ChatFile:
        sent_by = spec.get("sent_by", "CLIENT")
        if sent_by not in SENDERS:
            raise ValueError(f"sent_by is one of {SENDERS}, got {sent_by!r}")
        login = spec.get("user_login") if sent_by == "USER" else None
        if login is not None:
            self._chat_agent(login)
        raw_date = spec.get("date")
        date = start if raw_date is None else parse_moment(raw_date)
        token = str(spec.get("token") or f"{start:%Y%m%d%H%M%S}{index:04d}")
        return ChatFile(date, token, sent_by, login)
