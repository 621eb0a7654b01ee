"""Area ``crm``, companies: ``client.companies``."""

from __future__ import annotations

import pytest
import respx

import thulium_async as th
from tests.support import (
    assert_request,
    attempt,
    catalog_response,
    json_response,
    request_example,
    sent_json,
    sent_query,
)
from thulium_async import errors
from thulium_async.models import Address, Company, CreatedCompany


@pytest.mark.endpoint("list_companies")
async def test_list_companies_sends_the_documented_query_and_parses(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET companies?nip=...&include_*=true returns typed companies; ``""`` becomes None."""
    route = router.get("companies").mock(return_value=catalog_response("list_companies"))
    companies = await client.companies.list(
        nip="6783144527", include_custom_fields=True, include_address=True
    ).to_list()
    assert_request(
        route.calls.last.request,
        "GET",
        "companies",
        query=[
            ("nip", "6783144527"),
            ("include_custom_fields", "true"),
            ("include_address", "true"),
            ("limit", "1000"),
            ("offset", "0"),
        ],
    )
    [company] = companies
    assert isinstance(company, Company)
    assert (company.company_id, company.customer_id, company.name) == (28, 13, "Thulium")
    assert company.phone_numbers == ["123456789", "987654321"]
    assert company.account_manager is None
    assert company.address is not None
    assert company.address.flat is None
    assert company.address.city == "Krakow"
    assert company.custom_fields == {"ID": None, "Additional info": "none"}


async def test_list_companies_sends_custom_fields_and_order(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Company filters: empty identifier, custom fields in bracket form, sort order."""
    route = router.get("companies").mock(return_value=json_response([]))
    await client.companies.list(
        identifier="",
        email="thulium@example.com",
        phone_number="123456789",
        type="internal",
        group="partner",
        custom_fields={"Kraj": "POLSKA"},
        order="name,-nip",
        include_invoice_address=True,
        include_mail_drop_address=False,
        max_items=5,
    ).to_list()
    assert sent_query(route.calls.last.request) == [
        ("identifier", ""),
        ("email", "thulium@example.com"),
        ("phone_number", "123456789"),
        ("type", "internal"),
        ("group", "partner"),
        ("custom_fields[Kraj]", "POLSKA"),
        ("order", "name,-nip"),
        ("include_invoice_address", "true"),
        ("include_mail_drop_address", "false"),
        ("limit", "5"),
        ("offset", "0"),
    ]


@pytest.mark.endpoint("get_company")
async def test_get_company_parses_the_example(router: respx.MockRouter, client: th.Client) -> None:
    """GET companies/{id}?include_custom_fields=true&include_address=true returns a Company."""
    route = router.get("companies/28").mock(return_value=catalog_response("get_company"))
    company = await client.companies.get(28, include_custom_fields=True, include_address=True)
    assert_request(
        route.calls.last.request,
        "GET",
        "companies/28",
        query=[("include_custom_fields", "true"), ("include_address", "true")],
    )
    assert company.company_id == 28
    assert company.customer_id == 13
    assert (company.type, company.group, company.nip) == ("internal", "partner", "6783144527")
    assert company.address == Address(
        street="Zlotej Jesieni",
        building="7",
        postcode="31-827",
        city="Krakow",
        post_office="Krakow",
        country="Poland",
    )


@pytest.mark.endpoint("create_company")
async def test_create_company_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST companies carries the doc example; both string ids come back as ints."""
    route = router.post("companies").mock(return_value=catalog_response("create_company"))
    created = await client.companies.create(
        name="company",
        nip="6783144527",
        address={"city": "Krakow", "street": "Zlotej Jesieni"},
    )
    assert_request(
        route.calls.last.request, "POST", "companies", body=request_example("create_company")
    )
    assert created == CreatedCompany(company_id=21, customer_id=121)


async def test_create_company_sends_the_optional_fields(
    router: respx.MockRouter, client: th.Client
) -> None:
    """E-mail, phones, flags, custom fields and the other addresses go out in JSON form."""
    route = router.post("companies").mock(return_value=catalog_response("create_company"))
    await client.companies.create(
        name="ACME",
        email="office@acme.example",
        phone_number=["111222333", "444555666"],
        type="internal",
        group="partner",
        identifier="ACME-1",
        note="note",
        custom_fields={"Branża": "IT"},
        fill_read_only_custom_fields=False,
        account_manager="jkowalski",
        vip=True,
        invoice_address=Address(city="Kraków"),
        mail_drop_address={"country": "Poland"},
    )
    assert sent_json(route.calls.last.request) == {
        "name": "ACME",
        "type": "internal",
        "group": "partner",
        "identifier": "ACME-1",
        "note": "note",
        "account_manager": "jkowalski",
        "custom_fields": {"Branża": "IT"},
        "fill_read_only_custom_fields": False,
        "vip": True,
        "invoice_address": {"city": "Kraków"},
        "mail_drop_address": {"country": "Poland"},
        "email": "office@acme.example",
        "phone_number": ["111222333", "444555666"],
    }


@pytest.mark.endpoint("update_company")
async def test_update_company_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """PUT companies/{id} carries the doc example; the empty 204 answer returns None."""
    route = router.put("companies/23").mock(return_value=catalog_response("update_company"))
    result = await client.companies.update(
        23,
        name="company",
        nip="6783144527",
        address=Address(city="Krakow", street="Zlotej Jesieni"),
    )
    assert_request(
        route.calls.last.request, "PUT", "companies/23", body=request_example("update_company")
    )
    assert result is None


@pytest.mark.endpoint("delete_company")
async def test_delete_company(router: respx.MockRouter, client: th.Client) -> None:
    """DELETE companies/{id} with no query and no body."""
    route = router.delete("companies/13").mock(return_value=catalog_response("delete_company"))
    assert await client.companies.delete(13) is None
    assert_request(route.calls.last.request, "DELETE", "companies/13")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.companies.list(order="-customer_id"), "order"),
        (lambda c: c.companies.list(custom_fields=["Kraj"]), "custom_fields"),
        (lambda c: c.companies.list(email=5), "email"),
        (lambda c: c.companies.create(name=" "), "name"),
        (lambda c: c.companies.create(name="A", email=["a@b.c"]), "email"),
        (lambda c: c.companies.create(name="A", phone_number=[]), "phone_number"),
        (lambda c: c.companies.create(name="A", address="Krakow"), "address"),
        (lambda c: c.companies.create(name="A", address={}), "address"),
        (lambda c: c.companies.update(1), "update"),
        (lambda c: c.companies.update(-1, name="B"), "id"),
        (lambda c: c.companies.get(True), "id"),
        (lambda c: c.companies.get(1, include_address="true"), "include_address"),
        (lambda c: c.companies.delete(None), "id"),
    ],
)
async def test_bad_company_input_is_refused_before_any_request(
    guard: respx.MockRouter, client: th.Client, call: object, field: str
) -> None:
    """Each bad argument raises InputError naming the field, and nothing is sent."""
    with pytest.raises(errors.InputError) as caught:
        await attempt(call, client)
    assert caught.value.field == field
    assert guard.calls.call_count == 0
