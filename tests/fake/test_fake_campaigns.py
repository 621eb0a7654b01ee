"""Campaign endpoints: create, list, update, delete, clone, stats, statuses, agents."""

from __future__ import annotations

import pytest
from fake_support import NO_CALL, error


async def test_create_and_list(api, fake):
    response = await api.post(
        "outbounds",
        json={
            "name": "API test",
            "dialer": "predictive",
            "crm": True,
            "parameters": {"caller_id": "1234"},
        },
    )
    assert (response.status_code, response.json()) == (201, {"id": "00003", "outbound_id": "3"})
    chosen = await api.post(
        "outbounds",
        json={"id": "09098", "name": "Mine", "dialer": "preview", "crm": False, "order": 100},
    )
    assert chosen.json() == {"id": "09098", "outbound_id": "4"}
    listed = (await api.get("outbounds")).json()
    assert listed[2:] == [
        {"id": "00003", "name": "API test", "crm": True, "order": 50, "parity": 50},
        {"id": "09098", "name": "Mine", "crm": False, "order": 100, "parity": 50},
    ]
    assert fake.campaign_ids() == ["00001", "00002", "00003", "09098"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"dialer": "preview", "crm": False}, "name is required."),
        ({"name": "x", "crm": False}, "dialer is required."),
        (
            {"name": "x", "dialer": "robot", "crm": False},
            "Invalid value of dialer: expected predictive, progressive, preview.",
        ),
        (
            {"name": "x", "dialer": "preview", "crm": "no"},
            "Invalid value of crm: expected true or false.",
        ),
        (
            {"name": "x", "dialer": "preview", "crm": False, "id": "12"},
            "Campaign id must be five digits.",
        ),
        (
            {"name": "x", "dialer": "preview", "crm": False, "id": "00001"},
            "Campaign id 00001 is already used.",
        ),
        (
            {"name": "x", "dialer": "preview", "crm": False, "start_date": "2015-10-05 10:00"},
            "Wrong date format of start_date: expected YYYY-MM-DD.",
        ),
        (
            {"name": "x", "dialer": "preview", "crm": False, "order": 100000},
            "Invalid value of order: expected an integer from 1 to 99999.",
        ),
        (
            {"name": "x", "dialer": "preview", "crm": False, "parity": 0},
            "Invalid value of parity: expected an integer from 1 to 100.",
        ),
        (
            {"name": "x", "dialer": "preview", "crm": False, "parameters": {"colour": 1}},
            "Unknown field(s) in the request body: parameters.colour.",
        ),
    ],
)
async def test_create_validates(http, body, message):
    assert error(await http.post("outbounds", json=body))[:2] == (400, message)


async def test_campaigns_created_by_api_have_no_structure_fields(http):
    await http.post(
        "outbounds", json={"id": "00005", "name": "x", "dialer": "preview", "crm": False}
    )
    body = {"phone_number": "600100200", "record_fields": {"field1": "a"}}
    response = await http.post("outbounds/00005/records", json=body)
    assert error(response)[:2] == (400, "Unknown record field(s): field1.")


async def test_update_and_crm_cannot_change(api):
    change = {"name": "Renamed", "active": False, "parameters": {"preview_timeout": 30}}
    assert (await api.put("outbounds/00001", json=change)).status_code == 204
    listed = (await api.get("outbounds")).json()
    assert listed[0]["name"] == "Renamed"
    assert [s["id"] for s in (await api.get("outbounds/stats")).json()] == ["00002"]
    response = await api.put("outbounds/00001", json={"crm": True})
    assert error(response)[:2] == (400, "Unknown field(s) in the request body: crm.")


async def test_delete_is_immediate_and_the_id_stays_reserved(api, fake):
    assert (
        await api.delete("outbounds/00001", params={"delete_recordings": "true"})
    ).status_code == 204
    assert (await api.get("outbounds/00001/stats")).status_code == 404
    assert (await api.delete("outbounds/00001")).status_code == 404
    again = await api.post(
        "outbounds", json={"id": "00001", "name": "x", "dialer": "preview", "crm": False}
    )
    assert error(again)[:2] == (400, "Campaign id 00001 is already used.")
    assert fake.campaign_ids() == ["00002"]


