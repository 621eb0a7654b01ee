"""Single-record endpoints of regular and CRM campaigns: the documented rules."""

from __future__ import annotations

import pytest
from fake_support import CALL, CALL_NO_SOONER_THAN, CRM_MY_RECORD, MY_RECORD, NO_CALL, error


async def test_create_returns_a_string_id_and_get_returns_the_record(api, fake):
    response = await api.post(
        "outbounds/00001/records",
        json={"phone_number": "600100200", "status_id": "3", "identifier": "ext-1", "order": 7},
    )
    assert response.status_code == 201
    assert response.json() == {"record_id": "1"}
    got = await api.get("outbounds/00001/records/600100200")
    assert got.status_code == 200
    body = got.json()
    assert body == {
        "record_id": 1,
        "phone_number": "600100200",
        "system_status": "CALL",
        "status": "Contact needed",
        "status_id": 3,
        "call_date": "",
        "create_date": body["create_date"],
        "next_call_date": "",
        "agent_name": "",
        "agent_login": "",
        "last_note": "",
        "identifier": "ext-1",
        "order": 7,
        "record_fields": {"field1": "", "field2": ""},
    }
    assert len(body["create_date"]) == len("2016-10-18 12:02")
    assert fake.records("00001") == [body]


async def test_fresh_records_get_the_to_call_status(http, fake):
    await http.post("outbounds/00001/records", json={"phone_number": "600100200"})
    (record,) = fake.records("00001")
    assert (record["system_status"], record["status_id"], record["order"]) == ("TO_CALL", 1, "")


async def test_duplicate_number_is_rejected(api, fake):
    assert (
        await api.post("outbounds/00001/records", json={"phone_number": "600100200"})
    ).is_success
    response = await api.post("outbounds/00001/records", json={"phone_number": "600100200"})
    assert error(response) == (400, "Phone number already exists in the campaign.", 3002)
    assert len(fake.records("00001")) == 1


async def test_same_number_in_another_campaign_is_fine(http, fake):
    fake.add_campaign("00003")
    for campaign in ("00001", "00003"):
        response = await http.post(
            f"outbounds/{campaign}/records", json={"phone_number": "600100200"}
        )
        assert response.status_code == 201


async def test_duplicate_identifier_is_rejected(http):
    first = {"phone_number": "600100200", "identifier": "A1"}
    assert (await http.post("outbounds/00001/records", json=first)).status_code == 201
    second = {"phone_number": "600100201", "identifier": "A1"}
    response = await http.post("outbounds/00001/records", json=second)
    assert error(response)[:2] == (400, "Identifier already exists in the campaign.")


@pytest.mark.parametrize("phone", ["12-34-56", "600 100 200", "12", 600100200, ""])
async def test_phone_number_format_is_checked(http, phone):
    response = await http.post("outbounds/00001/records", json={"phone_number": phone})
    assert error(response)[:2] == (400, "Wrong format of phone number.")


async def test_phone_number_is_required(http):
    response = await http.post("outbounds/00001/records", json={"status_id": 3})
    assert error(response)[:2] == (400, "phone_number is required.")


async def test_record_fields_are_stored_merged_and_cleared(api, fake):
    body = {"phone_number": "600100200", "record_fields": {"field1": "a", "field2": "b"}}
    assert (await api.post("outbounds/00001/records", json=body)).status_code == 201
    change = {"record_fields": {"field2": ""}}
    assert (await api.put("outbounds/00001/records/600100200", json=change)).status_code == 204
    assert fake.records("00001")[0]["record_fields"] == {"field1": "a", "field2": ""}


async def test_unknown_record_field_is_a_400_naming_it(api, fake):
    body = {"phone_number": "600100200", "record_fields": {"field1": "a", "colour": "b"}}
    response = await api.post("outbounds/00001/records", json=body)
    assert error(response) == (400, "Unknown record field(s): colour.", 3006)
    assert fake.records("00001") == []


async def test_record_fields_are_refused_by_crm_campaigns(api, fake):
    customer = fake.add_customer(phone_number="600100200")
    body = {"customer_id": customer, "record_fields": {"field1": "a"}}
    response = await api.post("crm_outbounds/00002/records", json=body)
    assert error(response) == (400, "record_fields can only be set in non-CRM campaigns.", 3007)
    fake.add_record("00002", customer_id=customer)
    change = {"record_fields": {"field1": "a"}}
    response = await api.put(f"crm_outbounds/00002/records/{customer}", json=change)
    assert error(response)[1] == "record_fields can only be set in non-CRM campaigns."


async def test_crm_records_have_no_record_fields(http, fake):
    customer = fake.add_customer(phone_number="600100200")
    response = await http.post("crm_outbounds/00002/records", json={"customer_id": customer})
    assert response.json() == {"record_id": "1"}
    (record,) = fake.records("00002")
    assert "record_fields" not in record
    assert (record["customer_id"], record["phone_number"]) == (customer, "600100200")
    assert list(record)[-3:] == ["customer_id", "last_note", "order"]


