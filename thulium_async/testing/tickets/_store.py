"""The fake account's tickets data: dictionaries, tickets, messages and temporary files.

A fresh account has four ticket statuses, as a new Thulium account does: New,
Open, Waiting for customer and Closed (ids 1-4, Closed being the closing one);
queues and categories are set up by the test (``FakeThulium.add_ticket_queue``...).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Container

from ._models import (
    TemporaryFile,
    Ticket,
    TicketCategory,
    TicketQueue,
    TicketStatus,
    TicketSubstatus,
)

__all__ = ["DEFAULT_TICKET_STATUSES", "FILE_LIFETIME", "TicketsStore"]

DEFAULT_TICKET_STATUSES = (
    ("New", False),
    ("Open", False),
    ("Waiting for customer", False),
    ("Closed", True),
)
FILE_LIFETIME = dt.timedelta(hours=24)


class _Sequence:
    """Ids handed out in order; an explicit id (setup) must be free and moves the next one on."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.next = 1

    def take(self, wanted: int | None, taken: Container[int]) -> int:
        """``wanted`` if free (ValueError if not), else the next id of the sequence."""
        if wanted is None:
            wanted = self.next
        elif isinstance(wanted, bool) or not isinstance(wanted, int) or wanted < 1:
            raise ValueError(f"{self.what} ids are positive integers, got {wanted!r}")
        if wanted in taken:
            raise ValueError(f"{self.what} {wanted} already exists")
        self.next = max(self.next, wanted + 1)
        return wanted


class TicketsStore:
    """Tickets data of the fake account, keyed by id, in creation order."""

    def __init__(self) -> None:
        self.queues: dict[int, TicketQueue] = {}
        self.categories: dict[int, TicketCategory] = {}
        self.statuses: dict[int, TicketStatus] = {}
        self.tickets: dict[int, Ticket] = {}
        self.files: dict[str, TemporaryFile] = {}
        # Account-wide ticket custom-field names in creation order (CRM rule: a
        # name first written creates the field).
        self.custom_fields: dict[str, None] = {}
        self._queue_ids = _Sequence("ticket queue")
        self._category_ids = _Sequence("ticket category")
        self._status_ids = _Sequence("ticket status")
        self._substatus_ids = _Sequence("ticket sub-status")
        self._ticket_ids = _Sequence("ticket")
        self._message_ids = _Sequence("ticket message")
        self._used_message_ids: set[int] = set()
        # Seeded, so a test run sees the same tokens every time.
        self._tokens = random.Random("temporary_files")
        for name, closed in DEFAULT_TICKET_STATUSES:
            self.add_status(name, closed=closed)

    # -- dictionaries ------------------------------------------------------------------

    def add_queue(self, name: str, email: str, queue_id: int | None = None) -> TicketQueue:
        """A new queue; its mailbox address must not belong to another queue."""
        if email and self.queue_for(email) is not None:
            raise ValueError(f"mailbox {email!r} already belongs to a ticket queue")
        queue = TicketQueue(self._queue_ids.take(queue_id, self.queues), name, email)
        self.queues[queue.ticket_queue_id] = queue
        return queue

    def add_category(self, name: str, category_id: int | None = None) -> TicketCategory:
        """A new category."""
        category = TicketCategory(self._category_ids.take(category_id, self.categories), name)
        self.categories[category.category_id] = category
        return category

    def add_status(self, name: str, *, closed: bool, status_id: int | None = None) -> TicketStatus:
        """A new status without sub-statuses."""
        status = TicketStatus(self._status_ids.take(status_id, self.statuses), name, closed)
        self.statuses[status.status_id] = status
        return status

    def add_substatus(
        self, status: TicketStatus, name: str, substatus_id: int | None = None
    ) -> TicketSubstatus:
        """A new sub-status of ``status`` (sub-status ids are unique account-wide)."""
        taken = {s for st in self.statuses.values() for s in st.substatuses}
        substatus = TicketSubstatus(self._substatus_ids.take(substatus_id, taken), name)
        status.substatuses[substatus.substatus_id] = substatus
        return substatus

    def queue_for(self, address: str) -> TicketQueue | None:
        """The queue whose mailbox is ``address`` (case-insensitive), if any."""
        wanted = address.lower()
        for queue in self.queues.values():
            if queue.email and queue.email.lower() == wanted:
                return queue
        return None

    def initial_status(self) -> TicketStatus:
        """The status new tickets get: the first open one."""
        for status in self.statuses.values():
            if not status.closed:
                return status
        raise ValueError("the account has no open ticket status")

    # -- tickets -----------------------------------------------------------------------

    def new_ticket_id(self, wanted: int | None = None) -> int:
        """The next (or the given, if free) ticket id; ids of deleted tickets are not reused."""
        return self._ticket_ids.take(wanted, self.tickets)

    def new_message_id(self, wanted: int | None = None) -> int:
        """The next (or the given, if free) message id, unique across the account."""
        message_id = self._message_ids.take(wanted, self._used_message_ids)
        self._used_message_ids.add(message_id)
        return message_id

    # -- temporary files ---------------------------------------------------------------

    def new_token(self) -> str:
        """A fresh 22-hex-digit token, the length of the documentation's examples."""
        token = f"{self._tokens.getrandbits(88):022x}"
        while token in self.files:
            token = f"{self._tokens.getrandbits(88):022x}"
        return token

    def usable_file(self, token: str, now: dt.datetime) -> TemporaryFile | None:
        """The file behind ``token`` if it is known, under 24 hours old and not yet attached."""
        found = self.files.get(token)
        if found is None or found.ticket_id is not None:
            return None
        if now - found.uploaded_at >= FILE_LIFETIME:
            return None
        return found
