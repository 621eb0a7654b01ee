"""Tickets over plain HTTP: create, read, update, delete, messages and attachments."""

from __future__ import annotations

import pytest
from fake_support import error
from tickets_support import (
    CLOSED,
    COMPLAINTS,
    ESCALATED,
    LEVEL_1,
    LEVEL_2,
    OPEN,
    SALES,
    START,
    new_ticket,
    tickets_account,
)

from thulium_async.testing import FakeThulium, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def fake(clock: ManualClock) -> FakeThulium:
    """Overrides the shared fixture: the tickets account with a hand-moved clock."""
    return tickets_account(clock)


async def upload(http, content: bytes = b"PDF-bytes", name: str = "invoice.pdf") -> str:
    response = await http.post("temporary_files", params={"filename": name}, content=content)
    assert response.status_code == 201
    return response.json()["token"]


async def test_create_then_get_shows_the_documented_shape(api, fake, clock):
    token = await upload(api)
    body = new_ticket(
        cc=["boss@foo.bar"],
        comment="Customer called first",
        attachments=[token],
        customer_id=1,
        user_login="jkowalski",
        tags=["urgent", "vip"],
        category_id=COMPLAINTS,
        custom_fields={"Order": "A-17"},
        source="phone",
    )
    created = await api.post("tickets", json=body)
    assert (created.status_code, created.json()) == (201, {"ticket_id": 1})
    got = await api.get("tickets/1", params={"include_custom_fields": "true"})
    assert got.json() == {
        "ticket_id": 1,
        "from": "jan@foo.bar",  # no "from": the customer's address
        "ticket_queue_name": "Support",
        "ticket_queue_id": 1,
        "subject": "Broken",
        "status_id": "1",
        "substatus_id": "",
        "customer_id": 1,
        "full_status_name": "New",
        "category_id": "1",
        "user_login": "jkowalski",
        "created_at": "2024-05-06 09:00",
        "updated_at": "2024-05-06 09:00",
        "closed_at": "",
        "close_time": "",
        "first_agent_responded_at": "",
        "first_agent_response_time": "",
        "messages": [
            {
                "message_id": 1,
                "user_login": "",
                "type": "MAIL",
                "body": "It does not work.",
                "comment": "",
                "system_comment": "",
                "created_at": "2024-05-06 09:00",
                "attachments": [{"filename": "invoice.pdf", "token": token, "size": 9}],
            },
            {
                "message_id": 2,
                "user_login": "",
                "type": "COMMENT",
                "body": "",
                "comment": "Customer called first",
                "system_comment": "",
                "created_at": "2024-05-06 09:00",
                "attachments": [],
            },
        ],
        "custom_fields": {"Order": "A-17"},
    }
    assert "custom_fields" not in (await api.get("tickets/1")).json()
    assert fake.ticket_meta(1) == {
        "to": "support@foo.bar",
        "cc": ["boss@foo.bar"],
        "tags": ["urgent", "vip"],
        "source": "phone",
        "direction": "in_behalf_of",
        "body_types": {1: "PLAIN", 2: ""},
    }
    (file,) = fake.temporary_files()
    assert (file["ticket_id"], file["content"]) == (1, b"PDF-bytes")


async def test_queue_comes_from_the_mailbox_unless_given(http, fake):
    await http.post("tickets", json=new_ticket(to="SALES@foo.bar"))
    await http.post("tickets", json=new_ticket(ticket_queue_id=SALES))
    await http.post("tickets", json=new_ticket(status_id=ESCALATED, substatus_id=LEVEL_2))
    queues = [(t["ticket_queue_id"], t["ticket_queue_name"]) for t in fake.tickets()]
    assert queues == [(2, "sales@foo.bar"), (2, "sales@foo.bar"), (1, "Support")]
    assert fake.tickets()[2]["full_status_name"] == "Escalated - Level 2"


