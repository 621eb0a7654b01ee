"""Conformance tables of the tickets area: the state each catalog example needs, doc fixes."""

from __future__ import annotations

from collections.abc import Callable

from thulium_async.testing import FakeThulium

# The token the catalogue's examples attach (POST tickets, agent_response, attachment delete).
EXAMPLE_TOKEN = "61527075253ba62a76ca5c"


def ticket_1234(*, token: bool = False, history: bool = False) -> Callable[[FakeThulium], None]:
    """Ticket 1234 as the get_ticket example shows it: queue 32, status 2/2, category 3,
    customer 32122, assigned to akowalski; optionally with an attachment or two comments."""

    def setup(fake: FakeThulium) -> None:
        fake.add_agent("akowalski", name="Adam", surname="Kowalski")
        fake.add_customer(customer_id=32122, email="john.doe@foo.bar")
        fake.add_ticket_queue("test@thulium.pl", ticket_queue_id=32)
        fake.add_ticket_substatus(1, "Awaiting parts", substatus_id=2)
        fake.add_ticket_substatus(2, "some sub status", substatus_id=3)
        fake.add_ticket_category("Complaints", category_id=3)
        attachments = [fake.add_temporary_file(token=EXAMPLE_TOKEN)] if token else []
        fake.add_ticket(
            ticket_id=1234,
            subject="Example ticket subject",
            from_="john.doe@foo.bar",
            status_id=2,
            substatus_id=3,
            category_id=3,
            customer_id=32122,
            user_login="akowalski",
            attachments=attachments,
            created_at="2014-07-08 08:05",
            updated_at="2014-07-11 08:05",
        )
        if history:
            # get_ticket's example lists only COMMENT messages, without attachments.
            fake.add_ticket_message(
                1234, type="COMMENT", comment="Example comment", user_login="akowalski"
            )

    return setup


def mailbox_and_token(fake: FakeThulium) -> None:
    """create_ticket sends to mailbox@foo.bar and attaches the example's token."""
    fake.add_ticket_queue("mailbox@foo.bar")
    fake.add_temporary_file(token=EXAMPLE_TOKEN)


def replying_agent(fake: FakeThulium) -> None:
    """send_ticket_agent_response answers as testowy.agent17 with the example's token."""
    ticket_1234()(fake)
    fake.add_agent("testowy.agent17")
    fake.add_temporary_file(token=EXAMPLE_TOKEN)


# catalog name -> setup of the fake before the example request is replayed
SETUPS: dict[str, Callable[[FakeThulium], None]] = {
    "list_tickets": ticket_1234(),
    "get_ticket": ticket_1234(history=True),
    "create_ticket": mailbox_and_token,
    "update_ticket": ticket_1234(),
    "delete_ticket": ticket_1234(),
    "send_ticket_agent_response": replying_agent,
    "add_ticket_customer_response": ticket_1234(),
    "add_ticket_comment": ticket_1234(),
    "delete_ticket_attachment": ticket_1234(token=True),
}
# catalog name -> "METHOD target", or (method, target, raw body), correcting the doc's example
REQUEST_FIXES: dict[str, str | tuple[str, str, bytes]] = {
    # "available excerpt ends inside messages; custom-field output shape not visible":
    # the example cannot show custom_fields, so it is replayed without asking for them.
    "get_ticket": "GET tickets/1234",
    # Inferred endpoint without a request example; its body is the catalogue's params
    # ("field names inferred from ticket message fields (comment, user_login)").
    "add_ticket_comment": (
        "POST",
        "tickets/1234/comment",
        b'{"comment": "Example comment", "user_login": "akowalski"}',
    ),
    # The request example is prose ("body: raw bytes"); the response's size 12 is the
    # length of the catalogue's body example, "file content".
    "upload_temporary_file": ("POST", "temporary_files?filename=file.txt", b"file content"),
}
# catalog name -> keys whose example values the request does not determine
FREE_VALUES: dict[str, set[str]] = {}
# catalog name -> keys the answer has beyond a truncated example's (none in this area)
EXTRA_KEYS: dict[str, set[str]] = {
    # inferred list-row fields a real consumer reads (see tickets._views.ticket_item)
    "list_tickets": {"from", "full_status_name", "ticket_queue_name", "source"},
}
