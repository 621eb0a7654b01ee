"""Customer custom-field groups and their item rows, and how they meet customers' custom fields."""

from __future__ import annotations

import pytest
from fake_support import error

from thulium_async.testing import FakeThulium

ORDERS = {12: "Product", 8: "Count", 9: "Confirmed", 10: "Comment"}
ORDERS_FIELDS = [{"field_id": k, "name": v} for k, v in ORDERS.items()]


@pytest.fixture
def groups(fake: FakeThulium) -> FakeThulium:
    """Group 2 "Orders" (fields 12, 8, 9, 10), group 3 "Contracts" (13, 14); customers 1, 2."""
    fake.add_customer_field_group("Orders", fields=ORDERS, group_id=2)
    fake.add_customer_field_group("Contracts", fields=["Number", "Signed"])
    fake.add_customer(customer_id=1, custom_fields={"Kraj": "POLSKA"})
    fake.add_customer(customer_id=2)
    return fake


def row(product: str = "phone") -> dict[str, object]:
    values = [{"field_id": 12, "value": product}, {"field_id": 8, "value": 13}]
    return {"group_id": 2, "customer_id": 1, "values": values}


async def test_groups_list_every_group_with_its_fields(api, groups):
    response = await api.get("customer_field_groups")
    assert (response.status_code, response.json()) == (
        200,
        {
            "count": 2,
            "result": [
                {"group_id": 2, "name": "Orders", "fields": ORDERS_FIELDS},
                {
                    "group_id": 3,
                    "name": "Contracts",
                    "fields": [
                        {"field_id": 13, "name": "Number"},
                        {"field_id": 14, "name": "Signed"},
                    ],
                },
            ],
        },
    )
    assert groups.customer_field_groups() == response.json()["result"]


async def test_an_account_without_groups(http):
    response = await http.get("customer_field_groups")
    assert response.json() == {"count": 0, "result": []}
    assert error(await http.get("customer_field_groups", params={"limit": "5"}))[:2] == (
        400,
        "Unknown query parameter(s): limit.",
    )


async def test_group_fields_are_custom_fields_that_items_fill(api, groups):
    created = await api.post("customer_field_group_items", json=row())
    assert (created.status_code, created.json()) == (201, {"item_id": 1})
    customer = (await api.get("customers/1", params={"include_custom_fields": "true"})).json()
    assert customer["custom_fields"] == {
        "Product": "phone",
        "Count": 13,
        "Confirmed": None,
        "Comment": None,
        "Number": None,
        "Signed": None,
        "Kraj": "POLSKA",
    }
    found = await api.get("customers", params={"custom_fields[Product]": "phone"})
    assert [c["customer_id"] for c in found.json()] == [1]
    # The newest row wins; "" clears, as in customer bodies.
    again = {"group_id": 2, "customer_id": 1, "values": [{"field_id": 12, "value": ""}]}
    assert (await api.post("customer_field_group_items", json=again)).json() == {"item_id": 2}
    assert groups.customers()[0]["custom_fields"]["Product"] is None
    assert [item["values"] for item in groups.customer_field_group_items(customer_id=1)] == [
        [{"field_id": 12, "value": "phone"}, {"field_id": 8, "value": 13}],
        [{"field_id": 12, "value": ""}],
    ]


async def test_items_list_filters_counts_and_pages(api, groups):
    groups.add_customer_field_group_item(customer_id=1, group_id=2, values={"Product": "a"})
    groups.add_customer_field_group_item(
        customer_id=2, group_id=2, values={12: "b", "Comment": "c"}
    )
    groups.add_customer_field_group_item(customer_id=1, group_id=3, values={"Number": "N-1"})

    async def listed(**query: str) -> tuple[int, list[tuple[int, list[int]]]]:
        response = await api.get("customer_field_group_items", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        rows = [(r["group_id"], [f["field_id"] for f in r["fields"]]) for r in body["result"]]
        return body["count"], rows

    assert await listed() == (3, [(2, [12]), (2, [12, 10]), (3, [13])])
    assert await listed(customer_id="1") == (2, [(2, [12]), (3, [13])])
    assert await listed(group_id="2", customer_id="2") == (1, [(2, [12, 10])])
    assert await listed(limit="1", offset="1") == (3, [(2, [12, 10])])
    assert await listed(group_id="99") == (0, [])
    assert (await api.get("customer_field_group_items", params={"group_id": "2"})).json()["result"][
        1
    ] == {
        "group_id": 2,
        "name": "Orders",
        "fields": [{"field_id": 12, "name": "Product"}, {"field_id": 10, "name": "Comment"}],
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": "1001"}, "limit must not be greater than 1000."),
        ({"group_id": "x"}, "Invalid value of group_id: expected an integer."),
        ({"customer_id": "1.5"}, "Invalid value of customer_id: expected an integer."),
        ({"field_id": "12"}, "Unknown query parameter(s): field_id."),
    ],
)
async def test_items_list_refuses_bad_queries(http, groups, query, message):
    assert error(await http.get("customer_field_group_items", params=query))[:2] == (400, message)


