"""CRM webhooks the fake emits: customers created (one, batch, company) and notes saved."""

from __future__ import annotations

import datetime as dt

import pytest
from fake_support import populate

from thulium_async.testing import FakeThulium
from thulium_async.webhooks import CustomerCreated, CustomerNoteSaved, WebhookEvent

WHEN = dt.datetime(2024, 1, 15, 14, 30, 45, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture
def fake() -> FakeThulium:
    """The shared ``populate`` setup on a pinned clock (Warsaw winter time)."""
    return populate(
        FakeThulium(strict=True, wall_clock=lambda: dt.datetime(2024, 1, 15, 14, 30, 45, 999))
    )


async def test_customers_created_through_the_api_emit_customer_created(api, fake):
    """POST customers: the new id, and its company when it joins one."""
    company = fake.add_company(name="ACME")
    events = fake.collect_webhooks()
    alone = (await api.post("customers", json={"surname": "Lis"})).json()["customer_id"]
    member = await api.post("customers", json={"surname": "Mak", "company_id": company})
    assert events == [
        CustomerCreated(customer_id=int(alone), date=WHEN, company_id=None),
        CustomerCreated(
            customer_id=int(member.json()["customer_id"]), date=WHEN, company_id=company
        ),
    ]
    assert events[0].date.utcoffset() == dt.timedelta(hours=1)


async def test_a_batch_emits_one_event_per_created_customer_in_input_order(http, fake):
    events = fake.collect_webhooks()
    answer = await http.post(
        "batch/customers",
        json={"customers": [{"surname": "A"}, {"name": "no surname"}, {"surname": "C"}]},
    )
    body = answer.json()
    assert [body[key]["http_status"] for key in ("0", "1", "2")] == [201, 400, 201]
    created = [int(body[key]["customer_id"]) for key in ("0", "2")]
    assert [(e.action, e.customer_id) for e in events] == [
        ("CUSTOMER_CREATED", created[0]),
        ("CUSTOMER_CREATED", created[1]),
    ]


async def test_a_company_created_through_the_api_emits_customer_created_for_its_record(http, fake):
    events = fake.collect_webhooks()
    answer = (await http.post("companies", json={"name": "Thulium", "nip": "1234"})).json()
    assert events == [
        CustomerCreated(
            customer_id=int(answer["customer_id"]),
            date=WHEN,
            company_id=int(answer["company_id"]),
        )
    ]


async def test_notes_emit_customer_note_saved_with_author_and_text(api, fake):
    customer = fake.add_customer(surname="Lis")
    events = fake.collect_webhooks()
    signed = {"message": "Oddzwonić jutro", "user_login": "jkowalski"}
    assert (await api.post(f"customers/{customer}/notes", json=signed)).status_code == 201
    await api.post(f"customers/{customer}/notes", json={"message": "Bez autora"})
    assert events == [
        CustomerNoteSaved(
            customer_id=customer, date=WHEN, agent_login="jkowalski", content="Oddzwonić jutro"
        ),
        CustomerNoteSaved(customer_id=customer, date=WHEN, agent_login=None, content="Bez autora"),
    ]
    # The event and the contact history tell the same time.
    assert {entry["created_at"] for entry in fake.customer_feed(customer)} == {
        "2024-01-15 14:30:45"
    }


async def test_copied_campaign_notes_are_notes_like_any_other(http, fake):
    """copy_notes: the record's note joins the customer's notes and history, with an event."""
    customer = fake.add_customer(surname="Lis", phone_number="600100200")
    fake.add_record("00002", customer_id=customer, agent_login="anowak", last_note="Oddzwonić")
    events = fake.collect_webhooks()
    copied = await http.post(f"crm_outbounds/00002/records/{customer}/copy_notes")
    assert copied.status_code == 201
    assert events == [
        CustomerNoteSaved(
            customer_id=customer, date=WHEN, agent_login="anowak", content="Oddzwonić"
        )
    ]
    assert fake.customer_notes(customer) == ["Oddzwonić"]
    [entry] = fake.customer_feed(customer)
    assert (entry["type"], entry["payload"], entry["user_login"]) == ("NOTE", "Oddzwonić", "anowak")


async def test_setup_helpers_refused_calls_and_other_changes_emit_nothing(http, fake):
    """Seeding (add_customer, add_company), failures, edits, deletions, feed records, items."""
    events = fake.collect_webhooks()
    customer = fake.add_customer(surname="Lis")
    fake.add_company(name="ACME", nip="1")
    group = fake.add_customer_field_group("Cars", fields=["Make"])
    assert (await http.post("customers", json={"name": "no surname"})).status_code == 400
    assert (await http.post("companies", json={"name": "Dup", "nip": "1"})).status_code == 400
    refused = {"message": "x", "user_login": "nobody"}
    assert (await http.post(f"customers/{customer}/notes", json=refused)).status_code == 400
    assert (await http.post("customers/999/notes", json={"message": "x"})).status_code == 404
    assert (await http.put(f"customers/{customer}", json={"name": "Ewa"})).status_code == 204
    feed = {"type": "ZOWIE", "payload": '{"a": 1}'}
    assert (await http.post(f"customers/{customer}/feed_records", json=feed)).status_code == 201
    item = {"group_id": group, "customer_id": customer, "values": [{"field_id": 1, "value": "VW"}]}
    assert (await http.post("customer_field_group_items", json=item)).status_code == 201
    assert (await http.delete(f"customers/{customer}")).status_code == 204
    assert events == []


async def test_no_event_is_built_without_a_listener(http, fake, monkeypatch):
    """Nobody subscribed: the builders are never called, so the fake stays cheap."""

    def refuse(*args: object) -> WebhookEvent:
        raise AssertionError("built without a listener")

    for module, name in (
        ("crm._handlers_customers", "customer_created"),
        ("crm._handlers_companies", "customer_created"),
        ("crm._handlers_notes", "note_saved"),
    ):
        monkeypatch.setattr(f"thulium_async.testing.{module}.{name}", refuse)
    customer = (await http.post("customers", json={"surname": "Lis"})).json()["customer_id"]
    batch = await http.post("batch/customers", json={"customers": [{"surname": "B"}]})
    assert batch.json()["0"]["http_status"] == 201
    assert (await http.post("companies", json={"name": "ACME"})).status_code == 201
    note = await http.post(f"customers/{customer}/notes", json={"message": "hi"})
    assert note.status_code == 201
    assert len(fake.customers()) == 3
