"""Agents area of the fake over plain HTTP: presence, call control, agents, groups, users."""

from __future__ import annotations

import pytest
from agents_support import START, agents_world, filed_calls, wav_seconds
from fake_support import error

from thulium_async.testing import FakeThulium, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def fake(clock: ManualClock) -> FakeThulium:
    """Overrides conftest's: the same agents and campaigns, on a clock the test moves."""
    return agents_world(clock)


async def act(http, action: str, login: str = "jkowalski", **json):
    return await http.post(f"agents/{login}/{action}", json=json or None)


async def status_of(http, login: str = "jkowalski") -> dict:
    return (await http.get(f"agents/{login}/status")).json()


# -- presence -------------------------------------------------------------------------------


async def test_presence_goes_round_and_is_dated_by_the_wall_clock(api, fake, clock):
    assert await status_of(api) == {
        "login": "jkowalski",
        "status": "OFF",
        "pause_id": None,
        "last_change": None,
    }
    logged_in = await act(api, "login")
    assert (logged_in.status_code, logged_in.content) == (201, b"")
    assert await status_of(api) == {
        "login": "jkowalski",
        "status": "FREE",
        "pause_id": None,
        "last_change": "2024-11-12 09:00:00",
    }
    clock.advance(minutes=5)
    assert (await act(api, "pause", pause_id=1)).status_code == 201
    assert (await status_of(api))["status"] == "PAUSED"
    clock.advance(minutes=1)
    await act(api, "pause", pause_id="2")  # the doc's example sends the id as a string
    assert await status_of(api) == {
        "login": "jkowalski",
        "status": "PAUSED",
        "pause_id": 2,
        "last_change": "2024-11-12 09:06:00",
    }
    clock.advance(minutes=10)
    await act(api, "free")
    clock.advance(hours=1)
    await act(api, "logout")
    assert fake.agent_status_history("jkowalski") == [
        {"status": "FREE", "pause_id": None, "at": "2024-11-12 09:00:00"},
        {"status": "PAUSED", "pause_id": 1, "at": "2024-11-12 09:05:00"},
        {"status": "PAUSED", "pause_id": 2, "at": "2024-11-12 09:06:00"},
        {"status": "FREE", "pause_id": None, "at": "2024-11-12 09:16:00"},
        {"status": "OFF", "pause_id": None, "at": "2024-11-12 10:16:00"},
    ]
    assert fake.agent_status("jkowalski")["last_change"] == "2024-11-12 10:16:00"


async def test_agents_statuses_lists_logged_in_agents_unless_asked_for_all(http, fake):
    fake.set_agent_status("anowak", "PAUSED", pause_id=2)
    assert (await http.get("agents_statuses")).json() == [
        {"login": "anowak", "status": "PAUSED", "pause_id": 2, "last_change": "2024-11-12 09:00:00"}
    ]
    everyone = await http.get("agents_statuses", params={"include_logged_off": "true"})
    assert [(s["login"], s["status"]) for s in everyone.json()] == [
        ("jkowalski", "OFF"),
        ("anowak", "PAUSED"),
    ]
    wrong = await http.get("agents_statuses", params={"include_logged_off": "yes"})
    assert error(wrong)[:2] == (400, "Invalid value of include_logged_off: expected true or false.")
    unknown = await http.get("agents_statuses", params={"logged": "true"})
    assert error(unknown)[:2] == (400, "Unknown query parameter(s): logged.")


