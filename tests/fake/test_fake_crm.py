"""CRM companies: customer records flagged as companies, their lists, changes and deletion."""

from __future__ import annotations

import httpx2
import pytest
from fake_support import error

from thulium_async.testing import FakeThulium

ADDRESS = {"street": "Zlotej Jesieni", "city": "Krakow"}
FULL_ADDRESS = {
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


def names(response: httpx2.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [company["name"] for company in response.json()]


# -- companies ----------------------------------------------------------------------------


async def test_create_answers_string_ids_and_reads_back_in_both_shapes(api, fake):
    body = {
        "name": "Thulium",
        "nip": "6783144527",
        "identifier": "3434558",
        "phone_number": ["123456789", "987654321"],
        "email": "thulium@example.com",
        "type": "internal",
        "group": "partner",
        "address": ADDRESS,
        "custom_fields": {"Additional info": "none"},
        "vip": True,
    }
    created = await api.post("companies", json=body)
    assert (created.status_code, created.json()) == (201, {"company_id": "1", "customer_id": "1"})
    got = await api.get("companies/1", params={"include_address": "true"})
    assert got.json() == {
        "name": "Thulium",
        "company_id": 1,
        "customer_id": 1,
        "type": "internal",
        "group": "partner",
        "nip": "6783144527",
        "account_manager": "",
        "address": FULL_ADDRESS,
    }
    listed = await api.get("companies", params={"include_custom_fields": "true"})
    assert listed.json() == [
        {
            "name": "Thulium",
            "company_id": 1,
            "customer_id": 1,
            "identifier": "3434558",
            "phone_number": "123456789",
            "phone_numbers": ["123456789", "987654321"],
            "email": "thulium@example.com",
            "emails": ["thulium@example.com"],
            "type": "internal",
            "group": "partner",
            "nip": "6783144527",
            "account_manager": "",
            "custom_fields": {"Additional info": "none"},
        }
    ]
    # The company is a customer record flagged as a company, pointing at itself.
    record = (await api.get("customers/1")).json()
    assert (record["surname"], record["company_id"], record["company_flag"]) == ("Thulium", 1, True)


async def test_ids_follow_the_customers_sequence(http, fake):
    fake.add_customer(customer_id=40)
    created = await http.post("companies", json={"name": "ACME"})
    assert created.json() == {"company_id": "1", "customer_id": "41"}
    assert fake.add_company(name="Beta", company_id=7) == 7
    assert (await http.post("companies", json={"name": "Gamma"})).json()["company_id"] == "8"


@pytest.fixture
def three(fake: FakeThulium) -> FakeThulium:
    fake.add_company(
        name="Beta",
        nip="222",
        identifier="B-1",
        phone_number="600100200",
        email="bok@beta.pl",
        type="partner",
        custom_fields={"Kraj": "POLSKA"},
    )
    fake.add_company(name="Alfa", nip="333", type="partner", custom_fields={"Kraj": "NORWEGIA"})
    fake.add_company(name="Gamma", nip="111", identifier="G-1", group="vip")
    fake.add_customer(surname="Beta", nip="222", phone_number="600100200")  # a person
    return fake


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Beta", "Alfa", "Gamma"]),
        ({"nip": "333"}, ["Alfa"]),
        ({"identifier": "G-1"}, ["Gamma"]),
        ({"identifier": ""}, ["Alfa"]),
        ({"phone_number": "600100200"}, ["Beta"]),
        ({"phone_number": ""}, ["Alfa", "Gamma"]),
        ({"email": "bok@beta.pl"}, ["Beta"]),
        ({"type": "partner"}, ["Beta", "Alfa"]),
        ({"type": "partner", "nip": "222"}, ["Beta"]),
        ({"group": "vip"}, ["Gamma"]),
        ({"custom_fields[Kraj]": "POLSKA"}, ["Beta"]),
        (
            [("custom_fields[Kraj][0]", "POLSKA"), ("custom_fields[Kraj][1]", "NORWEGIA")],
            ["Beta", "Alfa"],
        ),
        ({"order": "name"}, ["Alfa", "Beta", "Gamma"]),
        ({"order": "-nip"}, ["Alfa", "Beta", "Gamma"]),
        ({"order": "identifier,-company_id"}, ["Alfa", "Beta", "Gamma"]),
        ({"order": "-company_id", "limit": "2"}, ["Gamma", "Alfa"]),
        ({"order": "name", "limit": "1", "offset": "1"}, ["Beta"]),
        ({"offset": "3"}, []),
    ],
)
async def test_list_filters_sorts_and_pages(http, three, query, expected):
    assert names(await http.get("companies", params=query)) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": "1001"}, "limit must not be greater than 1000."),
        (
            {"order": "name,-customer_id"},
            "Invalid value of order: expected comma-separated name, nip, company_id, identifier.",
        ),
        ({"include_address": "yes"}, "Invalid value of include_address: expected true or false."),
        ({"company_flag": "true"}, "Unknown query parameter(s): company_flag."),
    ],
)
async def test_list_refuses_bad_queries(http, three, query, message):
    assert error(await http.get("companies", params=query))[:2] == (400, message)


