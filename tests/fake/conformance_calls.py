"""Conformance tables of the calls area: the state each catalog example needs, doc fixes."""

from __future__ import annotations

from collections.abc import Callable

from thulium_async.testing import FakeThulium

FILENAME = "sprzedaz/2014-07-07/2014-07-07_093545_921063395.234.wav"


def call_on_july_4th(fake: FakeThulium) -> None:
    # The example answers a call of 2014-07-07 to a query ending 2014-07-05: the
    # call set up here lies inside the example's own date range.
    fake.add_call(
        date="2014-07-04 11:08:00",
        src="123123",
        dst="1234",
        type="OUTBOUND",
        ticket_id=3,
        duration=129,
        billsec=104,
        user_login="jkowalski",
        recording=b"RIFF",
        folder="sprzedaz",
    )


def saved_topic(fake: FakeThulium) -> None:
    fake.add_call(connection_id="123423.23", user_login="jkowalski")
    topic = fake.add_topic("Reklamacja")
    first, second = fake.add_topic_field("Pole 1"), fake.add_topic_field("Pole 2")
    fake.set_call_topic(
        "123423.23",
        topic,
        agent_login="jkowalski",
        comment="komentarz do rozmowy",
        custom_fields={first: "pole 1 wartość", second: "pole 2 wartość"},
    )


def recording_of_the_example(fake: FakeThulium) -> None:
    # the recording the catalog's filename example names (a second of silence)
    fake.add_call(
        connection_id="921063395.234",
        date="2014-07-07 09:35:45",
        duration=1,
        recording=True,
        folder="sprzedaz",
    )


def queue_with_topics(fake: FakeThulium) -> None:
    first = fake.add_topic_group("First group")
    empty = fake.add_topic_group("Empty group")
    multiple = fake.add_topic_group("Group with multiple")
    hidden = fake.add_topic_group("Inactive group", active=False)
    fake.add_topic("only one", group_id=first)
    fake.add_topic("first", group_id=multiple)
    fake.add_topic("second", group_id=multiple)
    fake.add_topic("third", group_id=multiple, show_custom_fields=False)
    fake.add_topic("retired", group_id=multiple, active=False)
    fake.add_topic_field("Field 1", type="LONG_TEXT")
    fake.add_topic_field("Field 2")
    fake.add_queue("Sprzedaż", queue_id=2, topic_groups=[first, empty, multiple, hidden])


def waiting_callers(fake: FakeThulium) -> None:
    fake.add_queue("Sprzedaż", queue_id=2)
    fake.add_customer(customer_id=123, name="Jan", surname="Kowalski", phone_number="746842523")
    fake.add_waiting_caller(2, "613459851", started_at="2014-08-06 14:30:37")
    fake.add_waiting_caller(2, "746842523", started_at="2014-08-06 14:30:35")


def queue_2(fake: FakeThulium) -> None:
    fake.add_queue("Sprzedaż", queue_id=2)


def two_queues(fake: FakeThulium) -> None:
    fake.add_queue("Sales", queue_id=1)
    fake.add_queue("Support", queue_id=2)


def two_waiting(fake: FakeThulium) -> None:
    fake.add_queue("Sales", queue_id=1)
    fake.add_waiting_caller(1, "600100200")
    fake.add_waiting_caller(1, "600100201")


def topics(fake: FakeThulium) -> None:
    group = fake.add_topic_group("Sprzedaż")
    fake.add_topic("Zamówienie", group_id=group)
    fake.add_topic("Reklamacja", group_id=group)


# catalog name -> setup of the fake before the example request is replayed
SETUPS: dict[str, Callable[[FakeThulium], None]] = {
    "list_connections": call_on_july_4th,
    "get_connection_topic": saved_topic,
    "list_recordings": call_on_july_4th,
    "stream_recording": recording_of_the_example,
    "download_recording": recording_of_the_example,
    "list_queue_topics": queue_with_topics,
    "get_queue_waiting_list": waiting_callers,
    "schedule_queue_call": queue_2,
    "list_topics": topics,
    "list_queues": two_queues,
    "get_queue_waiting_stats": two_waiting,
}
# catalog name -> "METHOD target", or (method, target, raw body), correcting the doc's example
REQUEST_FIXES: dict[str, str | tuple[str, str, bytes]] = {
    # inferred endpoints with no request example: the catalog's filename parameter example
    "stream_recording": f"GET recordings/stream?filename={FILENAME}",
    "download_recording": f"GET recordings/download?filename={FILENAME}",
}
# catalog name -> keys whose example values the request does not determine
FREE_VALUES: dict[str, set[str]] = {}
# catalog name -> keys the answer has beyond the example's. "The doc example is
# truncated after user_login; other documented fields: connection_id, type,
# queue_id, topic_id, customer_id, tags, disconnected_by, transferred_to"
# (tags only with include_tags).
EXTRA_KEYS: dict[str, set[str]] = {
    "list_connections": {
        "connection_id",
        "type",
        "queue_id",
        "topic_id",
        "customer_id",
        "disconnected_by",
        "transferred_to",
    },
}
