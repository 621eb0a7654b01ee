"""users, todos, webhooks, topics, tags, sms_messages: wire form and parsed answers."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import assert_request, catalog_response
from thulium_async.models import PhoneType, SipAccount, Topic, Webhook


@pytest.mark.endpoint("get_user")
async def test_get_user(router: respx.MockRouter, client: th.Client) -> None:
    """GET users/{login}: the user and typed SIP accounts."""
    route = router.get("users/jkowalski").mock(return_value=catalog_response("get_user"))
    user = await client.users.get("jkowalski")
    assert_request(route.calls.last.request, "get_user", "users/jkowalski")
    assert (user.login, user.name, user.surname) == ("jkowalski", "Jan", "Kowalski")
    assert user.sip_accounts == [
        SipAccount(phone_number="124", phone_type=PhoneType.HARDPHONE),
        SipAccount(phone_number="125", phone_type=PhoneType.SOFTPHONE),
    ]


@pytest.mark.endpoint("get_todo")
async def test_get_todo(router: respx.MockRouter, client: th.Client) -> None:
    """GET todos/{id} (inferred): the decoded object, nothing guessed into a model."""
    body = {"id": 1, "user_login": "jkowalski", "title": "Call back"}
    route = router.get("todos/1").mock(return_value=httpx.Response(200, json=body))
    assert await client.todos.get(1) == body
    assert_request(route.calls.last.request, "get_todo", "todos/1")


@pytest.mark.endpoint("create_todo")
async def test_create_todo(router: respx.MockRouter, client: th.Client) -> None:
    """POST todos (inferred): user_login plus free fields; datetimes in the API's form."""
    route = router.post("todos").mock(return_value=httpx.Response(201, json={"id": "7"}))
    answer = await client.todos.create(
        user_login="jkowalski",
        title="Call back",
        deadline=dt.datetime(2024, 5, 6, 9, 30),
        note=None,
    )
    assert answer == {"id": "7"}
    assert_request(
        route.calls.last.request,
        "create_todo",
        "todos",
        body={"user_login": "jkowalski", "title": "Call back", "deadline": "2024-05-06 09:30"},
    )


async def test_create_todo_empty_answer_is_none(
    router: respx.MockRouter, client: th.Client
) -> None:
    """An empty 201 answer comes back as None."""
    router.post("todos").respond(201)
    assert await client.todos.create(user_login="jkowalski") is None


@pytest.mark.endpoint("list_webhooks")
async def test_list_webhooks(router: respx.MockRouter, client: th.Client) -> None:
    """GET webhooks: empty credentials become None; a password never shows in repr."""
    route = router.get("webhooks").mock(return_value=catalog_response("list_webhooks"))
    hooks = await client.webhooks.list()
    assert_request(route.calls.last.request, "list_webhooks", "webhooks")
    assert hooks[0] == Webhook(
        id=1, actions=["CHAT_AGENT_ASSIGNED"], subscription_url="https://example.com/"
    )
    assert hooks[1].actions == ["CHAT_CONVERSATION_CREATED"]
    secret = Webhook(id=3, actions=["X"], subscription_url="https://e/", http_auth_password="pw")
    assert "pw" not in repr(secret)


@pytest.mark.endpoint("create_webhook")
async def test_create_webhook(router: respx.MockRouter, client: th.Client) -> None:
    """POST webhooks: actions, URL and callback credentials; the created subscription back."""
    route = router.post("webhooks").mock(return_value=catalog_response("create_webhook"))
    hook = await client.webhooks.create(
        actions=["CHAT_CONVERSATION_CREATED"],
        subscription_url="https://example.pl",
        http_auth_user="hook",
        http_auth_password="secret",
    )
    assert_request(
        route.calls.last.request,
        "create_webhook",
        "webhooks",
        body={
            "actions": ["CHAT_CONVERSATION_CREATED"],
            "subscription_url": "https://example.pl",
            "http_auth_user": "hook",
            "http_auth_password": "secret",
        },
    )
    assert hook.id == 5
    assert hook.http_auth_user is None
    assert hook.http_auth_password is None


