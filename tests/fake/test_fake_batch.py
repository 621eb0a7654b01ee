"""Every batch endpoint answers 207 with exactly the documented shape."""

from __future__ import annotations

from fake_support import CALL, CRM_NO_CALL, error


async def test_batch_add_regular_records(api, fake):
    existing = fake.add_record("00001", "600100201")
    response = await api.post(
        "batch/outbounds/00001/records",
        json={
            "records": [
                {"phone_number": "600100200", "status_id": "3", "record_fields": {"field1": "v"}},
                {"phone_number": "600100201"},
                {"phone_number": "555123321", "agent_login": "user"},
                {"phone_number": "12-34"},
            ]
        },
    )
    assert response.status_code == 207
    added = existing + 1
    assert response.json() == {
        "600100200": {"http_status": 201, "record_id": added, "status": "ADDED"},
        "600100201": {"http_status": 400, "record_id": existing, "status": "ALREADY_EXISTS"},
        "555123321": {"http_status": 400, "status": "FAILED", "message": "Agent not found."},
        "12-34": {
            "http_status": 400,
            "status": "FAILED",
            "message": "Wrong format of phone number.",
        },
    }
    assert [r["phone_number"] for r in fake.records("00001")] == ["600100201", "600100200"]
    assert fake.records("00001")[1]["status_id"] == CALL


async def test_batch_add_same_number_twice_keeps_the_last_outcome(http, fake):
    body = {"records": [{"phone_number": "600100200"}, {"phone_number": "600100200"}]}
    response = await http.post("batch/outbounds/00001/records", json=body)
    (record,) = fake.records("00001")
    assert response.json() == {
        "600100200": {
            "http_status": 400,
            "record_id": record["record_id"],
            "status": "ALREADY_EXISTS",
        }
    }


async def test_batch_update_regular_records(api, fake):
    fake.add_record("00001", "600100200")
    fake.add_record("00001", "600100201")
    fake.add_record("00001", "600100202")
    fake.add_record("00001", "600100202")
    response = await api.put(
        "batch/outbounds/00001/records",
        json={
            "records": [
                {"phone_number": "600100200", "status_id": CALL, "record_fields": {"field1": "x"}},
                {"phone_number": "600100201", "agent_login": "user"},
                {"phone_number": "600100202", "status_id": CALL},
                {"phone_number": "600100999", "status_id": CALL},
            ]
        },
    )
    assert response.status_code == 207
    assert response.json() == {
        "600100200": {"http_status": 204},
        "600100201": {"http_status": 400, "message": "Agent not found."},
        "600100202": {"http_status": 400, "message": "Duplicated numbers cannot be edited."},
        "600100999": {"http_status": 404, "message": "Record not found."},
    }
    first = fake.records("00001")[0]
    assert (first["status_id"], first["record_fields"]["field1"]) == (CALL, "x")


async def test_batch_delete_regular_records_maps_numbers_to_arrays(api, fake):
    one = fake.add_record("00001", "441")
    two = fake.add_record("00001", "441")
    busy = fake.add_record("00001", "443", in_call=True)
    response = await api.delete(
        "batch/outbounds/00001/records/",  # the docs' example has this trailing slash
        params=[("phone_number[]", "441"), ("phone_number[]", "442"), ("phone_number[]", "443")],
    )
    assert response.status_code == 207
    assert response.json() == {
        "441": [
            {"http_status": 200, "record_id": one, "status": "REMOVED"},
            {"http_status": 200, "record_id": two, "status": "REMOVED"},
        ],
        "442": [{"http_status": 404, "status": "NOT_EXIST"}],
        "443": [{"http_status": 400, "record_id": busy, "status": "CALL_IN_PROGRESS"}],
    }
    assert [r["record_id"] for r in fake.records("00001")] == [busy]


async def test_batch_add_crm_records(api, fake):
    first = fake.add_customer(customer_id=441, phone_number="600100441")
    fake.add_customer(customer_id=445, phone_number="600100445")
    existing = fake.add_record("00002", customer_id=445)
    response = await api.post(
        "batch/crm_outbounds/00002/records",
        json={
            "records": [
                {"customer_id": first, "status_id": CRM_NO_CALL},
                {"customer_id": 445, "status_id": 9},
                {"customer_id": 448, "status_id": 9},
            ]
        },
    )
    assert response.status_code == 207
    assert response.json() == {
        "441": {"http_status": 201, "record_id": existing + 1, "status": "ADDED"},
        "445": {"http_status": 400, "record_id": existing, "status": "ALREADY_EXISTS"},
        "448": {"http_status": 400, "status": "FAILED", "message": "Customer not found."},
    }
    assert [r["customer_id"] for r in fake.records("00002")] == [445, 441]


