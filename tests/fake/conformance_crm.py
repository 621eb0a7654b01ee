"""Conformance tables of the crm area: the state each catalog example needs, doc fixes."""

from __future__ import annotations

from collections.abc import Callable

from thulium_async.testing import FakeThulium

ORDERS = {12: "Product", 8: "Count", 9: "Confirmed", 10: "Comment"}


def thulium(company_id: int) -> Callable[[FakeThulium], None]:
    """The company of the docs' examples (record 13) under ``company_id``."""

    def setup(fake: FakeThulium) -> None:
        fake.add_company(
            company_id=company_id,
            customer_id=13,
            name="Thulium",
            identifier="3434558",
            phone_number=["123456789", "987654321"],
            email=["thulium@example.com", "thulium.bok@example.com"],
            type="internal",
            group="partner",
            nip="6783144527",
            address={
                "street": "Zlotej Jesieni",
                "building": "7",
                "postcode": "31-827",
                "city": "Krakow",
                "post_office": "Krakow",
                "country": "Poland",
            },
            custom_fields={"ID": None, "Additional info": "none"},
        )

    return setup


def customer(customer_id: int, *, agent: str = "") -> Callable[[FakeThulium], None]:
    def setup(fake: FakeThulium) -> None:
        if agent:
            fake.add_agent(agent)
        fake.add_customer(customer_id=customer_id)

    return setup


def seven_in_status_1(fake: FakeThulium) -> None:
    """CRM campaigns 00002 (statuses 1-8) and 00003; customers 1-7 new in 00002."""
    fake.add_campaign("00002", crm=True)
    fake.add_campaign("00003", crm=True)
    for customer_id in range(1, 8):
        fake.add_customer(customer_id=customer_id, phone_number=f"60010020{customer_id}")
        fake.add_record("00002", customer_id=customer_id, status_id=1)
    fake.add_customer(customer_id=8)
    fake.add_record("00003", customer_id=8, status_id=9)


def orders(group_id: int, *, item_for: int | None = None) -> Callable[[FakeThulium], None]:
    """The docs' "Orders" group under ``group_id``; customer 1 (and a row for ``item_for``)."""

    def setup(fake: FakeThulium) -> None:
        fake.add_customer_field_group("Orders", fields=ORDERS, group_id=group_id)
        fake.add_customer(customer_id=1)
        if item_for is not None:
            fake.add_customer(customer_id=item_for)
            fake.add_customer_field_group_item(
                customer_id=item_for, group_id=group_id, values={"Product": "phone", 8: 13}
            )

    return setup


# catalog name -> setup of the fake before the example request is replayed
SETUPS: dict[str, Callable[[FakeThulium], None]] = {
    "list_companies": thulium(28),
    "get_company": thulium(28),
    "update_company": thulium(23),
    "delete_company": thulium(13),
    "add_customer_note": customer(123, agent="login_agenta"),
    "add_customer_feed_record": customer(23),
    "list_customer_ids_by_campaign_status": seven_in_status_1,
    "list_customer_field_groups": orders(2),
    "list_customer_field_group_items": orders(1, item_for=123),
    "create_customer_field_group_item": orders(2),
    "update_customer_field_group_item": orders(2, item_for=5),
    "delete_customer_field_group_item": orders(2, item_for=5),
}
# catalog name -> "METHOD target", or (method, target, raw body), correcting the doc's example
REQUEST_FIXES: dict[str, str | tuple[str, str, bytes]] = {
    # observed endpoints: the fake numbers rows from 1, the example names row 38
    "update_customer_field_group_item": (
        "PUT",
        "customer_field_group_items/1",
        b'{"values": [{"field_id": 12, "value": "tablet"}]}',
    ),
    "delete_customer_field_group_item": "DELETE customer_field_group_items/1",
}
# catalog name -> keys whose example values the request does not determine
FREE_VALUES: dict[str, set[str]] = {
    "create_company": {"customer_id"},  # the id of the company's new record: the account's next
}
# catalog name -> keys the answer has beyond a truncated example's (none in this area)
EXTRA_KEYS: dict[str, set[str]] = {}