async def test_outgoing_ticket_starts_with_the_agents_reply(http, fake):
    body = new_ticket(direction="out", user_login="anowak", body_type="HTML")
    await http.post("tickets", json=body)
    (ticket,) = fake.tickets()
    assert [(m["type"], m["user_login"]) for m in ticket["messages"]] == [("REPLY", "anowak")]
    assert ticket["first_agent_response_time"] == "00:00:00"
    assert fake.ticket_meta(1)["body_types"] == {1: "HTML"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"to": None}, "to is required."),
        ({"subject": ""}, "subject is required."),
        ({"body": None}, "body is required."),
        ({"to": "nobody"}, "Invalid value of to: expected an e-mail address."),
        ({"to": "x@foo.bar"}, "to: x@foo.bar is not a mailbox of the account."),
        ({"cc": ["ok@foo.bar", "bad"]}, "Invalid value of cc: expected an e-mail address."),
        (
            {"source": "fax"},
            "Invalid value of source: expected email or phone or sms or chat or www.",
        ),
        ({"direction": "in"}, "Invalid value of direction: expected in_behalf_of or out."),
        ({"source": ""}, "Invalid value of source: expected email or phone or sms or chat or www."),
        ({"body_type": "RTF"}, "Invalid value of body_type: expected HTML or PLAIN."),
        ({"tags": "urgent"}, "Invalid value of tags: expected a list of strings."),
        ({"user_login": "ghost"}, "user_login: there is no user ghost."),
        ({"customer_id": 99}, "customer_id: customer 99 does not exist."),
        ({"ticket_queue_id": 9}, "ticket_queue_id: ticket queue 9 does not exist."),
        ({"category_id": "x"}, "Invalid value of category_id: expected an integer."),
        ({"category_id": 9}, "category_id: ticket category 9 does not exist."),
        ({"status_id": 9}, "status_id: ticket status 9 does not exist."),
        ({"substatus_id": LEVEL_1}, "substatus_id: 1 is not a sub-status of ticket status 1."),
        ({"custom_fields": ["a"]}, "Invalid value of custom_fields: expected an object."),
        ({"attachments": ["nope"]}, "attachments: token nope is unknown, expired or already used."),
    ],
)
async def test_create_validates_and_changes_nothing(http, fake, fields, message):
    token = await upload(http)
    fields = {**fields, "attachments": [token, *fields.get("attachments", [])]}
    body = {k: v for k, v in new_ticket(**fields).items() if v is not None}
    status, text, code = error(await http.post("tickets", json=body))
    assert (status, text) == (400, message)
    assert 3000 <= code < 4000
    assert fake.tickets() == []
    assert fake.temporary_files()[0]["ticket_id"] is None  # the good token is still unused


async def test_tokens_serve_once_and_expire_after_24_hours(http, fake, clock):
    first = await upload(http)
    await http.post("tickets", json=new_ticket(attachments=[first]))
    again = await http.post("tickets", json=new_ticket(attachments=[first]))
    assert error(again)[:2] == (
        400,
        f"attachments: token {first} is unknown, expired or already used.",
    )
    late = await upload(http)
    clock.advance(hours=23, minutes=59)
    assert (await http.post("tickets", json=new_ticket(attachments=[late]))).status_code == 201
    stale = await upload(http)
    clock.advance(hours=24)
    assert error(await http.post("tickets", json=new_ticket(attachments=[stale])))[0] == 400
    assert [f["expired"] for f in fake.temporary_files()] == [True, True, True]


async def test_update_status_closes_reopens_and_credits_the_agent(http, fake, clock):
    fake.add_ticket(user_login="jkowalski", created_at="2024-05-01 08:00")
    clock.advance(minutes=30)
    ok = await http.put("tickets/1", json={"status_id": ESCALATED, "substatus_id": LEVEL_1})
    assert (ok.status_code, ok.content) == (204, b"")
    clock.advance(hours=1)
    await http.put("tickets/1", json={"status_id": str(CLOSED)})  # ids as strings, as the docs send
    ticket = fake.tickets()[0]
    assert ticket["status_id"] == "4"
    assert ticket["substatus_id"] == ""  # a new status without substatus_id clears it
    assert (ticket["closed_at"], ticket["close_time"]) == ("2024-05-06 10:30", "122:30:00")
    system = [m["system_comment"] for m in ticket["messages"] if m["system_comment"]]
    assert system == [
        "Changed status from [New] to [Escalated - Level 1]",
        "Changed status from [Escalated - Level 1] to [Closed]",
    ]
    acts = [(a.login, a.kind, a.at) for a in fake._state.agents_store.activity]
    assert acts == [("jkowalski", "ticket_closed", "2024-05-06 10:30:00")]
    await http.put("tickets/1", json={"status_id": OPEN})
    assert (fake.tickets()[0]["closed_at"], fake.tickets()[0]["close_time"]) == ("", "")