async def test_batch_delete_crm_records(api, fake):
    fake.add_customer(customer_id=441, phone_number="600100441")
    fake.add_customer(customer_id=443, phone_number="600100443")
    removed = fake.add_record("00002", customer_id=441)
    busy = fake.add_record("00002", customer_id=443, in_call=True)
    response = await api.delete(
        "batch/crm_outbounds/00002/records",
        params=[("customer_id[]", "441"), ("customer_id[]", "442"), ("customer_id[]", "443")],
    )
    assert response.status_code == 207
    assert response.json() == {
        "441": {"http_status": 200, "record_id": removed, "status": "REMOVED"},
        "442": {"http_status": 404, "status": "NOT_EXIST"},
        "443": {"http_status": 400, "record_id": busy, "status": "CALL_IN_PROGRESS"},
    }


async def test_batch_delete_campaigns_answers_an_array(api, fake):
    fake.add_campaign("00003")
    assert (await api.delete("outbounds/00003")).status_code == 204
    response = await api.delete(
        "batch/outbounds",
        params=[
            ("id[]", "00001"),
            ("id[]", "00009"),
            ("id[]", "00003"),
            ("delete_recordings", "true"),
        ],
    )
    assert response.status_code == 207
    assert response.json() == [
        {"http_status": 200, "id": "00001", "status": "REMOVAL_QUEUED"},
        {"http_status": 404, "id": "00009", "status": "NOT_EXIST"},
        {"http_status": 400, "id": "00003", "status": "ALREADY_QUEUED"},
    ]
    assert fake.campaign_ids() == ["00002"]
    assert (await api.get("outbounds/00001/records")).status_code == 404


async def test_batch_customers_create_update_delete(api, fake):
    created = await api.post(
        "batch/customers",
        json={"customers": [{"surname": "Kowalski"}, {"phone_number": "333444555"}]},
    )
    assert created.status_code == 207
    assert created.json() == {
        "0": {"http_status": 201, "customer_id": "1"},
        "1": {"http_status": 400, "message": "surname is required."},
    }
    updated = await api.put(
        "batch/customers",
        json={
            "customers": [
                {"customer_id": "1", "phone_number": "333444555", "custom_fields": {"Kraj": "PL"}},
                {"customer_id": 14, "surname": "Nowak"},
                {"customer_id": 1, "email": "not-an-address"},
            ]
        },
    )
    assert updated.status_code == 207
    # "1" appears twice; the second outcome (a 400) is the one kept
    assert updated.json() == {
        "1": {"http_status": 400, "message": "Invalid value of email: expected an e-mail address."},
        "14": {"http_status": 404, "message": "Customer not found."},
    }
    (customer,) = fake.customers()
    assert (customer["phone_number"], customer["custom_fields"]) == ("333444555", {"Kraj": "PL"})
    deleted = await api.delete(
        "batch/customers", params=[("customer_id[]", "1"), ("customer_id[]", "14")]
    )
    assert deleted.status_code == 207
    assert deleted.json() == {
        "1": {"http_status": 204},
        "14": {"http_status": 404, "message": "Customer not found."},
    }
    assert fake.customers() == []


async def test_batch_item_messages_follow_the_language(http):
    response = await http.post(
        "batch/outbounds/00001/records",
        json={"records": [{"phone_number": "555123321", "agent_login": "user"}]},
        headers={"Accept-Language": "pl"},
    )
    assert response.json()["555123321"]["message"] == "Nie znaleziono agenta."


async def test_batch_request_shape_is_checked_as_a_whole(http, fake):
    for body in ({"records": []}, {"records": "600100200"}, {}, {"records": ["600100200"]}):
        response = await http.post("batch/outbounds/00001/records", json=body)
        assert error(response)[0] == 400, body
    response = await http.post(
        "batch/outbounds/00001/records",
        json={"records": [{"phone_number": "600100200"}, {"phone": "600100201"}]},
    )
    assert error(response)[:2] == (400, "Unknown field(s) in the request body: phone.")
    assert fake.records("00001") == []
    assert (await http.delete("batch/outbounds/00001/records")).status_code == 400
