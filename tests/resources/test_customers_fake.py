"""Customers against the stateful FakeThulium (strict mode): the wire forms round-trip."""

from __future__ import annotations

import thulium_async as th
from thulium_async.models import Address, CustomerUpdate, NewCustomer
from thulium_async.testing import FakeThulium


async def test_customer_lifecycle_round_trips_through_the_fake() -> None:
    """Create, search by custom field and empty phone, update, batch and delete in strict mode."""
    fake = FakeThulium(strict=True)
    async with fake.client(retry=th.RetryPolicy.disabled(), check_statuses=False) as client:
        jan = await client.customers.create(
            surname="Kowalski",
            name="Jan",
            phone_number=["222333444", "213443523"],
            email="jan.kowalski@foo.bar",
            address=Address(city="Krakow", street="Zlotej Jesieni"),
            custom_fields={"Kraj": "POLSKA"},
        )
        anna = await client.customers.create(surname="Nowak", custom_fields={"Kraj": "NORWEGIA"})
        found = await client.customers.list(
            custom_fields={"Kraj": ["POLSKA", "NORWEGIA"]},
            include_custom_fields=True,
            order="-surname",
        ).to_list()
        assert [c.customer_id for c in found] == [anna, jan]
        no_phone = await client.customers.list(phone_number="").to_list()
        assert [c.customer_id for c in no_phone] == [anna]
        await client.customers.update(jan, custom_fields={"Kraj": None}, vip=True)
        got = await client.customers.get(jan, include_custom_fields=True, include_address=True)
        assert got.custom_fields == {"Kraj": None}
        assert got.address is not None
        assert got.address.city == "Krakow"
        created = await client.batch.customers.create(
            [NewCustomer(surname="Lis"), {"surname": "Wilk", "phone_number": "555666777"}]
        )
        assert [(i.index, i.http_status) for i in created.items] == [(0, 201), (1, 201)]
        lis, wilk = (item.customer_id for item in created.items)
        assert lis is not None
        assert wilk is not None
        await client.customers.delete(wilk)
        updated = await client.batch.customers.update(
            [
                CustomerUpdate(customer_id=lis, name="Adam"),
                CustomerUpdate(customer_id=999, name="Z"),
            ]
        )
        assert [(i.key, i.http_status) for i in updated.items] == [(str(lis), 204), ("999", 404)]
        deleted = await client.batch.customers.delete([lis, 999])
        assert [i.http_status for i in deleted.items] == [204, 404]
        await client.customers.delete(anna)
    assert [c["customer_id"] for c in fake.customers()] == [jan]