@pytest.mark.endpoint("delete_webhook")
async def test_delete_webhook(router: respx.MockRouter, client: th.Client) -> None:
    """DELETE webhooks/{id} (inferred): no body either way."""
    route = router.delete("webhooks/5").mock(return_value=catalog_response("delete_webhook"))
    assert await client.webhooks.delete(5) is None
    assert_request(route.calls.last.request, "delete_webhook", "webhooks/5")


@pytest.mark.endpoint("list_topics")
async def test_list_topics(router: respx.MockRouter, client: th.Client) -> None:
    """GET topics (inferred): a plain list of topics."""
    body = [{"id": 1, "name": "Sales", "show_custom_fields": "1"}, {"id": "2", "name": "Help"}]
    route = router.get("topics").mock(return_value=httpx.Response(200, json=body))
    topics = await client.topics.list()
    assert_request(route.calls.last.request, "list_topics", "topics")
    assert topics == [
        Topic(id=1, name="Sales", show_custom_fields=True),
        Topic(id=2, name="Help"),
    ]


async def test_list_topics_reads_the_grouped_shape(
    router: respx.MockRouter, client: th.Client
) -> None:
    """The queues/:id/topics shape is flattened, each topic keeping its group's name."""
    body = {
        "topic_groups": [
            {"group_name": "G1", "topics": [{"id": 1, "name": "a"}]},
            {"group_name": "G2", "topics": [{"id": 2, "name": "b"}, {"id": 3, "name": "c"}]},
        ]
    }
    router.get("topics").respond(200, json=body)
    topics = await client.topics.list()
    assert [(t.id, t.group_name) for t in topics] == [(1, "G1"), (2, "G2"), (3, "G2")]


async def test_list_topics_refuses_an_unknown_shape(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Anything else is a DecodeError, never a silent empty list."""
    router.get("topics").respond(200, json={"unexpected": True})
    with pytest.raises(th.errors.DecodeError, match="list of topics"):
        await client.topics.list()


@pytest.mark.endpoint("create_tags")
async def test_create_tags(router: respx.MockRouter, client: th.Client) -> None:
    """POST tags (not sms_messages, the doc example's slip): {"tags": [...]}."""
    route = router.post("tags").mock(return_value=catalog_response("create_tags"))
    assert await client.tags.create(tags=["new", "vip"]) is None
    assert_request(route.calls.last.request, "create_tags", "tags", body={"tags": ["new", "vip"]})


async def test_create_tags_is_retried_as_safe_to_repeat(router: respx.MockRouter) -> None:
    """Existing tags are skipped, so a POST whose answer was a 503 is sent again."""
    route = router.post("tags")
    route.side_effect = [httpx.Response(503), httpx.Response(201, json={"status": "success"})]
    retry = th.RetryPolicy(max_attempts=2, initial_delay=0.0, max_delay=0.0)
    async with th.Client(
        "https://acme.thulium.com/api", auth=("api_user", "api_pass"), retry=retry
    ) as client:
        await client.tags.create(tags=["vip"])
    assert route.call_count == 2


async def test_create_tags_refuses_an_unconfirmed_answer(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A 2xx answer whose status is not success is a DecodeError."""
    router.post("tags").respond(201, json={"status": "error"})
    with pytest.raises(th.errors.DecodeError, match="not confirmed"):
        await client.tags.create(tags=["vip"])


@pytest.mark.endpoint("send_sms")
async def test_send_sms(router: respx.MockRouter, client: th.Client) -> None:
    """POST sms_messages (inferred): phone_number, text and any extra fields as given."""
    route = router.post("sms_messages").mock(return_value=catalog_response("send_sms"))
    assert (
        await client.sms_messages.create(phone_number="+48500100200", text="Hi", sender="ACME")
        is None
    )
    assert_request(
        route.calls.last.request,
        "send_sms",
        "sms_messages",
        body={"phone_number": "+48500100200", "text": "Hi", "sender": "ACME"},
    )
