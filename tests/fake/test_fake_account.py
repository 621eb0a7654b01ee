"""The account's odds and ends over plain HTTP: todos, webhooks, tags and SMS."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator

import httpx2
import pytest
from fake_support import AUTH, error, populate

from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium

NOW = dt.datetime(2024, 5, 6, 9, 30, 15)


@contextlib.asynccontextmanager
async def http_into(fake: FakeThulium) -> AsyncIterator[httpx2.AsyncClient]:
    async with httpx2.AsyncClient(
        transport=fake.transport(), base_url=IN_PROCESS_BASE_URL, auth=AUTH
    ) as client:
        yield client


@pytest.fixture
async def pinned() -> AsyncIterator[tuple[FakeThulium, httpx2.AsyncClient]]:
    """A populated fake whose clock reads NOW, and a client into it."""
    fake = populate(FakeThulium(strict=True, wall_clock=lambda: NOW))
    async with http_into(fake) as http:
        yield fake, http


# -- todos -----------------------------------------------------------------------------------


async def test_create_and_get_a_todo(pinned):
    fake, http = pinned
    created = await http.post("todos", json={"user_login": "anowak"})
    assert (created.status_code, created.json()) == (201, {"id": "1"})
    second = await http.post("todos", json={"user_login": "jkowalski"})
    assert second.json() == {"id": "2"}
    got = await http.get("todos/1")
    assert (got.status_code, got.json()) == (
        200,
        {"id": 1, "user_login": "anowak", "created_at": "2024-05-06 09:30"},
    )
    assert [t["user_login"] for t in fake.todos()] == ["anowak", "jkowalski"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, (400, "user_login is required.", 3015)),
        ({"user_login": ""}, (400, "user_login is required.", 3015)),
        ({"user_login": 7}, (400, "Invalid value of user_login: expected a string.", 3016)),
        ({"user_login": "nobody"}, (400, "Unknown user nobody in user_login.", 3600)),
        (
            {"user_login": "anowak", "title": "Call back"},
            (400, "Unknown field(s) in the request body: title.", 3019),
        ),
    ],
)
async def test_create_todo_validation(http, fake, body, expected):
    assert error(await http.post("todos", json=body)) == expected
    assert fake.todos() == []


async def test_todo_not_found(http, fake):
    fake.add_todo("anowak")
    for todo_id in ("2", "abc", "0"):
        assert error(await http.get(f"todos/{todo_id}")) == (404, "Task not found.", 2060)


async def test_non_strict_mode_ignores_undocumented_todo_fields(http, fake):
    fake.strict = False
    response = await http.post("todos", json={"user_login": "anowak", "title": "Call back"})
    assert response.status_code == 201
    assert list(fake.todos()[0]) == ["id", "user_login", "created_at"]


def test_add_todo_needs_an_agent(fake):
    assert fake.add_todo("anowak", created_at="2024-01-02 03:04") == 1
    assert fake.todos()[0]["created_at"] == "2024-01-02 03:04"
    for login in ("", "nobody"):
        with pytest.raises(ValueError, match="no agent"):
            fake.add_todo(login)


# -- webhooks --------------------------------------------------------------------------------


async def test_webhooks_create_list_delete(api, fake):
    created = await api.post(
        "webhooks",
        json={
            "actions": ["CHAT_CONVERSATION_CREATED", "TICKET_CREATED", "TICKET_CREATED"],
            "subscription_url": "https://example.pl/hooks",
            "http_auth_user": "hook",
            "http_auth_password": "secret",
        },
    )
    assert (created.status_code, created.json()) == (
        201,
        {
            "id": 1,
            "actions": ["CHAT_CONVERSATION_CREATED", "TICKET_CREATED"],
            "subscription_url": "https://example.pl/hooks",
            "http_auth_user": "hook",
            "http_auth_password": "secret",
        },
    )
    plain = await api.post(
        "webhooks", json={"actions": ["CHAT_AGENT_ASSIGNED"], "subscription_url": "http://x.pl"}
    )
    assert plain.json()["http_auth_user"] == plain.json()["http_auth_password"] == ""
    listed = (await api.get("webhooks")).json()
    assert listed == [created.json(), plain.json()]
    assert fake.webhooks() == listed
    deleted = await api.delete("webhooks/1")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert [w["id"] for w in (await api.get("webhooks")).json()] == [2]
    assert error(await api.delete("webhooks/1")) == (404, "Webhook not found.", 2061)
    again = await api.post(
        "webhooks", json={"actions": ["CHAT_AGENT_ASSIGNED"], "subscription_url": "http://x.pl"}
    )
    assert again.json()["id"] == 3  # ids are never reused


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"subscription_url": "https://e.pl"}, "actions is required."),
        ({"actions": [], "subscription_url": "https://e.pl"}, "actions must be a non-empty list."),
        ({"actions": "TICKET_CREATED", "subscription_url": "https://e.pl"}, "actions must be"),
        ({"actions": [1], "subscription_url": "https://e.pl"}, "Invalid value of actions"),
        (
            {
                "actions": ["TICKET_CREATED", "NOPE", "ticket_closed"],
                "subscription_url": "http://e",
            },
            "Unknown webhook action(s) in actions: NOPE, ticket_closed.",
        ),
        ({"actions": ["TICKET_CREATED"]}, "subscription_url is required."),
        (
            {"actions": ["TICKET_CREATED"], "subscription_url": "ftp://e.pl"},
            "Invalid value of subscription_url: expected an http(s) URL.",
        ),
        (
            {"actions": ["TICKET_CREATED"], "subscription_url": "example.pl/hooks"},
            "Invalid value of subscription_url: expected an http(s) URL.",
        ),
        (
            {
                "actions": ["TICKET_CREATED"],
                "subscription_url": "https://e.pl",
                "http_auth_user": 1,
            },
            "Invalid value of http_auth_user: expected a string.",
        ),
        (
            {
                "actions": ["TICKET_CREATED"],
                "subscription_url": "https://e.pl",
                "http_auth_password": "secret",
            },
            "http_auth_user is required.",
        ),
        (
            {"actions": ["TICKET_CREATED"], "subscription_url": "https://e.pl", "active": True},
            "Unknown field(s) in the request body: active.",
        ),
    ],
)
async def test_create_webhook_validation(http, fake, body, message):
    status, text, _ = error(await http.post("webhooks", json=body))
    assert (status, text[: len(message)]) == (400, message)
    assert fake.webhooks() == []


async def test_webhook_errors_in_polish(http):
    polish = {"Accept-Language": "pl"}
    assert error(await http.delete("webhooks/5", headers=polish)) == (
        404,
        "Nie znaleziono webhooka.",
        2061,
    )
    response = await http.post(
        "webhooks", json={"actions": ["X"], "subscription_url": "https://e.pl"}, headers=polish
    )
    assert error(response) == (400, "Nieznane akcje webhooka w polu actions: X.", 3601)


def test_add_webhook_validates_like_the_api(fake):
    assert fake.add_webhook("https://e.pl", ["TICKET_CREATED"], http_auth_user="u") == 1
    assert fake.webhooks()[0]["http_auth_user"] == "u"
    with pytest.raises(ValueError, match="invalid value"):
        fake.add_webhook("e.pl", ["TICKET_CREATED"])
    with pytest.raises(ValueError, match="known webhook actions"):
        fake.add_webhook("https://e.pl", ["NOPE"])
    with pytest.raises(ValueError, match="known webhook actions"):
        fake.add_webhook("https://e.pl", [])


# -- tags and SMS ----------------------------------------------------------------------------


async def test_tags_skip_duplicates(api, fake):
    fake.add_tags(["vip"])
    response = await api.post("tags", json={"tags": ["new", "vip", "new", "Vip"]})
    assert (response.status_code, response.json()) == (201, {"status": "success"})
    assert fake.tags() == ["vip", "new", "Vip"]
    again = await api.post("tags", json={"tags": ["vip"]})
    assert (again.status_code, again.json()) == (201, {"status": "success"})
    assert fake.tags() == ["vip", "new", "Vip"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "tags is required."),
        ({"tags": []}, "tags must be a non-empty list."),
        ({"tags": "vip"}, "tags must be a non-empty list."),
        ({"tags": ["vip", ""]}, "Invalid value of tags: expected a list of non-empty names."),
        ({"tags": ["vip", 3]}, "Invalid value of tags: expected a list of non-empty names."),
    ],
)
async def test_tags_validation(http, fake, body, message):
    assert error(await http.post("tags", json=body))[:2] == (400, message)
    assert fake.tags() == []


def test_add_tags_refuses_empty_names(fake):
    assert fake.add_tags(["a", "b", "a"]) == ["a", "b"]
    assert fake.add_tags(["b", "c"]) == ["c"]
    with pytest.raises(ValueError, match="tags"):
        fake.add_tags([" "])


async def test_sms_is_sent_and_kept(pinned):
    fake, http = pinned
    response = await http.post("sms_messages", json={"phone_number": "+48500100200", "text": "Hi"})
    assert (response.status_code, response.json()) == (201, {"status": "success"})
    assert fake.sent_sms() == [
        {"phone_number": "+48500100200", "text": "Hi", "sent_at": "2024-05-06 09:30:15"}
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": "Hi"}, "phone_number is required."),
        ({"phone_number": "50x", "text": "Hi"}, "Wrong format of phone number."),
        ({"phone_number": "500100200"}, "text is required."),
        ({"phone_number": "500100200", "text": ""}, "text is required."),
        ({"phone_number": "500100200", "text": ["Hi"]}, "Invalid value of text"),
        (
            {"phone_number": "500100200", "text": "Hi", "sender": "ACME"},
            "Unknown field(s) in the request body: sender.",
        ),
    ],
)
async def test_sms_validation(http, fake, body, message):
    status, text, _ = error(await http.post("sms_messages", json=body))
    assert (status, text[: len(message)]) == (400, message)
    assert fake.sent_sms() == []


async def test_account_endpoints_take_no_query_parameters(http):
    response = await http.get("webhooks", params={"limit": "10"})
    assert error(response) == (400, "Unknown query parameter(s): limit.", 3018)


def test_a_stored_webhook_password_stays_out_of_reprs():
    """The API answers it in clear, but the fake's objects never print it."""
    fake = FakeThulium(strict=True)
    fake.add_webhook(
        "https://hooks.example.org/t",
        ["TICKET_CREATED"],
        http_auth_user="u",
        http_auth_password="s3cret-pass",
    )
    [config] = fake._state.account.webhooks.values()
    assert "s3cret-pass" not in repr(config)
    assert fake.webhooks()[0]["http_auth_password"] == "s3cret-pass"
