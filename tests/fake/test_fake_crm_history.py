"""A customer's notes and feed records (contact history); customer ids by CRM campaign status."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import httpx2
import pytest
from fake_support import AUTH, CRM_MY_RECORD, CRM_NO_CALL, CRM_TO_CALL, TO_CALL, error

from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium

# -- notes and feed records ---------------------------------------------------------------


@pytest.fixture
def clocked() -> FakeThulium:
    """A fake whose clock reads 2024-05-06 07:08:09, with customer 5 and agent jkowalski."""
    fake = FakeThulium(strict=True, wall_clock=lambda: dt.datetime(2024, 5, 6, 7, 8, 9))
    fake.add_agent("jkowalski")
    fake.add_customer(customer_id=5)
    return fake


@pytest.fixture
async def pinned(clocked: FakeThulium) -> AsyncIterator[httpx2.AsyncClient]:
    """A plain httpx client into ``clocked``."""
    async with httpx2.AsyncClient(
        transport=clocked.transport(), base_url=IN_PROCESS_BASE_URL, auth=AUTH
    ) as client:
        yield client


async def test_notes_and_feed_records_land_in_the_contact_history(pinned, clocked):
    fake = clocked
    note = await pinned.post(
        "customers/5/notes", json={"message": "Notatka", "user_login": "jkowalski"}
    )
    assert (note.status_code, note.content) == (201, b"")
    assert (await pinned.post("customers/5/notes", json={"message": "Druga"})).status_code == 201
    payload = '[{"id":"sample-id","type":"text","payload":{"message":"Hi"},"author":"customer"}]'
    feed = await pinned.post("customers/5/feed_records", json={"type": "ZOWIE", "payload": payload})
    assert (feed.status_code, feed.content) == (201, b"")
    assert fake.customer_notes(5) == ["Notatka", "Druga"]
    assert fake.customer_feed(5) == [
        {
            "entry_id": 1,
            "type": "NOTE",
            "payload": "Notatka",
            "user_login": "jkowalski",
            "created_at": "2024-05-06 07:08:09",
        },
        {
            "entry_id": 2,
            "type": "NOTE",
            "payload": "Druga",
            "user_login": "",
            "created_at": "2024-05-06 07:08:09",
        },
        {
            "entry_id": 3,
            "type": "ZOWIE",
            "payload": payload,
            "user_login": "",
            "created_at": "2024-05-06 07:08:09",
        },
    ]
    assert (await pinned.delete("customers/5")).status_code == 204
    with pytest.raises(KeyError):
        fake.customer_feed(5)


@pytest.mark.parametrize(
    ("path", "body", "expected"),
    [
        ("customers/5/notes", {}, (400, "message is required.")),
        ("customers/5/notes", {"message": " "}, (400, "message is required.")),
        (
            "customers/5/notes",
            {"message": 1},
            (400, "Invalid value of message: expected a string."),
        ),
        ("customers/5/notes", {"message": "x", "user_login": "nobody"}, (400, "Agent not found.")),
        (
            "customers/5/notes",
            {"message": "x", "author": "jkowalski"},
            (400, "Unknown field(s) in the request body: author."),
        ),
        ("customers/6/notes", {"message": "x"}, (404, "Customer not found.")),
        (
            "customers/6/feed_records",
            {"type": "ZOWIE", "payload": "[]"},
            (404, "Customer not found."),
        ),
        ("customers/5/feed_records", {"payload": "[]"}, (400, "type is required.")),
        (
            "customers/5/feed_records",
            {"type": "SMS", "payload": "[]"},
            (400, "Invalid value of type: expected ZOWIE."),
        ),
        ("customers/5/feed_records", {"type": "ZOWIE"}, (400, "payload is required.")),
        (
            "customers/5/feed_records",
            {"type": "ZOWIE", "payload": [{"id": 1}]},
            (400, "Invalid value of payload: expected a string."),
        ),
        (
            "customers/5/feed_records",
            {"type": "ZOWIE", "payload": "[{"},
            (400, "Invalid value of payload: expected a JSON-encoded string."),
        ),
    ],
)
async def test_note_and_feed_refusals(pinned, clocked, path, body, expected):
    assert error(await pinned.post(path, json=body))[:2] == expected
    assert clocked.customer_feed(5) == []
    assert clocked.customer_notes(5) == []


# -- customer ids by campaign status ------------------------------------------------------


@pytest.fixture
def crm_records(fake: FakeThulium) -> FakeThulium:
    """Campaign 00002 (CRM): 3 and 1 new, 2 in MY_RECORD; 00003 (CRM): 4 new; 5 nowhere."""
    fake.add_campaign("00003", crm=True)
    for customer_id in range(1, 6):
        fake.add_customer(customer_id=customer_id)
    for customer_id in (3, 1):
        fake.add_record("00002", customer_id=customer_id)
    fake.add_record(
        "00002",
        customer_id=2,
        status_id=CRM_MY_RECORD,
        agent_login="jkowalski",
        next_call_date="2030-01-01 10:00",
    )
    fake.add_record("00003", customer_id=4)
    return fake


def ids_query(campaigns: list[str], statuses: list[int | str]) -> list[tuple[str, str]]:
    return [("outbound_id[]", c) for c in campaigns] + [("status_id[]", str(s)) for s in statuses]


@pytest.mark.parametrize(
    ("campaigns", "statuses", "expected"),
    [
        (["00002"], [CRM_TO_CALL], [1, 3]),
        (["00002"], [CRM_TO_CALL, CRM_MY_RECORD], [1, 2, 3]),
        (["00002"], [CRM_NO_CALL], []),
        (["00002", "00003"], [CRM_TO_CALL, 17], [1, 3, 4]),
        (["00003", "00003"], [17], [4]),
    ],
)
async def test_customer_ids_by_status(api, crm_records, campaigns, statuses, expected):
    response = await api.get(
        "customer_id_by_outbound_status", params=ids_query(campaigns, statuses)
    )
    assert (response.status_code, response.json()) == (200, {"customer_id": expected})


async def test_ids_follow_status_changes(http, crm_records):
    change = {"status_id": CRM_NO_CALL}
    assert (await http.put("crm_outbounds/00002/records/1", json=change)).status_code == 204
    response = await http.get(
        "customer_id_by_outbound_status", params=ids_query(["00002"], [CRM_NO_CALL])
    )
    assert response.json() == {"customer_id": [1]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ids_query([], [CRM_TO_CALL]), (400, "outbound_id[] is required.")),
        (ids_query(["00002"], []), (400, "status_id[] is required.")),
        (ids_query(["00009"], [CRM_TO_CALL]), (404, "Campaign not found.")),
        (ids_query(["00001"], [TO_CALL]), (400, "Campaign 00001 is not a CRM campaign.")),
        (ids_query(["00002"], [17]), (400, "Status not found.")),
        (
            ids_query(["00002"], ["x"]),
            (400, "Invalid value of status_id[]: expected an integer."),
        ),
        (
            [*ids_query(["00002"], [CRM_TO_CALL]), ("outbound_id", "00003")],
            (400, "Unknown query parameter(s): outbound_id."),
        ),
    ],
)
async def test_ids_by_status_refusals(http, crm_records, query, expected):
    assert error(await http.get("customer_id_by_outbound_status", params=query))[:2] == expected
