"""Helpers of the tickets-area tests: a settable wall clock and a populated account."""

from __future__ import annotations

import datetime as dt

from fake_support import populate

from thulium_async.testing import FakeThulium, ManualClock

START = dt.datetime(2024, 5, 6, 9, 0, 0)
SUPPORT, SALES = 1, 2  # queue ids
COMPLAINTS, QUESTIONS = 1, 2  # category ids
NEW, OPEN, WAITING, CLOSED, ESCALATED = 1, 2, 3, 4, 5  # status ids (1-4: the account's own)
LEVEL_1, LEVEL_2 = 1, 2  # sub-statuses of ESCALATED


def tickets_account(clock: ManualClock) -> FakeThulium:
    """``populate``'s agents (jkowalski, anowak) plus queues, categories, a status with
    sub-statuses and two customers (1: jan@foo.bar of company 21; 2: no e-mail)."""
    fake = populate(FakeThulium(strict=True, wall_clock=clock))
    fake.add_ticket_queue("Support", email="support@foo.bar")
    fake.add_ticket_queue("sales@foo.bar")
    fake.add_ticket_category("Complaints")
    fake.add_ticket_category("Questions")
    fake.add_ticket_status("Escalated", substatuses=("Level 1", "Level 2"))
    fake.add_customer(customer_id=1, email="jan@foo.bar", company_id=21)
    fake.add_customer(customer_id=2, surname="Nowak")
    return fake


def new_ticket(**fields: object) -> dict[str, object]:
    """A valid POST tickets body, with ``fields`` added or replaced."""
    return {"to": "support@foo.bar", "subject": "Broken", "body": "It does not work.", **fields}
