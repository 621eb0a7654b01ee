"""Area ``chats``: ``client.chats`` (lists, queues) and ``client.chat_conversations``."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import (
    WARSAW,
    assert_request,
    attempt,
    catalog_response,
    example,
    is_warsaw,
    json_response,
    request_example,
    sent_query,
)
from thulium_async import errors
from thulium_async.models import (
    Chat,
    ChatClientData,
    ChatFile,
    ChatMessage,
    ChatParticipant,
    ChatQueue,
    ChatSentBy,
    ChatStatus,
)

CONVERSATION = "6ed7c941-2c8a-411e-95d2-338a9f64800a"


@pytest.mark.endpoint("list_chats")
async def test_list_chats_sends_the_documented_query_and_parses_chats(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET chats carries the doc example's filters and returns typed chats with aware times."""
    route = router.get("chats").mock(return_value=catalog_response("list_chats"))
    pager = client.chats.list(
        date_from=dt.date(2014, 7, 4),
        date_to="2014-07-05",
        status=ChatStatus.CLOSED,
        include_messages=True,
        include_files=True,
        include_client_data=True,
        page_size=1,
        max_items=1,
    )
    chats = await pager.to_list()
    assert_request(
        route.calls.last.request,
        "GET",
        "chats",
        query=[
            ("date_from", "2014-07-04"),
            ("date_to", "2014-07-05"),
            ("status", "CLOSED"),
            ("include_messages", "true"),
            ("include_files", "true"),
            ("include_client_data", "true"),
            ("limit", "1"),
            ("offset", "0"),
        ],
    )
    [chat] = chats
    assert isinstance(chat, Chat)
    assert chat.conversation_id == "6ed7c941-2c8a-411e-95d2-338a9f64800a"
    assert (chat.chat_queue_id, chat.customer_id, chat.rating) == (3, 2, 1)
    assert chat.status is ChatStatus.CLOSED
    assert chat.created_at == dt.datetime(2017, 12, 11, 10, 23, 4, 318000, tzinfo=WARSAW)
    assert is_warsaw(chat.created_at)
    assert is_warsaw(chat.closed_at)
    assert chat.messages is not None
    assert chat.files is not None
    first, second = chat.messages
    assert first == ChatMessage(
        date=dt.datetime(2020, 1, 1, 11, 2, 3, tzinfo=WARSAW),
        message="Dzień dobry!",
        sent_by=ChatSentBy.USER,
        user_name="Jan Kowalski",
        user_login="jkowalski",
    )
    assert (second.sent_by, second.user_name, second.user_login) == (ChatSentBy.CLIENT, None, None)
    assert chat.files == [
        ChatFile(
            date=dt.datetime(2023, 9, 6, 15, 33, 29, tzinfo=WARSAW),
            token="188164338364f87fa936e48",
            sent_by=ChatSentBy.CLIENT,
        )
    ]
    assert chat.client_data == ChatClientData(
        browser="Chrome 96.0.4664",
        ip="127.0.0.1",
        last_visited_url="https://thulium.com",
        os="Linux",
        referrer=None,
        resolution="1920x1080",
    )


async def test_list_chats_fetches_the_counted_pages_concurrently_in_order(
    router: respx.MockRouter, client: th.Client
) -> None:
    """With count=250 and pages of 100, offsets 100 and 200 are fetched and yielded in order."""
    item = example("list_chats")["result"][0]

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        size = min(100, 250 - offset)
        items = [{**item, "conversation_id": f"c-{offset + n}"} for n in range(size)]
        return json_response({"count": 250, "result": items})

    route = router.get("chats").mock(side_effect=page)
    pager = client.chats.list(chat_queue_id=3)
    assert await pager.count() == 250
    chats = await pager.to_list()
    assert [chat.conversation_id for chat in chats] == [f"c-{n}" for n in range(250)]
    offsets = sorted(int(call.request.url.params["offset"]) for call in route.calls)
    assert offsets == [0, 100, 200]
    assert ("chat_queue_id", "3") in sent_query(route.calls.last.request)