async def test_my_record_needs_an_existing_agent_and_a_next_call_date(api, fake):
    base = {"phone_number": "600100200", "status_id": MY_RECORD}
    for extra, message in [
        ({}, "agent_login is required for a MY_RECORD status."),
        ({"next_call_date": "2030-05-24 12:24"}, "agent_login is required for a MY_RECORD status."),
        ({"agent_login": "jkowalski"}, "next_call_date is required for a MY_RECORD status."),
        ({"agent_login": "ghost", "next_call_date": "2030-05-24 12:24"}, "Agent not found."),
    ]:
        response = await api.post("outbounds/00001/records", json={**base, **extra})
        assert error(response)[:2] == (400, message), extra
    good = {**base, "agent_login": "jkowalski", "next_call_date": "2030-05-24 12:24"}
    assert (await api.post("outbounds/00001/records", json=good)).status_code == 201
    (record,) = fake.records("00001")
    assert record["agent_name"] == "Jan Kowalski"
    assert (record["agent_login"], record["next_call_date"]) == ("jkowalski", "2030-05-24 12:24")


async def test_my_record_rule_looks_at_the_record_after_the_change(http, fake):
    fake.add_record(
        "00001", "600100200", agent_login="jkowalski", next_call_date="2030-01-01 10:00"
    )
    response = await http.put("outbounds/00001/records/600100200", json={"status_id": MY_RECORD})
    assert response.status_code == 204
    clear = {"agent_login": ""}
    response = await http.put("outbounds/00001/records/600100200", json=clear)
    assert error(response)[:2] == (400, "agent_login is required for a MY_RECORD status.")


async def test_crm_my_record_follows_the_same_rule(http, fake):
    customer = fake.add_customer(phone_number="600100200")
    body = {"customer_id": customer, "status_id": CRM_MY_RECORD}
    response = await http.post("crm_outbounds/00002/records", json=body)
    assert error(response)[1] == "agent_login is required for a MY_RECORD status."


async def test_call_no_sooner_than_needs_a_next_call_date(api):
    body = {"phone_number": "600100200", "status_id": CALL_NO_SOONER_THAN}
    response = await api.post("outbounds/00001/records", json=body)
    assert error(response)[:2] == (
        400,
        "next_call_date is required for a CALL_NO_SOONER_THAN status.",
    )
    body["next_call_date"] = "2030-05-24 12:24"
    assert (await api.post("outbounds/00001/records", json=body)).status_code == 201


@pytest.mark.parametrize(
    "date",
    [
        "2030-05-24",
        "2030-05-24 12:24:00",
        "2030-05-24T12:24",
        "2030-02-30 10:00",
        "24.05.2030 12:24",
    ],
)
async def test_next_call_date_format_is_checked(http, date):
    body = {"phone_number": "600100200", "next_call_date": date}
    response = await http.post("outbounds/00001/records", json=body)
    assert error(response) == (
        400,
        "Wrong date format of next_call_date: expected YYYY-MM-DD hh:mm.",
        3012,
    )


async def test_status_by_dictionary_id_and_unknown_statuses(http, fake):
    body = {"phone_number": "600100200", "dictionary_status_id": 5}
    assert (await http.post("outbounds/00001/records", json=body)).status_code == 201
    assert fake.records("00001")[0]["status_id"] == NO_CALL
    for bad in ({"status_id": 999}, {"status_id": 12}, {"dictionary_status_id": 99}):
        # status 12 exists, but in campaign 00002: status ids are account-wide
        response = await http.post(
            "outbounds/00001/records", json={"phone_number": "600100201", **bad}
        )
        assert error(response)[:2] == (400, "Status not found."), bad
    response = await http.post(
        "outbounds/00001/records", json={"phone_number": "600100201", "status_id": "x"}
    )
    assert error(response)[1] == "Invalid value of status_id: expected an integer."


async def test_regular_endpoints_refuse_crm_campaigns_and_back(http):
    response = await http.post("outbounds/00002/records", json={"phone_number": "600100200"})
    assert error(response)[:2] == (400, "Campaign 00002 is a CRM campaign.")
    response = await http.get("crm_outbounds/00001/records")
    assert error(response)[:2] == (400, "Campaign 00001 is not a CRM campaign.")


async def test_update_by_phone_refuses_duplicated_numbers(http, fake):
    fake.add_record("00001", "600100200")
    fake.add_record("00001", "600100200")  # a panel import can create duplicates
    response = await http.put("outbounds/00001/records/600100200", json={"status_id": CALL})
    assert error(response)[:2] == (400, "Duplicated numbers cannot be edited.")
    assert {r["status_id"] for r in fake.records("00001")} == {1}


