"""The typed client against FakeThulium's CRM area: companies, notes, feed, field groups."""

from __future__ import annotations

import datetime as dt

import pytest

from thulium_async import errors
from thulium_async.models import (
    Address,
    Company,
    CreatedCompany,
    CustomerField,
    CustomerFieldGroup,
    CustomerFieldGroupItem,
    CustomerFieldValue,
)
from thulium_async.testing import FakeThulium

KRAKOW = Address(
    street="Zlotej Jesieni",
    building="7",
    postcode="31-827",
    city="Krakow",
    country="Poland",
)


def clocked() -> FakeThulium:
    fake = FakeThulium(strict=True, wall_clock=lambda: dt.datetime(2024, 5, 6, 7, 8, 9))
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    return fake


async def test_company_lifecycle(connect) -> None:
    """Create, read (both shapes), search, change and delete a company; people detach."""
    fake = clocked()
    fake.add_company(name="Beta", nip="222", identifier="B-1")
    async with connect(fake)() as client:
        created = await client.companies.create(
            name="Thulium",
            nip="6783144527",
            identifier="3434558",
            phone_number=["123456789", "987654321"],
            email="thulium@example.com",
            type="internal",
            group="partner",
            address=KRAKOW,
            custom_fields={"Additional info": "none"},
        )
        assert created == CreatedCompany(company_id=2, customer_id=2)
        person = await client.customers.create(surname="Nowak", company_id=created.company_id)

        got = await client.companies.get(2, include_address=True, include_custom_fields=True)
        assert got == Company(
            company_id=2,
            name="Thulium",
            customer_id=2,
            type="internal",
            group="partner",
            nip="6783144527",
            account_manager=None,
            address=KRAKOW,
            custom_fields={"Additional info": "none"},
        )
        listed = await client.companies.list(order="-name").to_list()
        assert [c.name for c in listed] == ["Thulium", "Beta"]
        thulium = listed[0]
        assert (thulium.identifier, thulium.phone_number, thulium.emails) == (
            "3434558",
            "123456789",
            ["thulium@example.com"],
        )
        assert thulium.phone_numbers == ["123456789", "987654321"]
        without_identifier = await client.companies.list(identifier="").to_list()
        assert without_identifier == []
        by_field = await client.companies.list(custom_fields={"Additional info": "none"}).to_list()
        assert [c.company_id for c in by_field] == [2]

        await client.companies.update(2, name="Thulium SA", vip=True, address={"flat": "3"})
        changed = await client.companies.get(2, include_address=True)
        assert changed.name == "Thulium SA"
        assert changed.address is not None
        assert (changed.address.flat, changed.address.city) == ("3", "Krakow")
        with pytest.raises(errors.ValidationError) as taken:
            await client.companies.update(2, nip="222")
        assert taken.value.messages == ["NIP 222 is already used by another company."]

        await client.companies.delete(2)
        with pytest.raises(errors.NotFoundError):
            await client.companies.get(2)
        assert (await client.customers.get(person)).company_id is None
    assert [c["name"] for c in fake.companies()] == ["Beta"]


async def test_notes_and_feed_records(connect) -> None:
    """A note with its author and a ZOWIE feed record reach the customer's history."""
    fake = clocked()
    customer = fake.add_customer(customer_id=23)
    async with connect(fake)() as client:
        await client.customers.notes.create(customer, message="Notatka", user_login="jkowalski")
        messages = [{"id": "sample-id", "type": "text", "payload": {"message": "Hi"}}]
        await client.customers.feed_records(customer, type="ZOWIE", payload=messages)
        with pytest.raises(errors.ValidationError) as refused:
            await client.customers.notes.create(customer, message="x", user_login="nobody")
        assert refused.value.messages == ["Agent not found."]
        with pytest.raises(errors.NotFoundError):
            await client.customers.notes.create(99, message="x")
    assert fake.customer_notes(customer) == ["Notatka"]
    note, record = fake.customer_feed(customer)
    assert (note["type"], note["user_login"], note["created_at"]) == (
        "NOTE",
        "jkowalski",
        "2024-05-06 07:08:09",
    )
    assert record["type"] == "ZOWIE"
    assert record["payload"] == ('[{"id":"sample-id","type":"text","payload":{"message":"Hi"}}]')


async def test_customer_ids_by_campaign_status(connect) -> None:
    """Customers whose CRM record has the statuses, from one or two campaigns."""
    fake = clocked()
    fake.add_campaign("00002", crm=True)
    fake.add_campaign("00003", crm=True)
    for customer_id in (5, 3, 4):
        fake.add_customer(customer_id=customer_id)
    async with connect(fake)() as client:
        first = {
            s.system_status.value: s.status_id
            for s in await client.outbounds.statuses.list("00002")
        }
        second = {
            s.system_status.value: s.status_id
            for s in await client.outbounds.statuses.list("00003")
        }
        fake.add_record("00002", customer_id=5)
        fake.add_record("00002", customer_id=3, status_id=first["NO_CALL"])
        fake.add_record("00003", customer_id=4)
        fresh = await client.customer_id_by_outbound_status.list(
            outbound_id=["00002", "00003"], status_id=[first["TO_CALL"], second["TO_CALL"]]
        )
        assert fresh == [4, 5]
        assert await client.customer_id_by_outbound_status.list(
            outbound_id="00002", status_id=first["NO_CALL"]
        ) == [3]
        assert (
            await client.customer_id_by_outbound_status.list(
                outbound_id="00003", status_id=second["NO_CALL"]
            )
            == []
        )
        with pytest.raises(errors.NotFoundError):
            await client.customer_id_by_outbound_status.list(outbound_id="00009", status_id=1)


async def test_field_groups_and_items(connect) -> None:
    """Groups list their fields; a new row reads back and fills the customer's custom fields."""
    fake = clocked()
    fake.add_customer_field_group("Orders", fields={12: "Product", 8: "Count"}, group_id=2)
    customer = fake.add_customer(customer_id=1)
    async with connect(fake)() as client:
        assert await client.customer_field_groups.list() == [
            CustomerFieldGroup(
                group_id=2,
                name="Orders",
                fields=[
                    CustomerField(field_id=12, name="Product"),
                    CustomerField(field_id=8, name="Count"),
                ],
            )
        ]
        item_id = await client.customer_field_group_items.create(
            group_id=2,
            customer_id=customer,
            values=[CustomerFieldValue(field_id=12, value="phone"), {"field_id": 8, "value": 13}],
        )
        assert item_id == 1
        second = await client.customer_field_group_items.create(
            group_id=2, customer_id=customer, values=[{"field_id": 8, "value": 2}]
        )
        assert second == 2
        items = await client.customer_field_group_items.list(
            group_id=2, customer_id=customer, page_size=1
        ).to_list()
        assert items == [
            CustomerFieldGroupItem(
                group_id=2,
                name="Orders",
                fields=[
                    CustomerField(field_id=12, name="Product"),
                    CustomerField(field_id=8, name="Count"),
                ],
            ),
            CustomerFieldGroupItem(
                group_id=2, name="Orders", fields=[CustomerField(field_id=8, name="Count")]
            ),
        ]
        got = await client.customers.get(customer, include_custom_fields=True)
        assert got.custom_fields == {"Product": "phone", "Count": 2}
        with pytest.raises(errors.ValidationError) as refused:
            await client.customer_field_group_items.create(
                group_id=2, customer_id=customer, values=[{"field_id": 9, "value": "x"}]
            )
        assert refused.value.messages == ["Field 9 is not a field of group 2."]
    assert [item["item_id"] for item in fake.customer_field_group_items()] == [1, 2]