@pytest.mark.parametrize(
    ("prepare", "action", "body", "message"),
    [
        ("", "logout", {}, "Cannot logout: the agent's status is OFF."),
        ("", "pause", {"pause_id": 1}, "Cannot pause: the agent's status is OFF."),
        ("", "free", {}, "Cannot free: the agent's status is OFF."),
        ("", "call", {"phone_number": "500100100"}, "Cannot call: the agent's status is OFF."),
        ("FREE", "login", {}, "Cannot login: the agent's status is FREE."),
        ("FREE", "free", {}, "Cannot free: the agent's status is FREE."),
        ("FREE", "answer", {}, "Cannot answer: the agent's status is FREE."),
        ("FREE", "hangup", {}, "Cannot hangup: the agent's status is FREE."),
        ("FREE", "hold", {}, "Cannot hold: the agent's status is FREE."),
        ("FREE", "unmute", {}, "Cannot unmute: the agent's status is FREE."),
        ("FREE", "stop_recording", {}, "Cannot stop_recording: the agent's status is FREE."),
        (
            "FREE",
            "transfer",
            {"destination": "999"},
            "Cannot transfer: the agent's status is FREE.",
        ),
        ("PAUSED", "call_preview", {}, "Cannot call_preview: the agent's status is PAUSED."),
        ("PAUSED", "call", {"phone_number": "500"}, "Cannot call: the agent's status is PAUSED."),
        ("PAUSED", "pause", {"pause_id": 1}, "The agent is already on pause 1."),
        ("RINGING", "logout", {}, "Cannot logout: the agent's status is RINGING."),
        ("RINGING", "hold", {}, "Cannot hold: the agent's status is RINGING."),
        ("RINGING", "pause", {"pause_id": 2}, "Cannot pause: the agent's status is RINGING."),
        ("RINGING", "free", {}, "Cannot free: the agent's status is RINGING."),
    ],
)
async def test_actions_that_make_no_sense_now_answer_400(
    http, fake, prepare, action, body, message
):
    fake.add_campaign("00003", agents=("jkowalski",))
    if prepare == "PAUSED":
        fake.set_agent_status("jkowalski", "PAUSED", pause_id=1)
    elif prepare:
        fake.set_agent_status("jkowalski", "FREE")
    if prepare == "RINGING":
        fake.ring_agent("jkowalski", "600100200")
    before = fake.agent_status_history("jkowalski")
    status, text, code = error(await act(http, action, **body))
    assert (status, text) == (400, message)
    assert code in (3103, 3104)
    assert fake.agent_status_history("jkowalski") == before


async def test_pause_validates_its_pause_id(http, fake):
    fake.set_agent_status("jkowalski", "FREE")
    assert error(await act(http, "pause"))[:2] == (400, "pause_id is required.")
    wrong = await act(http, "pause", pause_id="coffee")
    assert error(wrong)[:2] == (400, "Invalid value of pause_id: expected an integer.")
    assert error(await act(http, "pause", pause_id=9))[:3] == (400, "Unknown pause_id 9.", 3105)
    assert (await act(http, "pause", pause_id=0)).status_code == 201  # built-in "No reason"
    extra = await act(http, "pause", pause_id=1, reason="coffee")
    assert error(extra)[:2] == (400, "Unknown field(s) in the request body: reason.")


async def test_inactive_agents_cannot_log_in_and_unknown_ones_are_404(http, fake):
    fake.add_agent("gone", active=False)
    assert error(await act(http, "login", "gone"))[:3] == (400, "Agent gone is inactive.", 3102)
    for method, path in [
        ("GET", "agents/ghost/status"),
        ("GET", "agents/ghost/last_queue_call"),
        ("POST", "agents/ghost/login"),
        ("POST", "agents/ghost/call"),
        ("POST", "agents/ghost/hangup"),
    ]:
        response = await http.request(method, path)
        assert error(response)[:2] == (404, "Agent not found."), path
    assert error(await http.get("users/ghost"))[:3] == (404, "User not found.", 2010)


async def test_errors_come_in_polish_when_asked(http, fake):
    response = await http.post("agents/jkowalski/hangup", headers={"Accept-Language": "pl"})
    assert error(response)[:2] == (
        400,
        "Nie można wykonać akcji hangup: agent ma status OFF.",
    )


# -- inbound calls --------------------------------------------------------------------------