async def test_delete_by_phone_removes_every_duplicate(api, fake):
    fake.add_record("00001", "600100200")
    fake.add_record("00001", "600100200")
    keep = fake.add_record("00001", "600100201")
    response = await api.delete("outbounds/00001/records/600100200")
    assert (response.status_code, response.content) == (204, b"")
    assert [r["record_id"] for r in fake.records("00001")] == [keep]
    assert (await api.delete("outbounds/00001/records/600100200")).status_code == 404


async def test_records_in_a_call_are_never_deleted(http, fake):
    fake.add_record("00001", "600100200", in_call=True)
    fake.add_record("00001", "600100200")
    response = await http.delete("outbounds/00001/records/600100200")
    assert error(response)[:2] == (400, "The record is in a call and cannot be deleted.")
    assert len(fake.records("00001")) == 2
    customer = fake.add_customer(phone_number="600100300")
    fake.add_record("00002", customer_id=customer, in_call=True)
    assert (await http.delete(f"crm_outbounds/00002/records/{customer}")).status_code == 400


async def test_records_by_identifier(api, fake):
    fake.add_record("00001", "600100200", identifier="ext-9", record_fields={"field1": "x"})
    got = await api.get("outbounds/00001/records_by_identifier/ext-9")
    assert (got.json()["phone_number"], got.json()["record_fields"]["field1"]) == ("600100200", "x")
    change = {"status_id": NO_CALL, "next_call_date": "2030-01-02 03:04"}
    assert (
        await api.put("outbounds/00001/records_by_identifier/ext-9", json=change)
    ).status_code == 204
    (record,) = fake.records("00001")
    assert (record["system_status"], record["next_call_date"]) == ("NO_CALL", "2030-01-02 03:04")
    response = await api.put("outbounds/00001/records_by_identifier/ext-9", json={"order": 3})
    assert error(response)[1] == "Unknown field(s) in the request body: order."
    assert (await api.delete("outbounds/00001/records_by_identifier/ext-9")).status_code == 204
    assert fake.records("00001") == []


async def test_search_in_additional_numbers(http, fake):
    fake.add_record("00001", "600100200", additional_numbers=("700100200",))
    assert (await http.get("outbounds/00001/records/700100200")).status_code == 404
    found = await http.get(
        "outbounds/00001/records/700100200", params={"search_in_additional_numbers": "true"}
    )
    assert found.json()["phone_number"] == "600100200"
    response = await http.get(
        "outbounds/00001/records/700100200", params={"search_in_additional_numbers": "yes"}
    )
    assert (
        error(response)[1]
        == "Invalid value of search_in_additional_numbers: expected true or false."
    )


async def test_crm_record_lifecycle_and_copy_notes(api, fake):
    customer = fake.add_customer(customer_id=441, phone_number="600100200")
    response = await api.post("crm_outbounds/00002/records", json={"customer_id": "441"})
    assert response.json() == {"record_id": "1"}
    again = await api.post("crm_outbounds/00002/records", json={"customer_id": 441})
    assert error(again)[:2] == (400, "Customer already exists in the campaign.")
    missing = await api.post("crm_outbounds/00002/records", json={"customer_id": 442})
    assert error(missing)[:2] == (400, "Customer not found.")
    change = {"status_id": "13", "order": 5}
    assert (
        await api.put(f"crm_outbounds/00002/records/{customer}", json=change)
    ).status_code == 204
    got = (await api.get(f"crm_outbounds/00002/records/{customer}")).json()
    assert (got["system_status"], got["status_id"], got["order"]) == ("NO_CALL", 13, 5)
    copied = await api.post(f"crm_outbounds/00002/records/{customer}/copy_notes")
    assert (copied.status_code, copied.content) == (201, b"")
    assert (await api.delete(f"crm_outbounds/00002/records/{customer}")).status_code == 204
    assert fake.records("00002") == []


async def test_campaigns_by_phone_and_status_by_phone(api, fake):
    fake.add_campaign("00003")
    fake.add_record("00001", "600100200")
    fake.add_record("00003", "600100200")
    fake.add_record("00003", "600100999")
    found = await api.get("outbounds_by_phone_number/600100200")
    assert found.json() == {"outbound_id": ["00001", "00003"]}
    # status_id here is a DICTIONARY id: 5 = NO_CALL in the default sets
    response = await api.post(
        "outbound_status_by_phone_number", json={"phone_number": "600100200", "status_id": "5"}
    )
    assert (response.status_code, response.json()) == (201, {"outbound_id": ["00001", "00003"]})
    statuses = {r["phone_number"]: r["system_status"] for r in fake.records("00003")}
    assert statuses == {"600100200": "NO_CALL", "600100999": "TO_CALL"}
    assert fake.records("00001")[0]["system_status"] == "NO_CALL"
    unknown = await api.post(
        "outbound_status_by_phone_number", json={"phone_number": "600100200", "status_id": 77}
    )
    assert error(unknown)[:2] == (400, "Status not found.")
