"""``FakeThulium`` setup helpers for the tickets area (direct state writes, no HTTP).

They play the administrator and the mail server: queues (mailboxes),
categories, statuses and sub-statuses as configured in the panel, tickets and
messages with any history (backdated, closed, with attachments), uploads with
a chosen age. Inspection helpers show tickets as the API does, plus what the
API accepts but never shows (``_inspect``).

``add_ticket`` and ``add_ticket_message`` write history (any date, any state)
and send no webhook, so seeding an account never reaches a receiver;
``receive_ticket_email`` is a live event, a customer's e-mail opening a ticket
now, and sends TICKET_CREATED as Thulium would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..server._clock import setup_moment
from . import _events as events
from ._inspect import TicketsInspection
from ._models import (
    DIRECTIONS,
    MESSAGE_TYPES,
    RECEIVED,
    SOURCES,
    TemporaryFile,
    Ticket,
)
from ._ops import add_message, mark_closed, set_custom_fields

__all__ = ["TicketsSetup"]

Moment = str | dt.datetime | None


class TicketsSetup(TicketsInspection):
    """Setup helpers of the tickets area, mixed into ``FakeThulium`` (inspection inherited)."""

    # -- dictionaries ------------------------------------------------------------------

    def add_ticket_queue(
        self, name: str, *, email: str | None = None, ticket_queue_id: int | None = None
    ) -> int:
        """Create a ticket queue; returns its id.

        ``email`` is the queue's mailbox, which ``to`` of ``POST tickets`` must
        match; it defaults to ``name`` when that is an address (the docs' queues
        are named after their mailbox, ``"test@thulium.pl"``), else no mailbox.
        """
        if not name:
            raise ValueError("a ticket queue needs a name")
        address = (name if "@" in name else "") if email is None else email
        return self._state.tickets.add_queue(name, address, ticket_queue_id).ticket_queue_id

    def add_ticket_category(self, name: str, *, category_id: int | None = None) -> int:
        """Create a ticket category; returns its id."""
        if not name:
            raise ValueError("a ticket category needs a name")
        return self._state.tickets.add_category(name, category_id).category_id

    def add_ticket_status(
        self,
        name: str,
        *,
        closed: bool = False,
        substatuses: Sequence[str] = (),
        status_id: int | None = None,
    ) -> int:
        """Create a ticket status (with sub-statuses by name); returns its id.

        The account starts with 1 New, 2 Open, 3 Waiting for customer and
        4 Closed; ``closed=True`` makes tickets taking this status closed.
        """
        if not name:
            raise ValueError("a ticket status needs a name")
        store = self._state.tickets
        status = store.add_status(name, closed=closed, status_id=status_id)
        for substatus in substatuses:
            store.add_substatus(status, substatus)
        return status.status_id

    def add_ticket_substatus(
        self, status_id: int, name: str, *, substatus_id: int | None = None
    ) -> int:
        """Add a sub-status to a ticket status; returns its (account-unique) id."""
        store = self._state.tickets
        if status_id not in store.statuses:
            raise ValueError(f"no ticket status {status_id}")
        return store.add_substatus(store.statuses[status_id], name, substatus_id).substatus_id

    # -- temporary files ---------------------------------------------------------------

    def add_temporary_file(
        self,
        content: bytes = b"file content",
        *,
        filename: str = "file.txt",
        content_type: str = "application/octet-stream",
        token: str | None = None,
        uploaded_at: Moment = None,
    ) -> str:
        """Store an upload as ``POST temporary_files`` would; returns its token.

        ``uploaded_at`` (default now) ages the file: 24 hours later it expires.
        """
        store = self._state.tickets
        if token is not None and (not token or token in store.files):
            raise ValueError(f"token {token!r} is empty or taken")
        file = TemporaryFile(
            store.new_token() if token is None else token,
            filename,
            bytes(content),
            content_type,
            self._moment(uploaded_at, "uploaded_at"),
        )
        store.files[file.token] = file
        return file.token

    # -- tickets -----------------------------------------------------------------------

    def add_ticket(
        self,
        *,
        subject: str = "Ticket subject",
        body: str = "Ticket message",
        ticket_queue_id: int | None = None,
        status_id: int | None = None,
        substatus_id: int | None = None,
        category_id: int | None = None,
        customer_id: int | None = None,
        user_login: str = "",
        from_: str = "",
        to: str | None = None,
        cc: Sequence[str] = (),
        source: str = "email",
        direction: str = "in_behalf_of",
        tags: Sequence[str] = (),
        custom_fields: Mapping[str, Any] | None = None,
        attachments: Sequence[str] = (),
        ticket_id: int | None = None,
        created_at: Moment = None,
        updated_at: Moment = None,
    ) -> int:
        """Store a ticket with its first message, as received by e-mail; returns its id.

        The queue defaults to the first one (add one first); ``to`` to its
        mailbox; the status to the first open one. The first message is a MAIL,
        or with ``direction="out"`` a REPLY by ``user_login``. ``attachments``
        are tokens of ``add_temporary_file`` uploads. Dates are ``YYYY-MM-DD
        hh:mm[:ss]`` strings or datetimes (default now; ``updated_at`` defaults
        to ``created_at``); a closed status closes the ticket at ``updated_at``.
        The ticket is history: no webhook is sent (``receive_ticket_email`` sends
        TICKET_CREATED).
        """
        state = self._state
        store = state.tickets
        if ticket_queue_id is None:
            queue = next(iter(store.queues.values()), None)
            if queue is None:
                raise ValueError("add a ticket queue first (add_ticket_queue)")
        else:
            queue = self._pick(store.queues, ticket_queue_id, "ticket queue")
        status = self._pick(store.statuses, status_id, "ticket status") or store.initial_status()
        substatus = None
        if substatus_id is not None:
            substatus = status.substatuses.get(substatus_id)
            if substatus is None:
                raise ValueError(f"{substatus_id} is not a sub-status of status {status.status_id}")
        category = self._pick(store.categories, category_id, "ticket category")
        if customer_id is not None and customer_id not in state.customers:
            raise ValueError(f"no customer {customer_id}")
        self._check_login(user_login)
        if source not in SOURCES or direction not in DIRECTIONS:
            raise ValueError(f"source must be in {SOURCES}, direction in {DIRECTIONS}")
        created = self._moment(created_at, "created_at")
        uploads = self._uploads(attachments, created)
        ticket = Ticket(
            store.new_ticket_id(ticket_id),
            subject,
            queue,
            status,
            created,
            created if updated_at is None else self._moment(updated_at, "updated_at"),
            substatus=substatus,
            category=category,
            from_=from_,
            to=queue.email if to is None else to,
            cc=list(cc),
            customer_id=customer_id,
            user_login=user_login,
            source=source,
            direction=direction,
            tags=list(tags),
        )
        store.tickets[ticket.ticket_id] = ticket
        set_custom_fields(store, ticket, custom_fields or {})
        outgoing = direction == "out"
        kind = "REPLY" if outgoing else "MAIL"
        author = user_login if outgoing else ""
        add_message(
            store,
            ticket,
            kind,
            created,
            user_login=author,
            body=body,
            body_type="PLAIN",
            files=uploads,
        )
        if status.closed:
            mark_closed(ticket, ticket.updated_at)
        return ticket.ticket_id

    def receive_ticket_email(
        self,
        to: str | None = None,
        *,
        subject: str = "Ticket subject",
        body: str = "Ticket message",
        from_: str = "",
        cc: Sequence[str] = (),
        customer_id: int | None = None,
        attachments: Sequence[str] = (),
    ) -> int:
        """A customer's e-mail reaches a queue mailbox and opens a ticket now; returns its id.

        This is what the mail server does, which the API cannot: the ticket's
        direction is ``in`` and TICKET_CREATED is sent (with no agent). ``to``
        is a queue's mailbox (default: the first queue that has one); the queue
        and the first open status are taken as ``POST tickets`` takes them; the
        first message is a PLAIN MAIL. Without ``from_`` the customer's first
        e-mail address is used. A customer's later e-mails to the ticket are
        ``POST tickets/{id}/customer_response``.
        """
        state = self._state
        store = state.tickets
        if to is None:
            queue = next((q for q in store.queues.values() if q.email), None)
            if queue is None:
                raise ValueError("add a ticket queue with a mailbox first (add_ticket_queue)")
        else:
            queue = store.queue_for(to)
            if queue is None:
                raise ValueError(f"{to!r} is not the mailbox of a ticket queue")
        if customer_id is not None and customer_id not in state.customers:
            raise ValueError(f"no customer {customer_id}")
        if not from_ and customer_id is not None:
            emails = state.customers[customer_id].emails
            from_ = emails[0] if emails else ""
        now = state.moment()
        uploads = self._uploads(attachments, now)
        ticket = Ticket(
            store.new_ticket_id(),
            subject,
            queue,
            store.initial_status(),
            now,
            now,
            from_=from_,
            to=queue.email if to is None else to,
            cc=list(cc),
            customer_id=customer_id,
            direction=RECEIVED,
        )
        store.tickets[ticket.ticket_id] = ticket
        add_message(store, ticket, "MAIL", now, body=body, body_type="PLAIN", files=uploads)
        events.created(state, ticket)
        return ticket.ticket_id

    def add_ticket_message(
        self,
        ticket_id: int,
        *,
        type: str = "MAIL",
        body: str = "",
        comment: str = "",
        system_comment: str = "",
        user_login: str = "",
        created_at: Moment = None,
        attachments: Sequence[str] = (),
    ) -> int:
        """Append a MAIL, REPLY or COMMENT to a ticket; returns the message id.

        An agent's REPLY may become the first agent response; the ticket's
        ``updated_at`` moves forward to the message's date when that is later.
        The message is history: no webhook is sent (the API's ``agent_response``,
        ``customer_response`` and ``comment`` send them).
        """
        ticket = self._ticket(ticket_id)
        if type not in MESSAGE_TYPES:
            raise ValueError(f"type must be one of {MESSAGE_TYPES}")
        self._check_login(user_login)
        at = self._moment(created_at, "created_at")
        uploads = self._uploads(attachments, at)
        message = add_message(
            self._state.tickets,
            ticket,
            type,
            at,
            user_login=user_login,
            body=body,
            body_type="HTML" if body else "",
            comment=comment,
            system_comment=system_comment,
            files=uploads,
        )
        ticket.updated_at = max(ticket.updated_at, at)
        return message.message_id

    # -- helpers -------------------------------------------------------------------------

    def _moment(self, value: Moment, name: str) -> dt.datetime:
        return self._state.moment() if value is None else setup_moment(value, name)

    def _check_login(self, login: str) -> None:
        if login and login not in self._state.agents:
            raise ValueError(f"no agent {login!r}")

    def _uploads(self, tokens: Sequence[str], at: dt.datetime) -> list[TemporaryFile]:
        store = self._state.tickets
        found = [store.usable_file(token, at) for token in dict.fromkeys(tokens)]
        if any(f is None for f in found):
            raise ValueError(f"attachments {list(tokens)} must be fresh unused upload tokens")
        return [f for f in found if f is not None]

    @staticmethod
    def _pick(table: Mapping[int, Any], wanted: int | None, what: str) -> Any:
        if wanted is None:
            return None
        if wanted not in table:
            raise ValueError(f"no {what} {wanted}")
        return table[wanted]