def changed(**changes: object) -> dict[str, object]:
    return {**row(), **changes}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"customer_id": 1, "values": row()["values"]}, "group_id is required."),
        (changed(group_id=7), "Customer field group not found."),
        (changed(group_id="two"), "Invalid value of group_id: expected an integer."),
        (changed(customer_id=None), "customer_id is required."),
        (changed(customer_id=9), "Customer not found."),
        (changed(values=[]), "values must be a non-empty list."),
        (changed(values={"field_id": 12, "value": "x"}), "values must be a non-empty list."),
        (changed(values=["x"]), "Invalid value of values[0]: expected an object."),
        (changed(values=[{"value": "x"}]), "values[0].field_id is required."),
        (changed(values=[{"field_id": 13, "value": "x"}]), "Field 13 is not a field of group 2."),
        (
            changed(values=[{"field_id": 12, "value": "x"}, {"field_id": "12", "value": "y"}]),
            "Invalid value of values[1].field_id: expected each field once.",
        ),
        (changed(values=[{"field_id": 12}]), "values[0].value is required."),
        (
            changed(values=[{"field_id": 12, "value": True}]),
            "Invalid value of values[0].value: expected a string or number.",
        ),
        (
            changed(values=[{"field_id": 12, "value": None}]),
            "Invalid value of values[0].value: expected a string or number.",
        ),
        (
            changed(values=[{"field_id": 12, "value": "x", "name": "Product"}]),
            "Unknown field(s) in the request body: name.",
        ),
        (changed(item_id=5), "Unknown field(s) in the request body: item_id."),
    ],
)
async def test_create_item_refusals(http, groups, body, message):
    assert error(await http.post("customer_field_group_items", json=body))[:2] == (400, message)
    assert groups.customer_field_group_items() == []


async def test_polish_message(http, groups):
    response = await http.post(
        "customer_field_group_items", json=changed(group_id=7), headers={"Accept-Language": "pl"}
    )
    assert error(response) == (400, "Nie znaleziono grupy pól klienta.", 2031)


async def test_deleting_a_customer_deletes_its_rows(http, groups):
    assert (await http.post("customer_field_group_items", json=row())).status_code == 201
    assert (await http.delete("customers/1")).status_code == 204
    assert (await http.get("customer_field_group_items")).json() == {"count": 0, "result": []}


def test_group_setup_refuses_impossible_input(groups):
    for args, kwargs, match in [
        (("",), {"fields": ["A"]}, "name"),
        (("X",), {"fields": []}, "at least one field"),
        (("X",), {"fields": ["A", "A"]}, "repeated"),
        (("X",), {"fields": ["Product"]}, "used"),
        (("X",), {"fields": {12: "Other"}}, "field id 12"),
        (("X",), {"fields": ["A"], "group_id": 2}, "already exists"),
    ]:
        with pytest.raises(ValueError, match=match):
            groups.add_customer_field_group(*args, **kwargs)
    # A name customers already carry becomes the group's field.
    assert groups.add_customer_field_group("Geo", fields=["Kraj"]) == 4
    for kwargs, match in [
        ({"customer_id": 1, "group_id": 9, "values": {"A": 1}}, "no field group"),
        ({"customer_id": 9, "group_id": 2, "values": {12: 1}}, "no customer"),
        ({"customer_id": 1, "group_id": 2, "values": {}}, "at least one"),
        ({"customer_id": 1, "group_id": 2, "values": {"Number": 1}}, "not a field"),
    ]:
        with pytest.raises(ValueError, match=match):
            groups.add_customer_field_group_item(**kwargs)
