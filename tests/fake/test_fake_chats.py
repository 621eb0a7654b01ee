"""Chats over plain HTTP: queues, the conversation lifecycle, content erasure, the chat list."""

from __future__ import annotations

import datetime as dt

import pytest
from fake_support import error, populate

from thulium_async.testing import FakeThulium, ManualClock

START = "chat_conversations/start"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2024, 5, 6, 10, 0, 0, 250000))


@pytest.fixture
def fake(clock: ManualClock) -> FakeThulium:
    """The shared ``populate`` setup on a pinned clock, with chat queues 3 (BOK) and 4."""
    fake = populate(FakeThulium(strict=True, wall_clock=clock))
    fake.add_chat_queue("BOK", chat_queue_id=3)
    fake.add_chat_queue("service", display_name="Service queue", chat_queue_id=4)
    return fake


async def test_queues_are_listed_by_id_with_null_display_names(api):
    response = await api.get("chats/queues")
    assert response.json() == [
        {"chat_queue_id": 3, "name": "BOK", "display_name": None},
        {"chat_queue_id": 4, "name": "service", "display_name": "Service queue"},
    ]


async def test_a_conversation_from_start_to_delete(api, fake, clock):
    """start -> client message -> agent reply (panel) -> stop -> refused writes -> delete."""
    started = await api.post(START, params={"chat_queue_id": 3, "client_name": "Ala"})
    assert started.status_code == 201
    cid = started.json()["conversation_id"]
    assert len(cid) == 36
    assert cid.count("-") == 4
    [chat] = fake.chats()
    assert (chat["status"], chat["created_at"], chat["closed_at"]) == (
        "CREATED",
        "2024-05-06 10:00:00.250",
        None,
    )

    clock.advance(5)
    sent = await api.post(f"chat_conversations/{cid}/message", json={"text": "Dzień dobry"})
    assert (sent.status_code, sent.content) == (201, b"")
    clock.advance(12)
    fake.chat_reply(cid, "jkowalski", "W czym mogę pomóc?")
    [chat] = fake.chats()
    assert (chat["status"], chat["user_login"]) == ("IN_PROGRESS", "jkowalski")
    assert chat["messages"] == [
        {
            "date": "2024-05-06 10:00:05",
            "message": "Dzień dobry",
            "sent_by": "CLIENT",
            "user_name": None,
            "user_login": None,
        },
        {
            "date": "2024-05-06 10:00:17",
            "message": "W czym mogę pomóc?",
            "sent_by": "USER",
            "user_name": "Jan Kowalski",
            "user_login": "jkowalski",
        },
    ]

    clock.advance(60)
    stopped = await api.post(f"chat_conversations/{cid}/stop")
    assert (stopped.status_code, stopped.content) == (201, b"")
    [chat] = fake.chats()
    assert (chat["status"], chat["closed_at"]) == ("CLOSED", "2024-05-06 10:01:17.250")

    late = await api.post(f"chat_conversations/{cid}/message", json={"text": "Jeszcze jedno"})
    assert error(late) == (400, "The chat conversation is already closed.", 3200)
    again = await api.post(f"chat_conversations/{cid}/stop")
    assert error(again) == (400, "The chat conversation is already closed.", 3200)
    assert len(fake.chats()[0]["messages"]) == 2

    deleted = await api.delete(f"chat_conversations/{cid}")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert fake.chats() == []
    gone = await api.delete(f"chat_conversations/{cid}")
    assert error(gone) == (404, "Chat conversation not found.", 2020)


async def test_only_agents_acting_in_the_panel_count_as_agent_activity(http, fake):
    cid = (await http.post(START, params={"chat_queue_id": 3})).json()["conversation_id"]
    await http.post(f"chat_conversations/{cid}/message", json={"text": "Hello"})
    fake.chat_reply(cid, "jkowalski", "Hi")
    fake.chat_reply(cid, "jkowalski", "How can I help?")
    fake.chat_reply(cid, "anowak", "Taking over")
    await http.post(f"chat_conversations/{cid}/stop")
    other = (await http.post(START, params={"chat_queue_id": 3})).json()["conversation_id"]
    fake.chat_reply(other, "anowak", "Hi")
    fake.close_chat(other)
    kinds = [(a.login, a.kind) for a in fake._state.agents_store.activity]
    assert kinds == [
        ("jkowalski", "chat_responded"),
        ("anowak", "chat_responded"),
        ("anowak", "chat_responded"),
        ("anowak", "chat_closed"),
    ]


