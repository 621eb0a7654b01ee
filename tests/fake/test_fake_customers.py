"""CRM customers: create, read (both documented shapes), update, delete and their effects."""

from __future__ import annotations

import pytest
from fake_support import error


async def test_create_returns_a_string_id_and_get_the_documented_shape(api):
    response = await api.post(
        "customers",
        json={
            "surname": "Kowalski",
            "name": "Jan",
            "phone_number": ["222333444", "213443523"],
            "email": "jan.kowalski@foo.bar",
            "address": {"street": "Zlotej Jesieni", "city": "Krakow"},
            "custom_fields": {"Dodatkowe informacje": "AXX 121212"},
        },
    )
    assert (response.status_code, response.json()) == (201, {"customer_id": "1"})
    got = await api.get("customers/1", params={"include_custom_fields": "true"})
    assert got.json() == {
        "customer_id": 1,
        "name": "Jan",
        "surname": "Kowalski",
        "phone_number": "222333444",
        "phone_numbers": ["222333444", "213443523"],
        "email": "jan.kowalski@foo.bar",
        "company_id": "",
        "identifier": "",
        "type": "",
        "group": "",
        "company_flag": "",  # "" on GET customers/{id}, a boolean in the list (as documented)
        "account_manager": "",
        "updated_at": got.json()["updated_at"],
        "custom_fields": {"Dodatkowe informacje": "AXX 121212"},
    }
    listed = (await api.get("customers", params={"include_address": "true"})).json()
    assert listed[0]["company_flag"] is False
    assert listed[0]["emails"] == ["jan.kowalski@foo.bar"]
    assert listed[0]["address"] == {
        "street": "Zlotej Jesieni",
        "building": None,
        "flat": None,
        "postcode": None,
        "city": "Krakow",
        "post_office": None,
        "borough": None,
        "county": None,
        "voivodship": None,
        "country": None,
    }
    assert "custom_fields" not in listed[0]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": "Jan"}, "surname is required."),
        ({"surname": ""}, "surname is required."),
        ({"surname": "K", "phone_number": "12 34"}, "Wrong format of phone number."),
        (
            {"surname": "K", "email": ["a@b.c", "nope"]},
            "Invalid value of email: expected an e-mail address.",
        ),
        (
            {"surname": "K", "company_id": "abc"},
            "Invalid value of company_id: expected an integer.",
        ),
        (
            {"surname": "K", "address": {"town": "X"}},
            "Unknown field(s) in the request body: address.town.",
        ),
    ],
)
async def test_create_validates(http, body, message):
    assert error(await http.post("customers", json=body))[:2] == (400, message)


async def test_custom_fields_unknown_names_are_created_and_empty_values_clear(api, fake):
    first = fake.add_customer(custom_fields={"Kraj": "POLSKA"})
    second = fake.add_customer()
    change = {"custom_fields": {"Kraj": "", "Miasto": "Kraków"}}
    assert (await api.put(f"customers/{first}", json=change)).status_code == 204
    assert [c["custom_fields"] for c in fake.customers()] == [
        {"Kraj": None, "Miasto": "Kraków"},
        {"Kraj": None, "Miasto": None},
    ]
    assert second == first + 1


async def test_phone_change_follows_into_crm_records_and_delete_removes_them(api, fake):
    customer = fake.add_customer(phone_number="600100200")
    fake.add_record("00002", customer_id=customer)
    assert (
        await api.put(f"customers/{customer}", json={"phone_number": "600100999"})
    ).status_code == 204
    assert fake.records("00002")[0]["phone_number"] == "600100999"
    assert (await api.delete(f"customers/{customer}")).status_code == 204
    assert fake.records("00002") == []
    assert (await api.get(f"customers/{customer}")).status_code == 404


def test_setup_helpers_refuse_impossible_input(fake):
    with pytest.raises(ValueError, match="phone"):
        fake.add_customer(phone_number="12 34")
    customer = fake.add_customer()
    with pytest.raises(ValueError, match="already exists"):
        fake.add_customer(customer_id=customer)
    with pytest.raises(ValueError, match="customer_id"):
        fake.add_record("00002", "600100200")
    with pytest.raises(ValueError, match="record_fields"):
        fake.add_record("00001", "600100200", record_fields={"colour": "red"})
    with pytest.raises(ValueError, match="five digits"):
        fake.add_campaign("12")
    with pytest.raises(KeyError):
        fake.records("00077")
