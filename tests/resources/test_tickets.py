"""Area ``tickets``: ``client.tickets`` and the ticket dictionaries."""

from __future__ import annotations

import datetime as dt
from typing import Any

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
    sent_json,
)
from thulium_async import errors
from thulium_async.models import (
    Duration,
    Ticket,
    TicketBodyType,
    TicketDirection,
    TicketMessage,
    TicketMessageType,
    TicketSource,
)


@pytest.mark.endpoint("list_tickets")
async def test_list_tickets_sends_every_filter_and_parses_tickets(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET tickets: dates, ids, repeated status_id[] and custom fields; ids and times typed."""
    route = router.get("tickets").mock(return_value=catalog_response("list_tickets"))
    tickets = await client.tickets.list(
        date_from=dt.date(2014, 7, 4),
        date_to="2014-07-14 12:34",
        create_date_from="2014-07-01",
        create_date_to=dt.datetime(2014, 7, 14, 12, 34),
        company_id=21,
        customer_id=32122,
        user_login="akowalski",
        source=TicketSource.WWW,
        ticket_queue_id=2,
        category_id=2,
        message_id=432,
        status_id=[1, 2],
        custom_fields={"ID": ["1", "2"], "Uwagi": "information"},
    ).to_list()
    assert_request(
        route.calls.last.request,
        "GET",
        "tickets",
        query=[
            ("date_from", "2014-07-04"),
            ("date_to", "2014-07-14 12:34"),
            ("create_date_from", "2014-07-01"),
            ("create_date_to", "2014-07-14 12:34"),
            ("company_id", "21"),
            ("customer_id", "32122"),
            ("ticket_queue_id", "2"),
            ("category_id", "2"),
            ("message_id", "432"),
            ("user_login", "akowalski"),
            ("source", "www"),
            ("status_id[]", "1"),
            ("status_id[]", "2"),
            ("custom_fields[ID][0]", "1"),
            ("custom_fields[ID][1]", "2"),
            ("custom_fields[Uwagi]", "information"),
            ("limit", "100"),
            ("offset", "0"),
        ],
    )
    assert tickets == [
        Ticket(
            ticket_id=1234,
            subject="Example ticket subject",
            status_id=2,
            ticket_queue_id=32,
            customer_id=32122,
            user_login="akowalski",
            created_at=dt.datetime(2014, 7, 8, 8, 5, tzinfo=WARSAW),
            updated_at=dt.datetime(2014, 7, 11, 8, 5, tzinfo=WARSAW),
        )
    ]
    assert is_warsaw(tickets[0].created_at)


async def test_list_tickets_prefetches_counted_pages(
    router: respx.MockRouter, client: th.Client
) -> None:
    """count=150 with pages of 100: the second page is fetched; ``from`` is renamed in items."""
    item = {**example("list_tickets")["result"][0], "from": "a@b.c"}

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        size = 100 if offset == 0 else 50
        items = [{**item, "ticket_id": offset + n + 1} for n in range(size)]
        return json_response({"count": 150, "result": items})

    route = router.get("tickets").mock(side_effect=page)
    tickets = await client.tickets.list(concurrency=4).to_list()
    assert [ticket.ticket_id for ticket in tickets] == list(range(1, 151))
    assert tickets[0].from_ == "a@b.c"
    assert len(route.calls) == 2


@pytest.mark.endpoint("get_ticket")
async def test_get_ticket_parses_messages_durations_and_string_ids(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET tickets/{id}?include_custom_fields=true: ``from`` -> from_, "2" -> 2, durations kept."""
    route = router.get("tickets/1234").mock(return_value=catalog_response("get_ticket"))
    ticket = await client.tickets.get(1234, include_custom_fields=True)
    assert_request(
        route.calls.last.request,
        "GET",
        "tickets/1234",
        query=[("include_custom_fields", "true")],
    )
    assert ticket.from_ == "john.doe@foo.bar"
    assert (ticket.status_id, ticket.substatus_id, ticket.category_id) == (2, 2, 3)
    assert ticket.ticket_queue_name == "test@thulium.pl"
    assert ticket.full_status_name == "some status - some sub status"
    assert ticket.closed_at == dt.datetime(2014, 9, 4, 17, 33, tzinfo=WARSAW)
    assert is_warsaw(ticket.first_agent_responded_at)
    assert isinstance(ticket.close_time, Duration)
    assert ticket.close_time == "123:33:44"
    assert ticket.close_time.timedelta == dt.timedelta(hours=123, minutes=33, seconds=44)
    assert ticket.first_agent_response_time == "01:00:12"
    assert ticket.messages == [
        TicketMessage(
            message_id=432,
            user_login="akowalski",
            type=TicketMessageType.COMMENT,
            body=None,
            comment="Example comment",
            system_comment=None,
            created_at=dt.datetime(2014, 7, 8, 8, 5, tzinfo=WARSAW),
            attachments=[],
        ),
        TicketMessage(
            message_id=433,
            user_login="akowalski",
            type=TicketMessageType.COMMENT,
            body=None,
            comment=None,
            system_comment="Changed status from [Oczekuje na klienta] to [Nowe]",
            created_at=dt.datetime(2014, 7, 2, 13, 56, tzinfo=WARSAW),
            attachments=[],
        ),
    ]


@pytest.mark.endpoint("create_ticket")
async def test_create_ticket_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST tickets carries the doc example (``from_`` goes out as ``from``); returns the id."""
    route = router.post("tickets").mock(return_value=catalog_response("create_ticket"))
    ticket_id = await client.tickets.create(
        to="mailbox@foo.bar",
        subject="ticket subject",
        from_="john.doe@foo.bar",
        body="email content",
        comment="ticket comment",
        attachments=["61527075253ba62a76ca5c"],
        cc=["cc_mail1@foo.bar", "cc_mail2@foo.bar"],
    )
    assert_request(
        route.calls.last.request, "POST", "tickets", body=request_example("create_ticket")
    )
    assert ticket_id == 1232


async def test_create_ticket_sends_the_optional_fields(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Enums go out as their values, ids as JSON numbers, custom-field None as ``""``."""
    route = router.post("tickets").mock(return_value=catalog_response("create_ticket"))
    await client.tickets.create(
        to="mailbox@foo.bar",
        subject="s",
        body="<p>b</p>",
        body_type=TicketBodyType.HTML,
        source="phone",
        direction=TicketDirection.OUT,
        user_login="akowalski",
        customer_id="32122",
        tags=["tag1", "tag2"],
        status_id=1,
        substatus_id=2,
        category_id=3,
        ticket_queue_id=4,
        custom_fields={"Uwagi": None, "ID": 7},
    )
    assert sent_json(route.calls.last.request) == {
        "to": "mailbox@foo.bar",
        "subject": "s",
        "body": "<p>b</p>",
        "body_type": "HTML",
        "tags": ["tag1", "tag2"],
        "source": "phone",
        "direction": "out",
        "user_login": "akowalski",
        "status_id": 1,
        "substatus_id": 2,
        "category_id": 3,
        "ticket_queue_id": 4,
        "customer_id": 32122,
        "custom_fields": {"Uwagi": "", "ID": "7"},
    }


@pytest.mark.endpoint("update_ticket")
async def test_update_ticket_sends_ids_as_numbers(
    router: respx.MockRouter, client: th.Client
) -> None:
    """PUT tickets/{id}: the doc example's ids, written as strings there, go out as numbers."""
    route = router.put("tickets/1234").mock(return_value=catalog_response("update_ticket"))
    assert await client.tickets.update(1234, status_id="1", substatus_id=2, category_id=3) is None
    expected = {key: int(value) for key, value in request_example("update_ticket").items()}
    assert_request(route.calls.last.request, "PUT", "tickets/1234", body=expected)


async def test_update_ticket_sends_assignment_tags_queue_and_custom_fields(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Only the given fields are sent."""
    route = router.put("tickets/5").mock(return_value=httpx.Response(204))
    await client.tickets.update(
        5, user_login="akowalski", tags=["a"], ticket_queue_id=9, custom_fields={"X": "y"}
    )
    assert sent_json(route.calls.last.request) == {
        "user_login": "akowalski",
        "tags": ["a"],
        "ticket_queue_id": 9,
        "custom_fields": {"X": "y"},
    }


@pytest.mark.endpoint("delete_ticket")
async def test_delete_ticket(router: respx.MockRouter, client: th.Client) -> None:
    """DELETE tickets/{id} (inferred endpoint) with no query and no body."""
    route = router.delete("tickets/1234").mock(return_value=catalog_response("delete_ticket"))
    assert await client.tickets.delete(1234) is None
    assert_request(route.calls.last.request, "DELETE", "tickets/1234")


@pytest.mark.endpoint("send_ticket_agent_response")
async def test_agent_response_sends_the_documented_body_and_accepts_an_empty_array(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST tickets/{id}/agent_response carries the doc example; the ``[]`` answer returns None."""
    route = router.post("tickets/1234/agent_response").mock(
        return_value=catalog_response("send_ticket_agent_response")
    )
    result = await client.tickets.agent_response(
        1234,
        body="Hello world.",
        user_login="testowy.agent17",
        date=dt.datetime(2014, 7, 14, 12, 34),
        attachments=["61527075253ba62a76ca5c"],
    )
    assert_request(
        route.calls.last.request,
        "POST",
        "tickets/1234/agent_response",
        body=request_example("send_ticket_agent_response"),
    )
    assert result is None


@pytest.mark.endpoint("add_ticket_customer_response")
async def test_customer_response_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST tickets/{id}/customer_response carries the doc example; body_type/date when given."""
    route = router.post("tickets/1234/customer_response").mock(
        return_value=catalog_response("add_ticket_customer_response")
    )
    await client.tickets.customer_response(1234, body="Hello world.")
    assert_request(
        route.calls.last.request,
        "POST",
        "tickets/1234/customer_response",
        body=request_example("add_ticket_customer_response"),
    )
    await client.tickets.customer_response(
        1234, body="Hi", body_type="PLAIN", date="2014-07-14 12:34"
    )
    assert sent_json(route.calls.last.request) == {
        "body": "Hi",
        "body_type": "PLAIN",
        "date": "2014-07-14 12:34",
    }


@pytest.mark.endpoint("add_ticket_comment")
async def test_comment_sends_the_inferred_body(router: respx.MockRouter, client: th.Client) -> None:
    """POST tickets/{id}/comment (inferred) carries comment and user_login."""
    route = router.post("tickets/1234/comment").mock(
        return_value=catalog_response("add_ticket_comment")
    )
    await client.tickets.comment(1234, comment="Example comment", user_login="akowalski")
    assert_request(
        route.calls.last.request,
        "POST",
        "tickets/1234/comment",
        body={"comment": "Example comment", "user_login": "akowalski"},
    )


@pytest.mark.endpoint("delete_ticket_attachment")
async def test_delete_attachment(router: respx.MockRouter, client: th.Client) -> None:
    """DELETE tickets/{id}/attachments/{token} (inferred endpoint)."""
    path = "tickets/1234/attachments/61527075253ba62a76ca5c"
    route = router.delete(path).mock(return_value=catalog_response("delete_ticket_attachment"))
    await client.tickets.attachments.delete(1234, "61527075253ba62a76ca5c")
    assert_request(route.calls.last.request, "DELETE", path)


async def test_delete_attachment_escapes_the_token(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A token with URL-special characters stays one path segment."""
    route = router.delete(url__regex=r"attachments/a%3Fb%23c$").respond(204)
    await client.tickets.attachments.delete(7, "a?b#c")
    assert route.calls.last.request.url.raw_path == b"/api/tickets/7/attachments/a%3Fb%23c"


@pytest.mark.endpoint("get_tickets_today_stats")
async def test_today_stats_returns_the_json_object(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET tickets/today_stats (inferred, no example): the JSON object comes back as is."""
    stats = {"new": 3, "closed": 1, "open": "12"}  # made up: the shape is undocumented
    route = router.get("tickets/today_stats").mock(return_value=json_response(stats))
    assert await client.tickets.today_stats.get() == stats
    assert_request(route.calls.last.request, "GET", "tickets/today_stats")


@pytest.mark.endpoint("list_ticket_categories")
@pytest.mark.endpoint("list_ticket_queues")
@pytest.mark.endpoint("list_ticket_statuses")
@pytest.mark.parametrize("path", ["ticket_categories", "ticket_queues", "ticket_statuses"])
@pytest.mark.parametrize("envelope", [False, True])
async def test_ticket_dictionaries_accept_an_array_or_an_envelope(
    router: respx.MockRouter, client: th.Client, path: str, envelope: bool
) -> None:
    """The inferred dictionaries (no example) return their items from either answer shape."""
    items = [{"id": 1, "name": "Reklamacje"}, {"id": "2", "name": "Inne"}]  # made up
    body: Any = {"count": 2, "result": items} if envelope else items
    route = router.get(path).mock(return_value=json_response(body))
    assert await getattr(client, path).list() == items
    assert_request(route.calls.last.request, "GET", path)


async def test_ticket_posts_are_not_retried_after_an_ambiguous_failure(
    router: respx.MockRouter,
) -> None:
    """A 503 on POST tickets or a reply is final even with retries on (a second e-mail)."""
    create = router.post("tickets").respond(503)
    reply = router.post("tickets/1/agent_response").respond(503)
    retrying = th.RetryPolicy.no_wait(max_attempts=3)
    async with th.Client(
        "https://acme.thulium.com/api",
        auth=("api_user", "api_pass"),
        retry=retrying,
        check_statuses=False,
    ) as client:
        with pytest.raises(errors.ServerError):
            await client.tickets.create(to="a@b.c", subject="s", body="b")
        with pytest.raises(errors.ServerError):
            await client.tickets.agent_response(1, body="b", user_login="agent")
    assert (create.call_count, reply.call_count) == (1, 1)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.tickets.list(source="fax"), "source"),
        (lambda c: c.tickets.list(status_id=["open"]), "status_id[0]"),
        (lambda c: c.tickets.list(date_from="2014-7-4"), "date_from"),
        (lambda c: c.tickets.list(create_date_to="2014-07-14 25:00"), "create_date_to"),
        (lambda c: c.tickets.list(user_login=""), "user_login"),
        (lambda c: c.tickets.list(custom_fields={"": "x"}), "custom_fields key"),
        (lambda c: c.tickets.get("x"), "id"),
        (lambda c: c.tickets.get(1, include_custom_fields=1), "include_custom_fields"),
        (lambda c: c.tickets.create(to="mailbox", subject="s", body="b"), "to"),
        (lambda c: c.tickets.create(to="a@b.c", subject="", body="b"), "subject"),
        (lambda c: c.tickets.create(to="a@b.c", subject="s", body="b", cc="x@y.z"), "cc"),
        (lambda c: c.tickets.create(to="a@b.c", subject="s", body="b", tags="t"), "tags"),
        (
            lambda c: c.tickets.create(to="a@b.c", subject="s", body="b", direction="in"),
            "direction",
        ),
        (
            lambda c: c.tickets.create(to="a@b.c", subject="s", body="b", body_type="md"),
            "body_type",
        ),
        (lambda c: c.tickets.update(1), "update"),
        (lambda c: c.tickets.update(1, status_id=0), "status_id"),
        (lambda c: c.tickets.delete(0), "id"),
        (lambda c: c.tickets.agent_response(1, body="b", user_login=""), "user_login"),
        (lambda c: c.tickets.agent_response(1, body="", user_login="a"), "body"),
        (lambda c: c.tickets.customer_response(1, body="b", date="yesterday"), "date"),
        (lambda c: c.tickets.comment(1, comment=""), "comment"),
        (lambda c: c.tickets.attachments.delete(1, "a/b"), "token"),
        (lambda c: c.tickets.attachments.delete(1, ".."), "token"),
        (lambda c: c.tickets.get_many("123"), "ids"),
        (lambda c: c.tickets.get_many([1, "x"]), "ids[1]"),
        (lambda c: c.tickets.get_many([1], concurrency=0), "concurrency"),
    ],
)
async def test_bad_ticket_input_is_refused_before_any_request(
    guard: respx.MockRouter, client: th.Client, call: Any, field: str
) -> None:
    """Each bad argument raises InputError naming the field, and nothing is sent."""
    with pytest.raises(errors.InputError) as caught:
        await attempt(call, client)
    assert caught.value.field == field
    assert guard.calls.call_count == 0
