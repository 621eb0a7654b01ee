"""``GET chats``: filters, order, paging with count, the ``include_*`` parts, strictness."""

from __future__ import annotations

import pytest
from fake_support import error, populate

from thulium_async.testing import FakeThulium

KEYS = [
    "chat_queue_id",
    "client_email",
    "client_name",
    "customer_id",
    "conversation_id",
    "created_at",
    "closed_at",
    "status",
    "user_login",
    "rating",
]


@pytest.fixture
def fake() -> FakeThulium:
    """Five chats A-E around midnight of 2024-05-01/02, added out of order."""
    fake = populate(FakeThulium(strict=True))
    fake.add_chat_queue("BOK", chat_queue_id=3)
    fake.add_chat_queue("service", chat_queue_id=4)
    add = fake.add_chat
    add(conversation_id="chat-D", client_name="D", created_at="2024-05-02 12:34:59")
    add(
        conversation_id="chat-A",
        client_name="A",
        created_at="2024-05-01 09:00:00",
        user_login="jkowalski",
        messages=[("CLIENT", "Hi"), ("USER", "Hello")],
    )
    add(
        conversation_id="chat-B",
        client_name="B",
        created_at="2024-05-01 23:59:59.900",
        chat_queue_id=4,
        messages=[("CLIENT", "Hi")],
        closed=False,
    )
    add(conversation_id="chat-E", client_name="E", created_at="2024-05-02 12:35:00")
    add(
        conversation_id="chat-C",
        client_name="C",
        created_at="2024-05-02 00:00:00",
        user_login="anowak",
        messages=[("USER", "Can I help?")],
        closed=False,
    )
    return fake


def names(body):
    return [chat["client_name"] for chat in body["result"]]


async def test_chats_are_listed_by_start_time_with_a_count(api):
    response = await api.get("chats")
    body = response.json()
    assert body["count"] == 5
    assert names(body) == ["A", "B", "C", "D", "E"]
    first = body["result"][0]
    assert list(first) == KEYS
    assert first == {
        "chat_queue_id": 3,
        "client_email": None,
        "client_name": "A",
        "customer_id": None,
        "conversation_id": "chat-A",
        "created_at": "2024-05-01 09:00:00.000",
        "closed_at": "2024-05-01 09:00:30.000",
        "status": "CLOSED",
        "user_login": "jkowalski",
        "rating": None,
    }
    assert [c["status"] for c in body["result"]] == [
        "CLOSED",
        "CREATED",
        "IN_PROGRESS",
        "CLOSED",
        "CLOSED",
    ]


FORMS = "expected YYYY-MM-DD, YYYY-MM-DD hh:mm or YYYY-MM-DD hh:mm:ss."


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2024-05-02"}, ["C", "D", "E"]),
        ({"date_to": "2024-05-01"}, ["A", "B"]),
        ({"date_to": "2024-05-02 12:34"}, ["A", "B", "C", "D"]),
        ({"date_from": "2024-05-02 12:35"}, ["E"]),
        ({"date_from": "2024-05-01 23:59", "date_to": "2024-05-02 00:00"}, ["B", "C"]),
        ({"status": "CLOSED"}, ["A", "D", "E"]),
        ({"status": "IN_PROGRESS"}, ["C"]),
        ({"status": "CREATED"}, ["B"]),
        ({"chat_queue_id": "4"}, ["B"]),
        ({"chat_queue_id": "9"}, []),
        ({"chat_queue_id": "3", "status": "CLOSED", "date_from": "2024-05-02"}, ["D", "E"]),
    ],
)
async def test_filters_narrow_the_list_and_the_count(http, params, expected):
    body = (await http.get("chats", params=params)).json()
    assert names(body) == expected
    assert body["count"] == len(expected)


@pytest.mark.parametrize(
    ("params", "expected", "count"),
    [
        ({"limit": "2", "offset": "1"}, ["B", "C"], 5),
        ({"limit": "2", "offset": "4"}, ["E"], 5),
        ({"offset": "9"}, [], 5),
        ({"limit": "1", "status": "CLOSED", "offset": "1"}, ["D"], 3),
    ],
)
async def test_pages_carry_the_total_count(http, params, expected, count):
    body = (await http.get("chats", params=params)).json()
    assert (names(body), body["count"]) == (expected, count)


async def test_include_flags_add_messages_files_and_client_data(api, fake):
    fake.add_chat(
        conversation_id="chat-F",
        created_at="2024-06-01 10:00:00",
        messages=[{"message": "Hi", "date": "2024-06-01 10:00:03"}],
        files=[{"token": "tok1", "sent_by": "CLIENT", "date": "2024-06-01 10:00:04"}],
        client_data={"browser": "Firefox 120", "ip": "10.0.0.1"},
    )
    params = {"date_from": "2024-06-01", "include_messages": "true", "include_files": "true"}
    params["include_client_data"] = "true"
    [chat] = (await api.get("chats", params=params)).json()["result"]
    assert list(chat) == [*KEYS, "messages", "files", "client_data"]
    assert chat["messages"] == [
        {
            "date": "2024-06-01 10:00:03",
            "message": "Hi",
            "sent_by": "CLIENT",
            "user_name": None,
            "user_login": None,
        }
    ]
    assert chat["files"] == [
        {
            "date": "2024-06-01 10:00:04",
            "token": "tok1",
            "sent_by": "CLIENT",
            "user_name": None,
            "user_login": None,
        }
    ]
    assert chat["client_data"] == {
        "browser": "Firefox 120",
        "ip": "10.0.0.1",
        "last_visited_url": "",
        "os": "",
        "referrer": "",
        "resolution": "",
    }
    only_files = (await api.get("chats", params={"include_files": "true", "limit": "1"})).json()
    assert list(only_files["result"][0]) == [*KEYS, "files"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"date_from": "2024-05-02 12:34:5"},
            f"Wrong date format of date_from: {FORMS}",
        ),
        (
            {"date_to": "2024-13-01"},
            f"Wrong date format of date_to: {FORMS}",
        ),
        ({"status": "OPEN"}, "Invalid value of status: expected CREATED, IN_PROGRESS, CLOSED."),
        ({"chat_queue_id": "x"}, "Invalid value of chat_queue_id: expected an integer."),
        ({"include_messages": "yes"}, "Invalid value of include_messages: expected true or false."),
        ({"limit": "101"}, "limit must not be greater than 100."),
        ({"order": "created_at"}, "Unknown query parameter(s): order."),
    ],
)
async def test_bad_filters_are_400_naming_the_parameter(http, params, expected):
    status, message, _ = error(await http.get("chats", params=params))
    assert (status, message) == (400, expected)


async def test_lenient_mode_ignores_undocumented_parameters(http, fake):
    fake.strict = False
    body = (await http.get("chats", params={"order": "created_at", "limit": "1"})).json()
    assert (names(body), body["count"]) == (["A"], 5)
