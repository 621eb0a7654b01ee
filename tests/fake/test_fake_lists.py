"""Paginated lists: limit maxima, count, insertion order, filters, date formats."""

from __future__ import annotations

import pytest
from fake_support import CALL, CRM_NO_CALL, NO_CALL, TO_CALL, error


async def test_pages_come_in_insertion_order_with_the_total(api, fake):
    ids = fake.seed_records("00001", 250)
    seen, offset = [], 0
    while True:
        page = (
            await api.get("outbounds/00001/records", params={"limit": 100, "offset": offset})
        ).json()
        assert page["count"] == 250
        seen += [r["record_id"] for r in page["result"]]
        if len(page["result"]) < 100:
            break
        offset += 100
    assert seen == ids
    assert offset == 200


async def test_default_limit_is_100_and_offset_past_the_end_is_empty(http, fake):
    fake.seed_records("00001", 120)
    assert len((await http.get("outbounds/00001/records")).json()["result"]) == 100
    past = (await http.get("outbounds/00001/records", params={"offset": 500})).json()
    assert past == {"count": 120, "result": []}


@pytest.mark.parametrize(
    ("path", "maximum"),
    [("outbounds/00001/records", 100), ("crm_outbounds/00002/records", 100), ("customers", 1000)],
)
async def test_limit_above_the_documented_maximum_is_rejected(api, path, maximum):
    assert (await api.get(path, params={"limit": maximum})).status_code == 200
    response = await api.get(path, params={"limit": maximum + 1})
    assert error(response) == (400, f"limit must not be greater than {maximum}.", 3017)


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": "ten"}, {"offset": -1}])
async def test_limit_and_offset_must_be_sensible(http, params):
    assert (await http.get("outbounds/00001/records", params=params)).status_code == 400


async def test_status_filters_and_count(api, fake):
    first = fake.add_record("00001", "600100201", status_id=CALL)
    fake.add_record("00001", "600100202", status_id=TO_CALL)
    third = fake.add_record("00001", "600100203", status_id=NO_CALL)
    fourth = fake.add_record("00001", "600100204", status_id=CALL)
    page = await api.get(
        "outbounds/00001/records",
        params=[("status_id[]", str(CALL)), ("status_id[]", str(NO_CALL)), ("limit", "2")],
    )
    assert page.json()["count"] == 3
    assert [r["record_id"] for r in page.json()["result"]] == [first, third]
    page = await api.get(
        "outbounds/00001/records", params=[("system_status[]", "CALL"), ("offset", "1")]
    )
    assert page.json()["count"] == 2
    assert [r["record_id"] for r in page.json()["result"]] == [fourth]
    response = await api.get("outbounds/00001/records", params={"system_status[]": "LATER"})
    assert error(response)[0] == 400


async def test_date_filters(api, fake):
    old = fake.add_record("00001", "600100201", create_date="2016-10-18 12:02")
    mid = fake.add_record(
        "00001", "600100202", create_date="2016-10-19 08:00", call_date="2016-10-19 14:02"
    )
    fake.add_record(
        "00001", "600100203", create_date="2016-10-21 00:00", call_date="2016-10-22 09:00"
    )

    async def ids(**params):
        page = (await api.get("outbounds/00001/records", params=params)).json()
        assert page["count"] == len(page["result"])
        return [r["record_id"] for r in page["result"]]

    assert await ids(create_date_from="2016-10-18", create_date_to="2016-10-20") == [old, mid]
    assert await ids(call_date_from="2016-10-19", call_date_to="2016-10-19") == [mid]
    assert await ids(call_date_to="2016-10-30") == [mid, mid + 1]


@pytest.mark.parametrize(
    "name", ["create_date_from", "create_date_to", "call_date_from", "call_date_to"]
)
@pytest.mark.parametrize("value", ["2016-10-18 12:00", "18-10-2016", "2016-13-01"])
async def test_date_filters_take_only_yyyy_mm_dd(http, name, value):
    response = await http.get("outbounds/00001/records", params={name: value})
    assert error(response) == (400, f"Wrong date format of {name}: expected YYYY-MM-DD.", 3013)


async def test_crm_list_order_and_embedded_customer(api, fake):
    customers = [fake.add_customer(phone_number=f"60010020{i}", surname=f"S{i}") for i in range(3)]
    fake.add_record("00002", customer_id=customers[0], next_call_date="2030-01-02 10:00")
    fake.add_record("00002", customer_id=customers[1], next_call_date="2030-01-03 10:00")
    fake.add_record("00002", customer_id=customers[2], status_id=CRM_NO_CALL)
    page = await api.get("crm_outbounds/00002/records", params={"order": "-next_call_date"})
    assert [r["customer_id"] for r in page.json()["result"]] == [
        customers[1],
        customers[0],
        customers[2],
    ]
    page = await api.get(
        "crm_outbounds/00002/records",
        params={"include_customer": "true", "status_id[]": str(CRM_NO_CALL)},
    )
    (record,) = page.json()["result"]
    assert record["customer"]["surname"] == "S2"
    assert record["customer"]["phone_number"] == "600100202"
    bad = await api.get("crm_outbounds/00002/records", params={"order": "create_date"})
    assert error(bad)[0] == 400


async def test_customers_list_filters_and_order(api, fake):
    a = fake.add_customer(surname="Nowak", name="Anna", email="anna@example.org", identifier="A")
    b = fake.add_customer(surname="Kowalski", name="Jan", phone_number="600100200")
    c = fake.add_customer(surname="Nowak", name="Adam", custom_fields={"Kraj": "POLSKA"})

    async def ids(params):
        response = await api.get("customers", params=params)
        assert response.status_code == 200
        return [x["customer_id"] for x in response.json()]

    assert await ids({"email": "anna@example.org"}) == [a]
    assert await ids({"phone_number": "600100200"}) == [b]
    assert await ids({"phone_number": ""}) == [a, c]  # empty value: customers without a phone
    assert await ids({"identifier": ""}) == [b, c]
    assert await ids(
        [("custom_fields[Kraj][0]", "NORWEGIA"), ("custom_fields[Kraj][1]", "POLSKA")]
    ) == [c]
    assert await ids({"order": "surname,-customer_id"}) == [b, c, a]
    assert await ids({"order": "name", "limit": 2, "offset": 1}) == [a, b]
    response = await api.get("customers", params={"order": "email"})
    assert error(response)[0] == 400
