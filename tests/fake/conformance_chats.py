"""Conformance tables of the chats area: the state each catalog example needs, doc fixes."""

from __future__ import annotations

from collections.abc import Callable

from thulium_async.testing import FakeThulium

# The conversation ids of the examples (path parameters of the catalog entries).
STARTED = "6ed7c941-2c8a-411e-95d2-338a9f64800a"
TO_DELETE = "a779146f-4df3-49c1-826a-7caa6a5e653a"


def queues(fake: FakeThulium) -> None:
    fake.add_chat_queue("BOK", chat_queue_id=3)
    fake.add_chat_queue("service", display_name="Service queue", chat_queue_id=4)


def closed_chat_of_2014(fake: FakeThulium) -> None:
    """The example's chat: customer 2, closed on 2014-07-04, an agent writes first."""
    fake.add_chat_queue("BOK", chat_queue_id=3)
    fake.add_customer(customer_id=2, name="Andrzej", surname="Nowak")
    fake.add_chat(
        chat_queue_id=3,
        client_name="Andrzej Nowak",
        client_email="andrzej.nowak@company.bar",
        customer_id=2,
        user_login="jkowalski",
        created_at="2014-07-04 10:23:04.318",
        messages=[
            ("USER", "Dzień dobry!"),
            ("CLIENT", "Dzień dobry, mam pytanie odnośnie produktu"),
        ],
        files=[{"token": "188164338364f87fa936e48", "sent_by": "CLIENT"}],
        rating=1,
        client_data={"browser": "Chrome 96.0.4664", "ip": "127.0.0.1", "os": "Linux"},
    )


def answered_in_range(fake: FakeThulium) -> None:
    """A chat jkowalski answered inside the example's range (2024-11-08..2024-12-08)."""
    fake.add_chat_queue("BOK", chat_queue_id=3)
    fake.add_chat(
        chat_queue_id=3,
        user_login="jkowalski",
        created_at="2024-11-20 09:00:00",
        messages=[("CLIENT", "Hello"), ("USER", "Hi, how can I help?")],
    )


def open_chat(conversation_id: str) -> Callable[[FakeThulium], None]:
    def setup(fake: FakeThulium) -> None:
        fake.add_chat_queue("BOK", chat_queue_id=3)
        fake.add_chat(
            chat_queue_id=3,
            conversation_id=conversation_id,
            messages=[("CLIENT", "Hello")],
            closed=False,
        )

    return setup


# catalog name -> setup of the fake before the example request is replayed
SETUPS: dict[str, Callable[[FakeThulium], None]] = {
    "list_chats": closed_chat_of_2014,
    "list_chat_queues": queues,
    "get_chats_summary_report": answered_in_range,
    "start_chat_conversation": queues,
    "send_chat_message": open_chat(STARTED),
    "stop_chat_conversation": open_chat(STARTED),
    "delete_chat_conversation": open_chat(TO_DELETE),
    "delete_chat_conversation_content": open_chat(TO_DELETE),
}
# catalog name -> "METHOD target", or (method, target, raw body), correcting the doc's example
REQUEST_FIXES: dict[str, str | tuple[str, str, bytes]] = {
    # the catalog's example line ends in the prose "(empty body)", which is no part of the URL
    "start_chat_conversation": "POST chat_conversations/start?chat_queue_id=3&client_id=1234",
    # "doc example uses '2' as the conversation id although ids are UUIDs elsewhere"
    "delete_chat_conversation_content": f"DELETE chat_conversations/content/{TO_DELETE}/user",
}
# catalog name -> keys whose example values the request does not determine
FREE_VALUES: dict[str, set[str]] = {}
# catalog name -> keys the answer has beyond a truncated example's (none in this area)
EXTRA_KEYS: dict[str, set[str]] = {}