@pytest.mark.parametrize(
    ("params", "customer_id", "name", "email"),
    [
        ({"customer_id": "7", "client_id": "EXT-8"}, 7, "Ewa Lis", "ewa@example.org"),
        ({"customer_id": "99", "client_id": "EXT-8"}, 8, "Olga Mak", None),
        ({"client_email": "EWA@example.org"}, 7, "Ewa Lis", "EWA@example.org"),
        (
            {"client_id": "nobody", "client_name": "Jan", "client_surname": "Nowy"},
            None,
            "Jan Nowy",
            None,
        ),
        ({}, None, None, None),
    ],
)
async def test_start_matches_the_crm_customer_by_id_then_client_id_then_email(
    http, fake, params, customer_id, name, email
):
    fake.add_customer(customer_id=7, name="Ewa", surname="Lis", email="ewa@example.org")
    fake.add_customer(customer_id=8, name="Olga", surname="Mak", identifier="EXT-8")
    response = await http.post(START, params={"chat_queue_id": "3", **params})
    assert response.status_code == 201
    [chat] = fake.chats()
    assert (chat["customer_id"], chat["client_name"], chat["client_email"]) == (
        customer_id,
        name,
        email,
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, (400, "chat_queue_id is required.", 3015)),
        (
            {"chat_queue_id": "x"},
            (400, "Invalid value of chat_queue_id: expected an integer.", 3016),
        ),
        ({"chat_queue_id": "5"}, (400, "Chat queue not found.", 2021)),
        (
            {"chat_queue_id": "3", "client_email": "no-at-sign"},
            (400, "Invalid value of client_email: expected an e-mail address.", 3016),
        ),
        (
            {"chat_queue_id": "3", "customer_id": "0"},
            (400, "Invalid value of customer_id: expected a positive integer.", 3016),
        ),
        (
            {"chat_queue_id": "3", "client_phone": "1"},
            (400, "Unknown query parameter(s): client_phone.", 3018),
        ),
    ],
)
async def test_start_rejects_bad_parameters(http, fake, params, expected):
    assert error(await http.post(START, params=params)) == expected
    assert fake.chats() == []


async def test_start_takes_its_parameters_in_the_query_only(http):
    response = await http.post(START, json={"chat_queue_id": 3})
    assert error(response) == (400, "Unknown field(s) in the request body: chat_queue_id.", 3019)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (None, (400, "text is required.", 3015)),
        ({"text": "  "}, (400, "text is required.", 3015)),
        ({"text": 5}, (400, "Invalid value of text: expected a string.", 3016)),
        ({"text": "hi", "html": True}, (400, "Unknown field(s) in the request body: html.", 3019)),
    ],
)
async def test_message_needs_a_text(http, fake, body, expected):
    cid = fake.add_chat(chat_queue_id=3, closed=False)
    assert error(await http.post(f"chat_conversations/{cid}/message", json=body)) == expected
    assert fake.chats()[0]["messages"] == []


@pytest.mark.parametrize("action", ["message", "stop"])
async def test_unknown_conversations_answer_404(http, action):
    body = {"text": "hi"} if action == "message" else None
    response = await http.post(f"chat_conversations/nope/{action}", json=body)
    assert error(response) == (404, "Chat conversation not found.", 2020)


async def test_errors_speak_polish_when_asked(http):
    response = await http.delete("chat_conversations/nope", headers={"Accept-Language": "pl"})
    assert error(response) == (404, "Nie znaleziono konwersacji czatu.", 2020)


@pytest.mark.parametrize(
    ("participant", "texts"),
    [
        ("user", ["Hi", "", "Bot here", "Thanks"]),
        ("customer", ["", "Hello", "Bot here", ""]),
        ("both", ["", "", "Bot here", ""]),
    ],
)
async def test_content_erasure_blanks_one_sides_texts_and_keeps_the_rest(
    api, fake, participant, texts
):
    cid = fake.add_chat(
        chat_queue_id=3,
        user_login="jkowalski",
        created_at="2024-05-01 09:00:00",
        messages=[("CLIENT", "Hi"), ("USER", "Hello"), ("AUTO", "Bot here"), ("CLIENT", "Thanks")],
        files=[{"token": "abc123", "sent_by": "CLIENT"}],
    )
    before = fake.chats()[0]
    response = await api.delete(f"chat_conversations/content/{cid}/{participant}")
    assert (response.status_code, response.content) == (204, b"")
    [after] = fake.chats()
    assert [m["message"] for m in after["messages"]] == texts
    assert [m["date"] for m in after["messages"]] == [m["date"] for m in before["messages"]]
    assert {k: v for k, v in after.items() if k != "messages"} == {
        k: v for k, v in before.items() if k != "messages"
    }


