"""Area ``crm``, customers: ``client.customers`` and ``client.customer_id_by_outbound_status``."""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import (
    WARSAW,
    assert_request,
    attempt,
    catalog_response,
    example,
    json_response,
    request_example,
    sent_json,
    sent_query,
)
from thulium_async import errors
from thulium_async.models import Address, Customer


@pytest.mark.endpoint("list_customers")
async def test_list_customers_sends_the_documented_query_and_maps_empty_strings(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET customers?email=...&include_*=true; ``""`` fields become None, ids ints."""
    route = router.get("customers").mock(return_value=catalog_response("list_customers"))
    customers = await client.customers.list(
        email="jan.kowalski@foo.bar", include_custom_fields=True, include_address=True
    ).to_list()
    assert_request(
        route.calls.last.request,
        "GET",
        "customers",
        query=[
            ("email", "jan.kowalski@foo.bar"),
            ("include_custom_fields", "true"),
            ("include_address", "true"),
            ("limit", "1000"),
            ("offset", "0"),
        ],
    )
    [customer] = customers
    assert isinstance(customer, Customer)
    assert (customer.customer_id, customer.name, customer.surname) == (273, "Jan", "Kowalski")
    assert customer.phone_numbers == ["222333444", "213443523"]
    assert customer.emails == ["jan.kowalski@foo.bar", "j.kowalski@foo.bar"]
    empty = (customer.company_id, customer.identifier, customer.type, customer.group)
    assert empty == (None, None, None, None)
    assert (customer.birthdate, customer.updated_at, customer.account_manager) == (None, None, None)
    assert customer.company_flag is False
    assert customer.address == Address(
        street="Zlotej Jesieni",
        building="7",
        postcode="31-827",
        city="Krakow",
        post_office="Krakow",
        country="Poland",
    )
    assert customer.custom_fields == {
        "ID": None,
        "Dodatkowe informacje": "Numer dowodu - AXX 121212",
    }


async def test_list_customers_sends_custom_fields_order_and_empty_filters(
    router: respx.MockRouter, client: th.Client
) -> None:
    """custom_fields use the nested-bracket form; ``""`` filters go out empty; order is joined."""
    route = router.get("customers").mock(return_value=json_response([]))
    await client.customers.list(
        identifier="",
        phone_number="",
        nip="6783144527",
        company_id=456,
        company_flag=False,
        type="custom type name",
        group="custom group name",
        custom_fields={"Kraj": ["POLSKA", "NORWEGIA"], "Miasto": "Kraków"},
        order=["name", "-customer_id", "nip"],
        include_invoice_address=False,
        include_mail_drop_address=True,
        page_size=10,
    ).to_list()
    request = route.calls.last.request
    assert sent_query(request) == [
        ("identifier", ""),
        ("phone_number", ""),
        ("nip", "6783144527"),
        ("company_id", "456"),
        ("type", "custom type name"),
        ("group", "custom group name"),
        ("custom_fields[Kraj][0]", "POLSKA"),
        ("custom_fields[Kraj][1]", "NORWEGIA"),
        ("custom_fields[Miasto]", "Kraków"),
        ("order", "name,-customer_id,nip"),
        ("company_flag", "false"),
        ("include_invoice_address", "false"),
        ("include_mail_drop_address", "true"),
        ("limit", "10"),
        ("offset", "0"),
    ]
    assert b"custom_fields%5BKraj%5D%5B0%5D=POLSKA" in request.url.query
    assert b"Krak%C3%B3w" in request.url.query


async def test_list_customers_pages_the_plain_array_until_a_short_page(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Without a count, pages of page_size are read in order until one comes back short."""
    item = example("list_customers")[0]

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        size = 3 if offset < 6 else 2
        return json_response([{**item, "customer_id": offset + n + 1} for n in range(size)])

    route = router.get("customers").mock(side_effect=page)
    pager = client.customers.list(order="surname", page_size=3)
    assert await pager.count() == 8
    ids = [customer.customer_id async for customer in pager]
    assert ids == list(range(1, 9))
    offsets = [call.request.url.params["offset"] for call in route.calls]
    assert offsets == ["0", "3", "6", "0", "3", "6"]


@pytest.mark.endpoint("get_customer")
async def test_get_customer_parses_the_example(router: respx.MockRouter, client: th.Client) -> None:
    """GET customers/{id}?include_custom_fields=true; company_flag ``""`` is None here."""
    route = router.get("customers/273").mock(return_value=catalog_response("get_customer"))
    customer = await client.customers.get(273, include_custom_fields=True)
    assert_request(
        route.calls.last.request,
        "GET",
        "customers/273",
        query=[("include_custom_fields", "true")],
    )
    assert customer.customer_id == 273
    assert customer.company_flag is None
    assert customer.email == "jan.kowalski@foo.bar"
    assert customer.address is None
    assert customer.custom_fields == {
        "ID": None,
        "Dodatkowe informacje": "Numer dowodu - AXX 121212",
    }


async def test_get_customer_parses_updated_at_in_the_account_zone(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A filled updated_at becomes an aware datetime in Europe/Warsaw."""
    body = {**example("get_customer"), "updated_at": "2024-03-31 02:30", "vip": "1"}
    router.get("customers/273").mock(return_value=json_response(body))
    customer = await client.customers.get("273")
    assert customer.updated_at == dt.datetime(2024, 3, 31, 2, 30, tzinfo=WARSAW)
    assert customer.vip is True


@pytest.mark.endpoint("create_customer")
async def test_create_customer_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST customers carries the doc example; the string id in the answer becomes an int."""
    route = router.post("customers").mock(return_value=catalog_response("create_customer"))
    customer_id = await client.customers.create(
        surname="Kowalski", phone_number=["333444555", "123432234"]
    )
    assert_request(
        route.calls.last.request, "POST", "customers", body=request_example("create_customer")
    )
    assert customer_id == 324


async def test_create_customer_sends_every_field(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Every documented field goes out; None clears a custom field, addresses drop None parts."""
    route = router.post("customers").mock(return_value=catalog_response("create_customer"))
    await client.customers.create(
        surname="Kowalski",
        name="Jan",
        email="jan@foo.bar",
        phone_number="+48111222333",
        company_id="21",
        type="VIP",
        group="partner",
        identifier="X-1",
        gender="M",
        homepage="https://foo.bar",
        birthdate=dt.date(1980, 2, 3),
        nip="6783144527",
        note="",
        pesel="80020312345",
        job="Thulium",
        job_title="CTO",
        account_manager="jkowalski",
        custom_fields={"Kraj": "POLSKA", "Wiek": 44, "Stare": None},
        fill_read_only_custom_fields=True,
        vip=False,
        address=Address(city="Krakow", street="Zlotej Jesieni", flat=None),
        invoice_address={"city": "Warszawa", "flat": None},
        mail_drop_address={"postcode": "31-827"},
    )
    assert sent_json(route.calls.last.request) == {
        "name": "Jan",
        "surname": "Kowalski",
        "type": "VIP",
        "group": "partner",
        "identifier": "X-1",
        "gender": "M",
        "homepage": "https://foo.bar",
        "nip": "6783144527",
        "note": "",
        "pesel": "80020312345",
        "job": "Thulium",
        "job_title": "CTO",
        "account_manager": "jkowalski",
        "custom_fields": {"Kraj": "POLSKA", "Wiek": "44", "Stare": ""},
        "fill_read_only_custom_fields": True,
        "vip": False,
        "address": {"city": "Krakow", "street": "Zlotej Jesieni"},
        "invoice_address": {"city": "Warszawa"},
        "mail_drop_address": {"postcode": "31-827"},
        "email": "jan@foo.bar",
        "phone_number": "+48111222333",
        "company_id": 21,
        "birthdate": "1980-02-03",
    }


@pytest.mark.endpoint("update_customer")
async def test_update_customer_sends_only_the_given_fields(
    router: respx.MockRouter, client: th.Client
) -> None:
    """PUT customers/{id} carries the doc example (a single phone stays a string)."""
    route = router.put("customers/12").mock(return_value=catalog_response("update_customer"))
    result = await client.customers.update(12, surname="Kowalski", phone_number="333444555")
    assert_request(
        route.calls.last.request, "PUT", "customers/12", body=request_example("update_customer")
    )
    assert result is None


async def test_update_customer_clears_fields_with_empty_strings(
    router: respx.MockRouter, client: th.Client
) -> None:
    """``""`` clears a text field (not the surname) and None a custom field; None args stay out."""
    route = router.put("customers/12").mock(return_value=httpx.Response(204))
    await client.customers.update(
        12, name="", identifier="", custom_fields={"Kraj": None}, email=["a@b.pl", "c@d.pl"]
    )
    assert sent_json(route.calls.last.request) == {
        "name": "",
        "identifier": "",
        "custom_fields": {"Kraj": ""},
        "email": ["a@b.pl", "c@d.pl"],
    }


@pytest.mark.endpoint("delete_customer")
async def test_delete_customer(router: respx.MockRouter, client: th.Client) -> None:
    """DELETE customers/{id} with no query and no body."""
    route = router.delete("customers/13").mock(return_value=catalog_response("delete_customer"))
    assert await client.customers.delete(13) is None
    assert_request(route.calls.last.request, "DELETE", "customers/13")


@pytest.mark.endpoint("add_customer_note")
async def test_add_customer_note_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST customers/{id}/notes carries message and user_login; the empty answer is fine."""
    route = router.post("customers/123/notes").mock(
        return_value=catalog_response("add_customer_note")
    )
    await client.customers.notes.create(123, message="Notatka", user_login="login_agenta")
    assert_request(
        route.calls.last.request,
        "POST",
        "customers/123/notes",
        body=request_example("add_customer_note"),
    )


@pytest.mark.endpoint("add_customer_feed_record")
@pytest.mark.parametrize("encoded", [True, False])
async def test_add_feed_record_sends_the_payload_as_a_json_string(
    router: respx.MockRouter, client: th.Client, encoded: bool
) -> None:
    """POST customers/{id}/feed_records: a string payload as is, data JSON-encoded to the same."""
    route = router.post("customers/23/feed_records").mock(
        return_value=catalog_response("add_customer_feed_record")
    )
    documented = request_example("add_customer_feed_record")
    payload = documented["payload"] if encoded else json.loads(documented["payload"])
    await client.customers.feed_records(23, type="ZOWIE", payload=payload)
    assert_request(route.calls.last.request, "POST", "customers/23/feed_records", body=documented)


@pytest.mark.endpoint("list_customer_ids_by_campaign_status")
async def test_customer_ids_by_campaign_status_send_both_arrays(
    router: respx.MockRouter, client: th.Client
) -> None:
    """The doc example's arrays go out as repeated ``name[]=`` runs; ids come back as ints."""
    route = router.get("customer_id_by_outbound_status").mock(
        return_value=catalog_response("list_customer_ids_by_campaign_status")
    )
    ids = await client.customer_id_by_outbound_status.list(
        outbound_id=["00002", 3], status_id=[1, "1"]
    )
    assert_request(
        route.calls.last.request,
        "GET",
        "customer_id_by_outbound_status",
        query=[
            ("outbound_id[]", "00002"),
            ("outbound_id[]", "00003"),
            ("status_id[]", "1"),
            ("status_id[]", "1"),
        ],
    )
    assert ids == [1, 2, 3, 4, 5, 6, 7]


async def test_customer_ids_by_campaign_status_with_single_values(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Single values are sent as one-item arrays; lists of different lengths are allowed."""
    route = router.get("customer_id_by_outbound_status").mock(
        return_value=json_response({"customer_id": []})
    )
    assert await client.customer_id_by_outbound_status.list(outbound_id="00010", status_id=1) == []
    await client.customer_id_by_outbound_status.list(outbound_id="00010", status_id=[1, 2])
    assert sent_query(route.calls.last.request) == [
        ("outbound_id[]", "00010"),
        ("status_id[]", "1"),
        ("status_id[]", "2"),
    ]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.customers.list(order="surname,-age"), "order"),
        (lambda c: c.customers.list(custom_fields={"Kraj]": "x"}), "custom_fields key"),
        (lambda c: c.customers.list(custom_fields={"Kraj": []}), "custom_fields[Kraj]"),
        (lambda c: c.customers.list(custom_fields={"Kraj": [None]}), "custom_fields[Kraj][0]"),
        (lambda c: c.customers.list(phone_number="12-34"), "phone_number"),
        (lambda c: c.customers.list(company_id=0), "company_id"),
        (lambda c: c.customers.list(company_flag=1), "company_flag"),
        (lambda c: c.customers.list(page_size=1001), "page_size"),
        (lambda c: c.customers.get(0), "id"),
        (lambda c: c.customers.create(surname=""), "surname"),
        (lambda c: c.customers.create(surname="K", email="nope"), "email"),
        (lambda c: c.customers.create(surname="K", phone_number=["1", "x"]), "phone_number[1]"),
        (lambda c: c.customers.create(surname="K", birthdate="3.2.1980"), "birthdate"),
        (lambda c: c.customers.create(surname="K", vip="yes"), "vip"),
        (lambda c: c.customers.create(surname="K", address={"zip": "1"}), "address.zip"),
        (lambda c: c.customers.create(surname="K", address=Address(county="x")), "address.county"),
        (lambda c: c.customers.create(surname="K", custom_fields={"A": [1]}), "custom_fields['A']"),
        (lambda c: c.customers.update(5), "update"),
        (lambda c: c.customers.update(5, surname=""), "surname"),
        (lambda c: c.customers.delete("abc"), "id"),
        (lambda c: c.customers.notes.create(1, message=" "), "message"),
        (lambda c: c.customers.notes.create(1, message="x", user_login=""), "user_login"),
        (lambda c: c.customers.feed_records(1, type="", payload="[]"), "type"),
        (lambda c: c.customers.feed_records(1, type="ZOWIE", payload={1, 2}), "payload"),
        (
            lambda c: c.customer_id_by_outbound_status.list(outbound_id=[], status_id=1),
            "outbound_id",
        ),
        (
            lambda c: c.customer_id_by_outbound_status.list(outbound_id="1", status_id=1),
            "outbound_id[0]",
        ),
        (lambda c: c.customer_id_by_outbound_status.list(outbound_id=1, status_id=[]), "status_id"),
    ],
)
async def test_bad_customer_input_is_refused_before_any_request(
    guard: respx.MockRouter, client: th.Client, call: object, field: str
) -> None:
    """Each bad argument raises InputError naming the field, and nothing is sent."""
    with pytest.raises(errors.InputError) as caught:
        await attempt(call, client)
    assert caught.value.field == field
    assert guard.calls.call_count == 0