@pytest.mark.endpoint("list_chat_queues")
async def test_list_chat_queues_parses_null_display_names(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET chats/queues (no query) returns ChatQueue objects; a null display_name stays None."""
    route = router.get("chats/queues").mock(return_value=catalog_response("list_chat_queues"))
    queues = await client.chats.queues.list()
    assert_request(route.calls.last.request, "GET", "chats/queues")
    assert queues == [
        ChatQueue(chat_queue_id=3, name="BOK", display_name=None),
        ChatQueue(chat_queue_id=4, name="service", display_name="Service queue"),
    ]


@pytest.mark.endpoint("start_chat_conversation")
async def test_start_conversation_sends_query_parameters_and_an_empty_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST chat_conversations/start puts its parameters in the query, as the doc example does."""
    route = router.post("chat_conversations/start").mock(
        return_value=catalog_response("start_chat_conversation")
    )
    conversation = await client.chat_conversations.start(chat_queue_id=3, client_id=1234)
    assert_request(
        route.calls.last.request,
        "POST",
        "chat_conversations/start",
        query=[("chat_queue_id", "3"), ("client_id", "1234")],
    )
    assert conversation == CONVERSATION


async def test_start_conversation_sends_every_client_detail(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Name, surname, e-mail and the CRM customer id go out in the documented order."""
    route = router.post("chat_conversations/start").mock(
        return_value=catalog_response("start_chat_conversation")
    )
    await client.chat_conversations.start(
        chat_queue_id="3",
        client_name="Jan",
        client_surname="Kowalski",
        client_email="jan.kowalski@example.org",
        customer_id=1,
    )
    assert sent_query(route.calls.last.request) == [
        ("chat_queue_id", "3"),
        ("client_name", "Jan"),
        ("client_surname", "Kowalski"),
        ("client_email", "jan.kowalski@example.org"),
        ("customer_id", "1"),
    ]


async def test_start_conversation_without_an_id_in_the_answer_is_a_decode_error(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A 2xx answer lacking conversation_id raises DecodeError rather than returning None."""
    router.post("chat_conversations/start").mock(return_value=json_response({}, 201))
    with pytest.raises(errors.DecodeError):
        await client.chat_conversations.start(chat_queue_id=3)


@pytest.mark.endpoint("send_chat_message")
async def test_send_message_posts_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST chat_conversations/{id}/message carries {"text": ...}; the empty answer is fine."""
    route = router.post(f"chat_conversations/{CONVERSATION}/message").mock(
        return_value=catalog_response("send_chat_message")
    )
    result = await client.chat_conversations.message(CONVERSATION, text="Hello, world!")
    assert_request(
        route.calls.last.request,
        "POST",
        f"chat_conversations/{CONVERSATION}/message",
        body=request_example("send_chat_message"),
    )
    assert result is None


@pytest.mark.endpoint("stop_chat_conversation")
async def test_stop_conversation_posts_no_body(router: respx.MockRouter, client: th.Client) -> None:
    """POST chat_conversations/{id}/stop sends an empty body and accepts an empty answer."""
    route = router.post(f"chat_conversations/{CONVERSATION}/stop").mock(
        return_value=catalog_response("stop_chat_conversation")
    )
    assert await client.chat_conversations.stop(CONVERSATION) is None
    assert_request(route.calls.last.request, "POST", f"chat_conversations/{CONVERSATION}/stop")


@pytest.mark.endpoint("delete_chat_conversation")
async def test_delete_conversation(router: respx.MockRouter, client: th.Client) -> None:
    """DELETE chat_conversations/{id} with the UUID from the doc example."""
    uuid = "a779146f-4df3-49c1-826a-7caa6a5e653a"
    route = router.delete(f"chat_conversations/{uuid}").mock(
        return_value=catalog_response("delete_chat_conversation")
    )
    assert await client.chat_conversations.delete(uuid) is None
    assert_request(route.calls.last.request, "DELETE", f"chat_conversations/{uuid}")


@pytest.mark.endpoint("delete_chat_conversation_content")
@pytest.mark.parametrize("participant", ["user", ChatParticipant.CUSTOMER, "both"])
async def test_delete_conversation_content_for_a_participant(
    router: respx.MockRouter, client: th.Client, participant: ChatParticipant | str
) -> None:
    """DELETE chat_conversations/content/{id}/{participant} for each documented participant."""
    who = str(participant)
    route = router.delete(f"chat_conversations/content/2/{who}").mock(
        return_value=catalog_response("delete_chat_conversation_content")
    )
    await client.chat_conversations.content.delete("2", participant)
    assert_request(route.calls.last.request, "DELETE", f"chat_conversations/content/2/{who}")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.chats.list(status="OPEN"), "status"),
        (lambda c: c.chats.list(date_from="04.07.2014"), "date_from"),
        (lambda c: c.chats.list(date_to="2014-02-30"), "date_to"),
        (lambda c: c.chats.list(chat_queue_id=0), "chat_queue_id"),
        (lambda c: c.chats.list(include_files="yes"), "include_files"),
        (lambda c: c.chats.list(page_size=101), "page_size"),
        (lambda c: c.chat_conversations.start(chat_queue_id=None), "chat_queue_id"),
        (lambda c: c.chat_conversations.start(chat_queue_id=3, client_email="x"), "client_email"),
        (lambda c: c.chat_conversations.start(chat_queue_id=3, customer_id=-1), "customer_id"),
        (lambda c: c.chat_conversations.message(CONVERSATION, text=""), "text"),
        (lambda c: c.chat_conversations.message("a/b", text="hi"), "id"),
        (lambda c: c.chat_conversations.stop("../x"), "id"),
        (lambda c: c.chat_conversations.delete(""), "id"),
        (lambda c: c.chat_conversations.content.delete(CONVERSATION, "agent"), "participant"),
    ],
)
async def test_bad_chat_input_is_refused_before_any_request(
    guard: respx.MockRouter, client: th.Client, call: object, field: str
) -> None:
    """Each bad argument raises InputError naming the field, and nothing is sent."""
    with pytest.raises(errors.InputError) as caught:
        await attempt(call, client)
    assert caught.value.field == field
    assert guard.calls.call_count == 0