async def test_a_queue_call_rings_is_answered_and_filed(api, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    connection_id = fake.ring_agent("jkowalski", "600100201", queue_id=7)
    assert (await status_of(api))["status"] == "RINGING"
    [ringing] = filed_calls(fake)
    assert (ringing.connection_id, ringing.ended, ringing.type) == (connection_id, False, "INBOUND")
    assert (ringing.src, ringing.dst, ringing.customer_id) == ("600100201", "3113", 5)
    clock.advance(seconds=8)
    assert (await act(api, "answer")).status_code == 201
    assert await status_of(api) == {
        "login": "jkowalski",
        "status": "INBOUND_CALL",
        "pause_id": None,
        "last_change": "2024-11-12 09:00:08",
    }
    clock.advance(seconds=100)
    await act(api, "hangup")
    assert (await status_of(api))["status"] == "FREE"
    [call] = filed_calls(fake)
    assert call is ringing  # completed in place
    assert (call.ended, call.disposition, call.duration, call.billsec) == (
        True,
        "ANSWERED",
        108,
        100,
    )
    assert (call.disconnected_by, call.user_login, call.queue_id) == ("Agent", "jkowalski", 7)
    assert call.filename == f"nagrania/2024-11-12/2024-11-12_090000_{connection_id}.wav"
    assert wav_seconds(fake, call.filename) == 100


async def test_a_direct_call_is_CALL_and_unanswered_ones_are_NO_ANSWER(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    fake.ring_agent("jkowalski", "700800900")
    await act(http, "answer")
    assert fake.agent_status("jkowalski")["status"] == "CALL"
    fake.end_agent_call("jkowalski")
    clock.advance(seconds=5)
    fake.ring_agent("jkowalski", "700800900")
    clock.advance(seconds=12)
    await act(http, "hangup")  # rejected while ringing
    fake.ring_agent("jkowalski", "700800901")
    clock.advance(seconds=3)
    fake.end_agent_call("jkowalski")  # the caller gave up
    answered, rejected, abandoned = filed_calls(fake)
    assert (answered.disposition, answered.disconnected_by) == ("ANSWERED", "Customer")
    assert (rejected.disposition, rejected.duration, rejected.billsec) == ("NO ANSWER", 12, 0)
    assert (rejected.disconnected_by, rejected.filename) == ("Agent", "")
    assert (abandoned.disposition, abandoned.disconnected_by) == ("NO ANSWER", "Customer")
    assert fake.agent_status("jkowalski")["status"] == "FREE"


async def test_softphone_only_actions_refuse_a_hardphone(http, fake):
    fake.add_agent("desk", number=4000, phone_type="hardphone")
    fake.set_agent_status("desk", "FREE")
    fake.ring_agent("desk", "600100200")
    message = "Cannot answer: the agent does not use the Thulium Softphone."
    assert error(await act(http, "answer", "desk"))[:3] == (400, message, 3106)
    assert (await act(http, "hangup", "desk")).status_code == 201  # any phone can hang up
    fake.set_sip_accounts("desk", [("4000", "hardphone"), ("4001", "softphone")])
    fake.ring_agent("desk", "600100200")
    assert error(await act(http, "answer", "desk"))[0] == 400  # the first account is in use
    fake.set_sip_accounts("desk", [("4001", "softphone")])
    assert (await act(http, "answer", "desk")).status_code == 201
    fake.set_sip_accounts("desk", [("4000", "hardphone")])
    for action, body in [("hold", {}), ("mute", {}), ("transfer", {"destination": "999"})]:
        refused = error(await act(http, action, "desk", **body))
        assert refused[:2] == (
            400,
            f"Cannot {action}: the agent does not use the Thulium Softphone.",
        )
    assert (await act(http, "stop_recording", "desk")).status_code == 201


async def test_hold_mute_and_recording_flags(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    fake.ring_agent("jkowalski", "600100200")
    await act(http, "answer")
    for action, flag, value in [
        ("hold", "held", True),
        ("unhold", "held", False),
        ("mute", "muted", True),
        ("unmute", "muted", False),
    ]:
        assert (await act(http, action)).status_code == 201
        assert fake.agent_call("jkowalski")[flag] is value
    await act(http, "hold")
    assert error(await act(http, "hold"))[:2] == (400, "The call is already on hold.")
    await act(http, "unhold")
    assert error(await act(http, "unhold"))[:2] == (400, "The call is not on hold.")
    await act(http, "mute")
    assert error(await act(http, "mute"))[:2] == (400, "The phone is already muted.")
    await act(http, "unmute")
    assert error(await act(http, "unmute"))[:2] == (400, "The phone is not muted.")
    clock.advance(seconds=40)
    await act(http, "stop_recording")
    assert fake.agent_call("jkowalski")["recording"] is False
    assert error(await act(http, "stop_recording"))[:2] == (400, "The call is not being recorded.")
    clock.advance(seconds=60)
    await act(http, "hangup")
    [call] = filed_calls(fake)
    assert call.billsec == 100
    assert wav_seconds(fake, call.filename) == 40  # only what was said before the stop


async def test_transfer_to_a_number_or_to_another_agent(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    fake.ring_agent("jkowalski", "600100200", queue_id=7)
    await act(http, "answer")
    assert error(await act(http, "transfer"))[:2] == (400, "destination is required.")
    wrong = await act(http, "transfer", destination="desk 12")
    assert error(wrong)[:2] == (
        400,
        "Invalid value of destination: expected a phone number (digits).",
    )
    busy = await act(http, "transfer", destination="3422")  # anowak is logged out
    assert error(busy)[:3] == (400, "Agent anowak cannot take the call now (status OFF).", 3120)
    fake.set_agent_status("anowak", "FREE")
    clock.advance(seconds=30)
    assert (await act(http, "transfer", destination="3422")).status_code == 201
    assert fake.agent_status("jkowalski")["status"] == "FREE"
    assert fake.agent_call("anowak")["phone_number"] == "600100200"
    assert fake.agent_status("anowak")["status"] == "RINGING"
    await act(http, "answer", "anowak")
    await act(http, "transfer", "anowak", destination="999888777")
    first, second = filed_calls(fake)
    assert (first.transferred_to, first.billsec, first.user_login) == ("anowak", 30, "jkowalski")
    assert (second.src, second.queue_id, second.customer_id) == ("600100200", 7, 5)
    assert (second.user_login, second.transferred_to) == ("anowak", "999888777")


async def test_last_queue_call_of_the_last_24_hours(api, fake, clock):
    assert (await api.get("agents/jkowalski/last_queue_call")).json() == []
    fake.set_agent_status("jkowalski", "FREE")
    connection_id = fake.ring_agent("jkowalski", "600100200", queue_id=3)
    clock.advance(seconds=5)
    await act(api, "answer")
    ongoing = (await api.get("agents/jkowalski/last_queue_call")).json()
    assert (ongoing["answered_date"], ongoing["end_date"]) == ("2024-11-12 09:00:05", "")
    clock.advance(seconds=21)
    await act(api, "hangup")
    fake.ring_agent("jkowalski", "700800900")  # a direct call is not a queue call
    fake.end_agent_call("jkowalski")
    assert (await api.get("agents/jkowalski/last_queue_call")).json() == {
        "connection_id": connection_id,
        "phone_number": "600100200",
        "start_date": "2024-11-12 09:00:00",
        "answered_date": "2024-11-12 09:00:05",
        "end_date": "2024-11-12 09:00:26",
        "customer_id": 5,
        "customer_identifier": "ACME",
    }
    fake.ring_agent("jkowalski", "700800901", queue_id=3)
    fake.end_agent_call("jkowalski")
    missed = (await api.get("agents/jkowalski/last_queue_call")).json()
    assert (missed["phone_number"], missed["answered_date"], missed["customer_id"]) == (
        "700800901",
        "",
        "",
    )
    clock.advance(hours=24, seconds=1)
    assert (await api.get("agents/jkowalski/last_queue_call")).json() == []


# -- agents, groups, users ------------------------------------------------------------------


async def test_create_agent_answers_a_string_id_and_the_agent_appears(api, fake):
    created = await api.post(
        "agents",
        json={
            "name": "Jan",
            "surname": "Nowak",
            "login": "jnowak",
            "password": "somepass123!QAZ",
            "number": "5634",
            "email": "jn@example.com",
            "outbound_mode": "auto",
            "roles": [1, 2],
        },
    )
    assert (created.status_code, created.json()) == (
        201,
        {"agent_id": "4", "agent_login": "jnowak"},
    )
    assert (await api.get("agents/jnowak")).json() == {
        "agent_id": 4,
        "login": "jnowak",
        "name": "Jan",
        "surname": "Nowak",
        "email": "jn@example.com",
        "active": True,
        "number": 5634,
        "outbound_mode": "automatic",  # how GET agents spells POST's "auto"
        "group_id": "",
    }
    assert (await api.get("users/jnowak")).json() == {
        "login": "jnowak",
        "name": "Jan",
        "surname": "Nowak",
        "sip_accounts": [{"phone_number": "5634", "phone_type": "softphone"}],
    }
    assert (await api.get("agents/jnowak/status")).json()["status"] == "OFF"
    assert (await api.post("agents/jnowak/login")).status_code == 201


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": None}, "name is required."),
        ({"password": ""}, "password is required."),
        ({"number": None}, "number is required."),
        ({"number": 5634}, "Invalid value of number: expected a string."),
        ({"number": "56-34"}, "Invalid value of number: expected digits, such as '5634'."),
        (
            {"login": "j nowak"},
            "Invalid value of login: expected letters, digits, '.', '_', '-' or '@' (up to 64).",
        ),
        ({"login": "jkowalski"}, "Login jkowalski is already taken."),
        ({"number": "3113"}, "Number 3113 is already assigned to another agent."),
        ({"email": "nowak"}, "Invalid value of email: expected an e-mail address."),
        ({"language": "de"}, "Invalid value of language: expected pl or en."),
        (
            {"outbound_mode": "automatic"},
            "Invalid value of outbound_mode: expected manual or auto.",
        ),
        ({"active": "yes"}, "Invalid value of active: expected true or false."),
        ({"roles": [0]}, "Invalid value of roles: expected a positive integer."),
        ({"roles": "1"}, "Invalid value of roles: expected a list of role ids."),
        ({"group_id": 1}, "Unknown field(s) in the request body: group_id."),
    ],
)
async def test_create_agent_validation(http, fake, change, message):
    body = {"name": "Jan", "surname": "Nowak", "login": "jnowak", "password": "x", "number": "5634"}
    body.update(change)
    before = len((await http.get("agents")).json())
    assert error(await http.post("agents", json=body))[:2] == (400, message)
    assert len((await http.get("agents")).json()) == before


async def test_agent_groups_and_users(http, fake):
    fake.add_agent_group("Sales", group_id=2)
    fake.add_agent("jdoe", number=4100, group_id=5)  # an unknown group is created
    fake.add_agent_group("Support")
    assert (await http.get("agents_groups")).json() == [
        {"group_id": 2, "name": "Sales"},
        {"group_id": 5, "name": "Group 5"},
        {"group_id": 6, "name": "Support"},
    ]
    fake.set_sip_accounts("jdoe", [("124", "hardphone"), ("125", "softphone")])
    assert (await http.get("users/jdoe")).json() == {
        "login": "jdoe",
        "name": "",
        "surname": "",
        "sip_accounts": [
            {"phone_number": "124", "phone_type": "hardphone"},
            {"phone_number": "125", "phone_type": "softphone"},
        ],
    }
    with pytest.raises(ValueError, match="already exists"):
        fake.add_agent_group("Again", group_id=2)
    with pytest.raises(ValueError, match="phone_type"):
        fake.set_sip_accounts("jdoe", [("124", "deskphone")])
    with pytest.raises(ValueError, match="already belongs"):
        fake.add_agent("twin", number=3113)
