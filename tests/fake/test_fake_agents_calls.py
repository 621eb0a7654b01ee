"""Agents area of the fake: calls placed for an agent (``call``, ``call_preview``)."""

from __future__ import annotations

import pytest
from agents_support import START, agents_world, filed_calls
from fake_support import error

from thulium_async.testing import FakeThulium, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def fake(clock: ManualClock) -> FakeThulium:
    """Overrides conftest's: jkowalski logged in and assigned to campaign 00001."""
    fake = agents_world(clock)
    fake.add_campaign("00003", agents=("jkowalski",), active=False)
    fake.add_campaign("00004", agents=("jkowalski",))
    fake.set_agent_status("jkowalski", "FREE")
    return fake


async def call(http, login: str = "jkowalski", **body):
    return await http.post(f"agents/{login}/call", json=body)


async def test_call_dials_reports_under_the_agents_campaign_and_hangs_up(api, fake, clock):
    response = await call(api, phone_number="500100100", custom_data={"order": 17})
    assert (response.status_code, response.content) == (201, b"")
    assert fake.agent_status("jkowalski")["status"] == "OUTBOUND_CALL"
    live = fake.agent_call("jkowalski")
    assert live["custom_data"] == {"order": 17}
    assert (live["type"], live["phone_number"], live["caller_id"]) == (
        "OUTBOUND",
        "500100100",
        "3113",
    )
    assert live["outbound_id"] == "00004"  # the first active campaign jkowalski is in
    clock.advance(seconds=45)
    await api.post("agents/jkowalski/hangup")
    [filed] = filed_calls(fake)
    assert (filed.type, filed.src, filed.dst, filed.outbound_id) == (
        "OUTBOUND",
        "3113",
        "500100100",
        "00004",
    )
    assert (filed.duration, filed.billsec, filed.disposition) == (45, 45, "ANSWERED")
    assert (filed.ended, filed.disconnected_by, filed.date) == (
        True,
        "Agent",
        "2024-11-12 09:00:00",
    )
    assert fake.agent_status("jkowalski")["status"] == "FREE"


async def test_call_by_customer_and_by_campaign(http, fake):
    fake.add_campaign("00005", agents=("jkowalski",), active=True)
    await call(http, customer_id=5, outbound_id="00005", caller_id="221234567")
    live = fake.agent_call("jkowalski")
    assert (live["phone_number"], live["customer_id"]) == ("600100200", 5)  # the main number
    assert (live["outbound_id"], live["caller_id"]) == ("00005", "221234567")
    fake.end_agent_call("jkowalski")
    await call(http, customer_id="5", phone_number="600100201", custom_data="plain text")
    live = fake.agent_call("jkowalski")
    assert (live["phone_number"], live["custom_data"]) == ("600100201", "plain text")
    fake.end_agent_call("jkowalski", disposition="BUSY")
    await call(http, phone_number="600100201")  # the customer is recognised by number
    assert fake.agent_call("jkowalski")["customer_id"] == 5
    busy = filed_calls(fake)[1]
    assert (busy.disposition, busy.billsec, busy.filename) == ("BUSY", 0, "")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "phone_number is required."),
        ({"phone_number": "12"}, "Wrong format of phone number."),
        ({"customer_id": 99}, "Customer not found."),
        ({"customer_id": 0}, "Invalid value of customer_id: expected a positive integer."),
        (
            {"customer_id": 5, "phone_number": "500100100"},
            "Phone number 500100100 does not belong to customer 5.",
        ),
        ({"customer_id": 6}, "Customer 6 has no phone number."),
        (
            {"phone_number": "500100100", "outbound_id": 1},
            "Invalid value of outbound_id: expected a string.",
        ),
        (
            {"phone_number": "500100100", "outbound_id": "1"},
            "Invalid value of outbound_id: expected a five-character id.",
        ),
        ({"phone_number": "500100100", "outbound_id": "00009"}, "Campaign not found."),
        (
            {"phone_number": "500100100", "outbound_id": "00001"},
            "The agent is not assigned to campaign 00001.",
        ),
        ({"phone_number": "500100100", "outbound_id": "00003"}, "Campaign 00003 is not active."),
        (
            {"phone_number": "500100100", "caller_id": "J.Kowalski"},
            "Invalid value of caller_id: expected a phone number (digits).",
        ),
        (
            {"phone_number": "500100100", "custom_data": [1]},
            "Invalid value of custom_data: expected a string or a JSON object.",
        ),
        (
            {"phone_number": "500100100", "priority": 1},
            "Unknown field(s) in the request body: priority.",
        ),
    ],
)
async def test_call_rules(http, fake, body, message):
    fake.add_customer(customer_id=6, surname="Bez Telefonu")
    assert error(await call(http, **body))[:2] == (400, message)
    assert fake.agent_call("jkowalski") is None
    assert filed_calls(fake) == []


async def test_call_needs_a_campaign_and_a_phone(http, fake):
    fake.set_agent_status("anowak", "FREE")
    refused = error(await call(http, "anowak", phone_number="500100100"))
    assert refused == (400, "The agent is not assigned to any active campaign.", 3113)
    fake.add_agent("nophone")
    fake.set_agent_status("nophone", "FREE")
    refused = error(await call(http, "nophone", phone_number="500100100"))
    assert refused[:2] == (400, "The agent has no SIP account to call from.")


async def test_call_preview_dials_the_next_to_call_record(api, fake, clock):
    fake.add_campaign("00006", dialer="predictive", agents=("jkowalski",))
    fake.add_record("00006", "400100100")  # not a preview campaign: never dialled here
    statuses = [
        {"name": "New", "system_status": "TO_CALL", "status_id": 70},
        {"name": "Dialled", "system_status": "IN_PROGRESS", "status_id": 71},
        {"name": "Never", "system_status": "NO_CALL", "status_id": 72},
    ]
    fake.add_campaign("00007", dialer="preview", agents=("jkowalski",), statuses=statuses)
    done = fake.add_record("00007", "400200200", status_id=72)
    first = fake.add_record("00007", "400200201")
    second = fake.add_record("00007", "400200202")
    assert (await api.post("agents/jkowalski/call_preview")).status_code == 201
    live = fake.agent_call("jkowalski")
    assert (live["record_id"], live["phone_number"], live["outbound_id"]) == (
        first,
        "400200201",
        "00007",
    )
    assert fake.agent_status("jkowalski")["status"] == "OUTBOUND_PREVIEW"
    record = (await api.get("outbounds/00007/records/400200201")).json()
    assert (record["status_id"], record["call_date"]) == (71, "2024-11-12 09:00")
    in_call = await api.delete("outbounds/00007/records/400200201")
    assert error(in_call)[:2] == (400, "The record is in a call and cannot be deleted.")
    clock.advance(seconds=20)
    await api.post("agents/jkowalski/hangup")
    await api.post("agents/jkowalski/call_preview")
    assert fake.agent_call("jkowalski")["record_id"] == second
    await api.post("agents/jkowalski/hangup")
    nothing = await api.post("agents/jkowalski/call_preview")
    assert error(nothing)[:3] == (
        400,
        "No record left to call in the agent's preview campaigns.",
        3119,
    )
    assert [c.dst for c in filed_calls(fake)] == ["400200201", "400200202"]
    assert done not in (first, second)


async def test_call_preview_without_a_preview_campaign(http, fake):
    fake.set_agent_status("anowak", "FREE")
    fake.add_campaign("00008", dialer="progressive", agents=("anowak",))
    refused = error(await http.post("agents/anowak/call_preview"))
    assert refused == (400, "The agent is not assigned to any active preview campaign.", 3118)