async def test_clone_copies_settings_statuses_fields_and_agents_not_records(api, fake):
    fake.add_record("00001", "600100200")
    await api.post("outbounds/00001/add_agents", json={"logins": ["jkowalski"]})
    response = await api.post(
        "outbounds/00001/clone",
        json={
            "new_id": "77744",
            "name": "Copy",
            "start_date": "2030-09-10",
            "parameters": {"caller_id": "1"},
        },
    )
    assert (response.status_code, response.json()) == (201, {"id": "77744"})
    assert fake.records("77744") == []
    statuses = (await api.get("outbounds/77744/statuses")).json()
    original = (await api.get("outbounds/00001/statuses")).json()
    assert [(s["name"], s["system_status"]) for s in statuses] == [
        (s["name"], s["system_status"]) for s in original
    ]
    assert {s["status_id"] for s in statuses}.isdisjoint(s["status_id"] for s in original)
    assert [a["login"] for a in (await api.get("outbounds/77744/agents")).json()] == ["jkowalski"]
    body = {"phone_number": "600100200", "record_fields": {"field2": "b"}}
    assert (await api.post("outbounds/77744/records", json=body)).status_code == 201
    assert error(await api.post("outbounds/00001/clone", json={}))[1] == "name is required."


async def test_statuses_cover_every_system_status_with_string_ids(api):
    statuses = (await api.get("outbounds/00001/statuses")).json()
    assert statuses[4] == {
        "system_status": "NO_CALL",
        "status_id": str(NO_CALL),
        "dictionary_status_id": 5,
        "name": "Do not call",
    }
    assert [s["system_status"] for s in statuses] == [
        "TO_CALL",
        "IN_PROGRESS",
        "CALL",
        "MY_RECORD",
        "NO_CALL",
        "ABANDONED_AFTER_N_TRIES",
        "CALL_NO_SOONER_THAN",
        "CALL_PROGRESSIVE",
    ]


def test_custom_statuses_need_a_to_call_one(fake):
    with pytest.raises(ValueError, match="TO_CALL"):
        fake.add_campaign("00009", statuses=[{"name": "Done", "system_status": "NO_CALL"}])
    fake.add_campaign(
        "00009",
        statuses=[
            {"name": "Nowy", "system_status": "TO_CALL", "status_id": 40},
            {"name": "Nie dzwonić", "system_status": "NO_CALL", "dictionary_status_id": None},
        ],
    )
    fake.add_record("00009", "600100200")
    assert fake.records("00009")[0]["status"] == "Nowy"


async def test_stats(api, fake):
    for phone in ("600100200", "600100201", "600100202"):
        fake.add_record("00001", phone)
    fake.add_record("00001", "600100203", status_id=NO_CALL)
    assert (await api.get("outbounds/00001/stats")).json() == {
        "id": "00001",
        "records_count": 4,
        "completion_percent": 25,
    }
    fake.add_record("00001", "600100204", status_id=6)  # ABANDONED_AFTER_N_TRIES
    fake.add_record("00001", "600100205")
    stats = (await api.get("outbounds/stats")).json()
    assert stats == [
        {"id": "00001", "records_count": 6, "completion_percent": 33.33},
        {"id": "00002", "records_count": 0, "completion_percent": 0},
    ]


async def test_campaign_agents(api):
    assert (
        await api.post("outbounds/00001/add_agents", json={"logins": ["anowak", "jkowalski"]})
    ).status_code == 201
    agents = (await api.get("outbounds/00001/agents")).json()
    assert agents == [
        {
            "login": "anowak",
            "number": "3422",
            "active": True,
            "active_in_outbound": True,
            "agent_id": 3,
        },
        {
            "login": "jkowalski",
            "number": "3113",
            "active": True,
            "active_in_outbound": True,
            "agent_id": 2,
        },
    ]
    removed = await api.post("outbounds/00001/remove_agents", json={"logins": ["anowak"]})
    assert (removed.status_code, removed.content) == (201, b"")
    assert [a["login"] for a in (await api.get("outbounds/00001/agents")).json()] == ["jkowalski"]
    await api.post("outbounds/00001/set_agents", json={"logins": ["anowak"]})
    assert [a["login"] for a in (await api.get("outbounds/00001/agents")).json()] == ["anowak"]
    unknown = await api.post("outbounds/00001/add_agents", json={"logins": ["ghost"]})
    assert error(unknown)[:2] == (400, "Agent not found.")


async def test_agents(api, fake):
    fake.add_agent(
        "jdoe", name="John", surname="Doe", active=False, group_id=3, outbound_mode="automatic"
    )
    agents = (await api.get("agents")).json()
    assert agents[0] == {
        "agent_id": 1,
        "login": "",
        "name": "Automat",
        "surname": "Automat",
        "email": "",
        "active": "",
        "number": "",
        "outbound_mode": "manual",
        "group_id": "",
    }
    assert [a["login"] for a in agents] == ["", "jkowalski", "anowak", "jdoe"]
    assert (await api.get("agents/jdoe")).json() == {
        "agent_id": 4,
        "login": "jdoe",
        "name": "John",
        "surname": "Doe",
        "email": "",
        "active": False,
        "number": "",
        "outbound_mode": "automatic",
        "group_id": 3,
    }