async def test_update_fields_and_modification_time(http, fake, clock):
    fake.add_ticket(user_login="jkowalski", tags=["a"], custom_fields={"Order": "1", "Kind": "x"})
    clock.advance(minutes=5)
    body = {
        "user_login": "",
        "category_id": COMPLAINTS,
        "ticket_queue_id": SALES,
        "tags": ["b", "c"],
        "custom_fields": {"Order": "", "Priority": 2},
        "status_id": None,  # null keeps the value
    }
    assert (await http.put("tickets/1", json=body)).status_code == 204
    ticket = fake.tickets()[0]
    assert (ticket["user_login"], ticket["category_id"], ticket["ticket_queue_id"]) == ("", "1", 2)
    assert (ticket["status_id"], ticket["updated_at"]) == ("1", "2024-05-06 09:05")
    assert ticket["custom_fields"] == {"Order": None, "Kind": "x", "Priority": 2}
    assert fake.ticket_meta(1)["tags"] == ["b", "c"]
    clock.advance(minutes=5)
    await http.put("tickets/1", json={"tags": ["b", "c"], "ticket_queue_id": SALES})
    assert fake.tickets()[0]["updated_at"] == "2024-05-06 09:05"  # nothing changed


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"user_login": "ghost"}, "user_login: there is no user ghost."),
        ({"substatus_id": LEVEL_1}, "substatus_id: 1 is not a sub-status of ticket status 1."),
        ({"status_id": 0}, "status_id: ticket status 0 does not exist."),
        ({"tags": [1]}, "Invalid value of tags: expected a list of strings."),
        ({"ticket_queue_id": 7}, "ticket_queue_id: ticket queue 7 does not exist."),
    ],
)
async def test_update_validates(http, fake, body, message):
    fake.add_ticket()
    assert error(await http.put("tickets/1", json=body))[:2] == (400, message)
    assert fake.tickets()[0]["messages"][-1]["type"] == "MAIL"  # no status change recorded


async def test_responses_and_comments(http, fake, clock):
    fake.add_ticket(created_at="2024-05-06 08:00")
    token = await upload(http, b"12345", "photo.jpg")
    clock.advance(minutes=15)
    reply = {"body": "<p>Fixed</p>", "user_login": "anowak", "attachments": [token]}
    answered = await http.post("tickets/1/agent_response", json=reply)
    assert (answered.status_code, answered.json()) == (201, [])
    backdated = {"body": "Thanks", "body_type": "PLAIN", "date": "2024-05-06 09:10"}
    customer = await http.post("tickets/1/customer_response", json=backdated)
    assert (customer.status_code, customer.content) == (201, b"")
    note = await http.post("tickets/1/comment", json={"comment": "Done", "user_login": "jkowalski"})
    assert (note.status_code, note.content) == (201, b"")
    ticket = fake.tickets()[0]
    kinds = [(m["type"], m["user_login"], m["created_at"]) for m in ticket["messages"]]
    assert kinds == [
        ("MAIL", "", "2024-05-06 08:00"),
        ("REPLY", "anowak", "2024-05-06 09:15"),
        ("MAIL", "", "2024-05-06 09:10"),
        ("COMMENT", "jkowalski", "2024-05-06 09:15"),
    ]
    assert ticket["messages"][1]["attachments"] == [
        {"filename": "photo.jpg", "token": token, "size": 5}
    ]
    assert ticket["first_agent_responded_at"] == "2024-05-06 09:15"
    assert ticket["first_agent_response_time"] == "01:15:00"
    assert ticket["updated_at"] == "2024-05-06 09:15"
    assert fake.ticket_meta(1)["body_types"] == {1: "PLAIN", 2: "HTML", 3: "PLAIN", 4: ""}
    acts = [(a.login, a.kind) for a in fake._state.agents_store.activity]
    assert acts == [("anowak", "ticket_responded")]


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("agent_response", {"body": "x"}, "user_login is required."),
        ("agent_response", {"body": "", "user_login": "anowak"}, "body is required."),
        (
            "agent_response",
            {"body": "x", "user_login": "ghost"},
            "user_login: there is no user ghost.",
        ),
        (
            "agent_response",
            {"body": "x", "user_login": "anowak", "date": "2024-05-06"},
            "Wrong date format of date: expected YYYY-MM-DD hh:mm.",
        ),
        ("customer_response", {"body_type": "HTML"}, "body is required."),
        (
            "customer_response",
            {"body": "x", "body_type": "md"},
            "Invalid value of body_type: expected HTML or PLAIN.",
        ),
        ("comment", {"user_login": "anowak"}, "comment is required."),
        (
            "comment",
            {"comment": "x", "user_login": 5},
            "Invalid value of user_login: expected a string.",
        ),
    ],
)
async def test_message_endpoints_validate(http, fake, path, body, message):
    fake.add_ticket()
    assert error(await http.post(f"tickets/1/{path}", json=body))[:2] == (400, message)
    assert len(fake.ticket_messages(1)) == 1


