"""Conformance tables of the agents area: the state each catalog example needs, doc fixes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx2
from fake_support import AUTH

from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium

# The world() of test_fake_conformance has agents jkowalski (3113), anowak (inactive)
# and j.doe (3000), all in group 3, all logged out.


def logged_in(fake: FakeThulium) -> None:
    fake.set_agent_status("jkowalski", "FREE")


def pausable(fake: FakeThulium) -> None:
    fake.add_pause_reason("Coffee", pause_id=1)
    logged_in(fake)


def paused(fake: FakeThulium) -> None:
    fake.add_pause_reason("Coffee", pause_id=1)
    fake.set_agent_status("jkowalski", "PAUSED", pause_id=1)


def two_paused(fake: FakeThulium) -> None:
    # The example lists jkowalski and jjanowski, both PAUSED: only they are logged in.
    fake.add_agent("jjanowski", name="Jan", surname="Janowski", number=3200)
    for login, pause_id in (("jkowalski", 1), ("jjanowski", 2)):
        fake.add_pause_reason(f"Pause {pause_id}", pause_id=pause_id)
        fake.set_agent_status(login, "PAUSED", pause_id=pause_id)


def groups(fake: FakeThulium) -> None:
    fake.add_agent_group("First group", group_id=1)
    fake.add_agent_group("Second group", group_id=2)


def ringing(fake: FakeThulium) -> None:
    logged_in(fake)
    fake.add_queue("Sales", queue_id=1)
    fake.ring_agent("jkowalski", "666555444", queue_id=1)


def in_call(fake: FakeThulium) -> None:
    ringing(fake)
    send_action(fake, "answer")


def send_action(fake: FakeThulium, action: str) -> None:
    """POST agents/jkowalski/{action} in process (the setups run outside an event loop)."""

    async def go() -> httpx2.Response:
        async with httpx2.AsyncClient(
            transport=fake.transport(), base_url=IN_PROCESS_BASE_URL, auth=AUTH
        ) as client:
            return await client.post(f"agents/jkowalski/{action}")

    response = asyncio.run(go())
    assert response.status_code == 201, response.text


def held(fake: FakeThulium) -> None:
    in_call(fake)
    send_action(fake, "hold")


def muted(fake: FakeThulium) -> None:
    in_call(fake)
    send_action(fake, "mute")


def last_queue_call(fake: FakeThulium) -> None:
    fake.add_customer(customer_id=123, phone_number="666555444", identifier="some_company")
    in_call(fake)
    fake.end_agent_call("jkowalski")


def in_campaign(fake: FakeThulium) -> None:
    fake.add_campaign("00001", agents=("jkowalski",))
    logged_in(fake)


def preview_record(fake: FakeThulium) -> None:
    fake.add_campaign("00001", dialer="preview", agents=("jkowalski",))
    fake.add_record("00001", "111222333")
    logged_in(fake)


def worked_in_november(fake: FakeThulium) -> None:
    # The example asks for 2024-11-08 .. 2024-12-08 by day: one working day in it.
    fake.add_pause_reason("Coffee", pause_id=1)
    fake.set_agent_status("jkowalski", "FREE", at="2024-11-12 09:00:18")
    fake.set_agent_status("jkowalski", "PAUSED", pause_id=1, at="2024-11-12 11:00:00")
    fake.set_agent_status("jkowalski", "FREE", at="2024-11-12 11:15:00")
    fake.set_agent_status("jkowalski", "OFF", at="2024-11-12 17:02:11")


def sip_accounts(fake: FakeThulium) -> None:
    fake.set_sip_accounts("jkowalski", [("124", "hardphone"), ("125", "softphone")])


# catalog name -> setup of the fake before the example request is replayed
SETUPS: dict[str, Callable[[FakeThulium], None]] = {
    "get_agent_status": paused,
    "list_agent_statuses": two_paused,
    "list_agent_groups": groups,
    "get_agent_last_queue_call": last_queue_call,
    "get_agents_work_report": worked_in_november,
    "agent_login": lambda fake: None,
    "agent_logout": logged_in,
    "agent_pause": pausable,
    "agent_unpause": paused,
    "agent_call": in_campaign,
    "agent_call_preview": preview_record,
    "answer_agent_call": ringing,
    "agent_hangup": in_call,
    "agent_hold": in_call,
    "agent_unhold": held,
    "agent_mute": in_call,
    "agent_unmute": muted,
    "agent_stop_recording": in_call,
    "agent_transfer": in_call,
    "get_user": sip_accounts,
}
# catalog name -> "METHOD target", or (method, target, raw body), correcting the doc's example
REQUEST_FIXES: dict[str, str | tuple[str, str, bytes]] = {
    # world() already has jkowalski and a login is unique: the same example for a new login
    "create_agent": (
        "POST",
        "agents",
        b'{"name": "Jan", "surname": "Nowak", "login": "jnowak", "email": "jk@foo.bar",'
        b' "password": "pass", "number": "345", "roles": [1, 2]}',
    ),
    # "doc example sends an empty body even though destination is required"
    "agent_transfer": ("POST", "agents/jkowalski/transfer", b'{"destination": "999888777"}'),
}
# catalog name -> keys whose example values the request does not determine
FREE_VALUES: dict[str, set[str]] = {}
# catalog name -> keys the answer has beyond a truncated example's (none in this area)
EXTRA_KEYS: dict[str, set[str]] = {}