async def test_undocumented_inputs_are_ignored_when_not_strict(http, three):
    three.strict = False
    assert names(await http.get("companies", params={"company_id": "2"})) == [
        "Beta",
        "Alfa",
        "Gamma",
    ]
    created = await http.post("companies", json={"name": "Delta", "surname": "X", "pesel": "1"})
    assert created.status_code == 201
    assert three.companies()[-1]["name"] == "Delta"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"nip": "1"}, "name is required."),
        ({"name": "  "}, "name is required."),
        ({"name": 5}, "Invalid value of name: expected a string."),
        ({"name": "X", "nip": "222"}, "NIP 222 is already used by another company."),
        ({"name": "X", "email": ["a@b.pl"]}, "Invalid value of email: expected a string."),
        ({"name": "X", "email": "nope"}, "Invalid value of email: expected an e-mail address."),
        ({"name": "X", "phone_number": "12 34"}, "Wrong format of phone number."),
        ({"name": "X", "vip": "yes"}, "Invalid value of vip: expected true or false."),
        (
            {"name": "X", "address": {"town": "Y"}},
            "Unknown field(s) in the request body: address.town.",
        ),
        (
            {"name": "X", "custom_fields": ["a"]},
            "Invalid value of custom_fields: expected an object.",
        ),
        ({"name": "X", "company_id": 1}, "Unknown field(s) in the request body: company_id."),
    ],
)
async def test_create_validates_like_customers(http, three, body, message):
    assert error(await http.post("companies", json=body))[:2] == (400, message)
    assert len(three.companies()) == 3


async def test_update_changes_only_what_is_sent(api, three):
    change = {"name": "Beta SA", "address": ADDRESS, "custom_fields": {"Kraj": ""}, "nip": "222"}
    assert (await api.put("companies/1", json=change)).status_code == 204
    assert (await api.put("companies/1", json={"address": {"flat": "3"}})).status_code == 204
    beta = three.companies()[0]
    assert (beta["name"], beta["nip"], beta["identifier"]) == ("Beta SA", "222", "B-1")
    assert beta["address"] == {**FULL_ADDRESS, "flat": "3"}
    assert beta["custom_fields"]["Kraj"] is None


@pytest.mark.parametrize(
    ("path", "body", "expected"),
    [
        ("companies/1", {"nip": "333"}, (400, "NIP 333 is already used by another company.")),
        ("companies/1", {"name": ""}, (400, "name is required.")),
        ("companies/9", {"name": "X"}, (404, "Company not found.")),
        ("companies/x", {"name": "X"}, (404, "Company not found.")),
    ],
)
async def test_update_refusals(http, three, path, body, expected):
    assert error(await http.put(path, json=body))[:2] == expected
    assert three.companies()[0]["name"] == "Beta"


async def test_delete_takes_the_record_along_and_detaches_the_people(api, fake):
    company = fake.add_company(name="ACME", customer_id=10)
    person = fake.add_customer(customer_id=11)
    assert (await api.put("customers/11", json={"company_id": company})).status_code == 204
    assert [
        c["customer_id"] for c in (await api.get(f"customers?company_id={company}")).json()
    ] == [
        10,
        11,
    ]
    fake.add_record("00002", customer_id=10)
    assert (await api.post("customers/10/notes", json={"message": "Hi"})).status_code == 201
    assert (await api.delete(f"companies/{company}")).status_code == 204
    assert fake.companies() == []
    assert fake.records("00002") == []
    assert (await api.get("customers/10")).status_code == 404
    assert (await api.get(f"customers/{person}")).json()["company_id"] == ""
    assert error(await api.delete(f"companies/{company}"))[:2] == (404, "Company not found.")


async def test_company_records_obey_the_company_rules_on_customer_endpoints(http, three):
    assert error(await http.put("customers/1", json={"company_id": 2}))[:2] == (
        400,
        "Customer 1 is the record of company 1: its company_id cannot change.",
    )
    assert error(await http.put("customers/1", json={"nip": "333"}))[:2] == (
        400,
        "NIP 333 is already used by another company.",
    )
    # People may share a company's NIP; an unknown company cannot be joined.
    assert (await http.put("customers/4", json={"nip": "333", "company_id": 3})).status_code == 204
    assert error(await http.post("customers", json={"surname": "K", "company_id": 9}))[:2] == (
        400,
        "Company not found.",
    )
    flagged = (await http.get("customers", params={"company_flag": "true"})).json()
    assert [c["customer_id"] for c in flagged] == [1, 2, 3]
    assert (await http.delete("customers/2")).status_code == 204
    assert [c["company_id"] for c in three.companies()] == [1, 3]


async def test_messages_in_polish(http):
    response = await http.get("companies/5", headers={"Accept-Language": "pl"})
    assert error(response) == (404, "Nie znaleziono firmy.", 2030)
    response = await http.post(
        "companies", json={"name": "A", "nip": "1"}, headers={"Accept-Language": "pl"}
    )
    assert response.status_code == 201
    response = await http.post(
        "companies", json={"name": "B", "nip": "1"}, headers={"Accept-Language": "pl"}
    )
    assert error(response) == (400, "Numer NIP 1 jest już używany przez inną firmę.", 3300)


def test_company_setup_refuses_impossible_input(fake):
    fake.add_company(name="ACME", nip="1", company_id=3)
    for kwargs, match in [
        ({"name": " "}, "name"),
        ({"company_id": 3}, "already exists"),
        ({"nip": "1"}, "NIP"),
        ({"phone_number": "12 34"}, "invalid value"),
        ({"customer_id": 1}, "already exists"),
    ]:
        with pytest.raises(ValueError, match=match):
            fake.add_company(**kwargs)
    assert len(fake.companies()) == 1