async def test_content_erasure_checks_the_conversation_and_the_participant(http, fake):
    cid = fake.add_chat(chat_queue_id=3, messages=[("CLIENT", "Hi")])
    unknown = await http.delete("chat_conversations/content/2/user")
    assert error(unknown) == (404, "Chat conversation not found.", 2020)
    wrong = await http.delete(f"chat_conversations/content/{cid}/agent")
    assert error(wrong) == (
        400,
        "Invalid value of participant: expected user, customer or both.",
        3016,
    )
    assert fake.chats()[0]["messages"][0]["message"] == "Hi"


def test_add_chat_derives_status_agent_dates_and_notes_the_agents_work(fake):
    cid = fake.add_chat(
        created_at="2024-04-30 08:00:00.5",
        messages=[
            ("CLIENT", "Hi"),
            {"message": "Hello", "sent_by": "USER", "user_login": "anowak"},
            {"message": "Let me check", "sent_by": "USER", "user_login": "jkowalski"},
            {"message": "Done", "sent_by": "USER", "date": "2024-04-30 08:05:00"},
        ],
        rating=2,
    )
    [chat] = fake.chats()
    assert chat["conversation_id"] == cid
    assert (chat["chat_queue_id"], chat["user_login"], chat["rating"]) == (3, "jkowalski", 2)
    assert (chat["created_at"], chat["closed_at"]) == (
        "2024-04-30 08:00:00.500",
        "2024-04-30 08:05:10.000",
    )
    assert [(m["date"], m["user_login"]) for m in chat["messages"]] == [
        ("2024-04-30 08:00:10", None),
        ("2024-04-30 08:00:20", "anowak"),
        ("2024-04-30 08:00:30", "jkowalski"),
        ("2024-04-30 08:05:00", "jkowalski"),
    ]
    activity = [(a.login, a.kind, a.at) for a in fake._state.agents_store.activity]
    assert activity == [
        ("anowak", "chat_responded", "2024-04-30 08:00:20"),
        ("jkowalski", "chat_responded", "2024-04-30 08:00:30"),
        ("jkowalski", "chat_closed", "2024-04-30 08:05:10"),
    ]
    open_one = fake.add_chat(
        messages=[("USER", "Proactive hello")], user_login="anowak", closed=False
    )
    assert fake.chats()[1]["status"] == "IN_PROGRESS"
    fake.rate_chat(open_one, 3)
    fake.close_chat(open_one, login="jkowalski")
    assert (fake.chats()[1]["status"], fake.chats()[1]["rating"]) == ("CLOSED", 3)
    assert fake._state.agents_store.activity[-1].login == "jkowalski"


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"chat_queue_id": 9}, "no chat queue 9"),
        ({"user_login": "ghost"}, "no agent 'ghost'"),
        ({"customer_id": 404}, "no customer 404"),
        ({"created_at": "2024-05-01"}, "expected 'YYYY-MM-DD hh:mm"),
        ({"messages": [("USER", "Hi")]}, "needs user_login"),
        ({"messages": [("BOT", "Hi")]}, "sent_by is one of"),
        ({"messages": [{"text": "Hi"}]}, "under 'message'"),
        ({"created_at": "2024-05-01 10:00", "closed_at": "2024-05-01 09:00"}, "before"),
        ({"closed": False, "closed_at": "2024-05-01 09:00"}, "open chat"),
        ({"rating": 5}, "rating is one of"),
        ({"client_data": {"cookie": "x"}}, "client_data keys"),
        ({"conversation_id": "has space"}, "malformed or taken"),
    ],
)
def test_add_chat_refuses_impossible_input(fake, kwargs, problem):
    with pytest.raises(ValueError, match=problem):
        fake.add_chat(**kwargs)
    assert fake.chats() == []


def test_helpers_refuse_unknown_or_closed_conversations_and_queues(fake):
    with pytest.raises(ValueError, match="already exists"):
        fake.add_chat_queue("again", chat_queue_id=3)
    assert fake.add_chat_queue("next") == 5
    closed = fake.add_chat(conversation_id="done")
    with pytest.raises(ValueError, match="malformed or taken"):
        fake.add_chat(conversation_id="done")
    with pytest.raises(ValueError, match="is closed"):
        fake.chat_reply(closed, "jkowalski", "late")
    with pytest.raises(ValueError, match="is closed"):
        fake.close_chat(closed)
    with pytest.raises(ValueError, match="no chat conversation"):
        fake.rate_chat("missing", 1)
    with pytest.raises(ValueError, match="no chat queue yet"):
        FakeThulium(strict=True).add_chat()