async def test_delete_ticket_and_attachment(api, fake):
    token = fake.add_temporary_file(b"abc", filename="a.txt")
    fake.add_ticket(attachments=[token])
    fake.add_ticket()
    gone = await api.delete(f"tickets/1/attachments/{token}")
    assert (gone.status_code, gone.content) == (204, b"")
    assert fake.ticket_messages(1)[0]["attachments"] == []
    again = await api.delete(f"tickets/1/attachments/{token}")
    assert error(again) == (404, "Attachment not found in the ticket.", 2041)
    assert (await api.delete("tickets/1")).status_code == 204
    assert error(await api.get("tickets/1")) == (404, "Ticket not found.", 2040)
    assert error(await api.delete("tickets/1"))[0] == 404
    assert [t["ticket_id"] for t in fake.tickets()] == [2]
    created = await api.post("tickets", json=new_ticket())
    assert created.json() == {"ticket_id": 3}  # ids are never reused


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "tickets/77"),
        ("GET", "tickets/abc"),
        ("PUT", "tickets/77"),
        ("DELETE", "tickets/77"),
        ("POST", "tickets/77/agent_response"),
        ("POST", "tickets/77/customer_response"),
        ("POST", "tickets/77/comment"),
        ("DELETE", "tickets/77/attachments/abc"),
    ],
)
async def test_unknown_tickets_answer_404(http, method, path):
    response = await http.request(method, path, json={} if method in ("PUT", "POST") else None)
    assert error(response) == (404, "Ticket not found.", 2040)


async def test_strict_mode_names_undocumented_inputs(http, fake):
    fake.add_ticket()
    response = await http.post("tickets/1/agent_response", json={"id": 1, "body": "x"})
    assert error(response)[:2] == (400, "Unknown field(s) in the request body: id.")
    response = await http.get("tickets/1", params={"include_messages": "true"})
    assert error(response)[:2] == (400, "Unknown query parameter(s): include_messages.")
    response = await http.put("tickets/1", json={"subject": "new"})
    assert error(response)[:2] == (400, "Unknown field(s) in the request body: subject.")
    fake.strict = False
    body = {"id": 1, "body": "x", "user_login": "anowak"}
    assert (await http.post("tickets/1/agent_response", json=body)).status_code == 201


async def test_errors_in_polish(http):
    response = await http.get("tickets/5", headers={"Accept-Language": "pl"})
    assert error(response) == (404, "Nie znaleziono zgłoszenia.", 2040)
    body = new_ticket(to="x@foo.bar")
    response = await http.post("tickets", json=body, headers={"Accept-Language": "pl"})
    assert error(response)[1:] == ("to: x@foo.bar nie jest skrzynką pocztową konta.", 3400)


def test_setup_helpers_refuse_impossible_input(clock):
    fake = tickets_account(clock)
    with pytest.raises(ValueError, match="add a ticket queue first"):
        FakeThulium(strict=True).add_ticket()
    with pytest.raises(ValueError, match="already belongs"):
        fake.add_ticket_queue("Again", email="support@foo.bar")
    with pytest.raises(ValueError, match="ticket queue 1 already exists"):
        fake.add_ticket_queue("Other", ticket_queue_id=1)
    with pytest.raises(ValueError, match="no ticket status 42"):
        fake.add_ticket_substatus(42, "x")
    with pytest.raises(ValueError, match="not a sub-status"):
        fake.add_ticket(substatus_id=LEVEL_1)
    with pytest.raises(ValueError, match="no agent"):
        fake.add_ticket(user_login="ghost")
    with pytest.raises(ValueError, match="no customer"):
        fake.add_ticket(customer_id=77)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        fake.add_ticket(created_at="yesterday")
    with pytest.raises(ValueError, match="upload tokens"):
        fake.add_ticket(attachments=["missing"])
    with pytest.raises(KeyError):
        fake.ticket_messages(404)
    assert fake.tickets() == []
