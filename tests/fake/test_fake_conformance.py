"""Replays every example of the API catalogue against the fake.

For each simulated endpoint: set up the state the example needs, send the
example request, and check the answer has the example's shape (same keys, same
value types; ``""`` and ``null`` in an example stand for "missing" and match any
type) and the example's values where the request and setup determine them.
Every other endpoint of the catalogue must answer 501.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import conformance_account
import conformance_agents
import conformance_calls
import conformance_chats
import conformance_crm
import conformance_tickets
import httpx2
import pytest
import yaml
from fake_support import AUTH

from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium

CATALOG: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "thulium-api" / "endpoints.yaml").read_text("utf-8")
)
SIMULATED = set(FakeThulium.endpoints())
# Values an answer must repeat from the example when the setup makes them determined.
DETERMINED = {"http_status", "status", "id", "phone_number", "identifier", "customer_id", "login"}
DETERMINED |= {"outbound_id", "message"}


def key(endpoint: dict[str, Any]) -> str:
    return f"{endpoint['method']} {endpoint['path']}"


# -- state each example needs -------------------------------------------------------------


def world() -> FakeThulium:
    fake = FakeThulium(strict=True)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski", number=3113, group_id=3)
    fake.add_agent("anowak", name="Anna", surname="Nowak", number=3422, group_id=3, active=False)
    fake.add_agent("j.doe", name="John", surname="Doe", number=3000, group_id=3)
    return fake


def regular(*fields: str, campaign_id: str = "00001") -> Callable[[FakeThulium], None]:
    def setup(fake: FakeThulium) -> None:
        fake.add_campaign(campaign_id, fields=fields or ("field1", "field2"))

    return setup


def regular_with_record(phone: str = "333444555") -> Callable[[FakeThulium], None]:
    def setup(fake: FakeThulium) -> None:
        fake.add_campaign("00001")
        fake.add_record("00001", phone, identifier="1234567890", status_id=5)

    return setup


def crm_with(
    *customer_ids: int, in_campaign: tuple[int, ...] = (), phone: str = "", status_id: int = 1
) -> Callable[[FakeThulium], None]:
    def setup(fake: FakeThulium) -> None:
        fake.add_campaign("00001", crm=True)
        for customer_id in customer_ids:
            fake.add_customer(customer_id=customer_id, phone_number=phone or f"600100{customer_id}")
        for customer_id in in_campaign:
            fake.add_record(
                "00001", customer_id=customer_id, status_id=status_id, last_note="Last note"
            )

    return setup


def campaigns_with_phone(phone: str, *campaign_ids: str) -> Callable[[FakeThulium], None]:
    def setup(fake: FakeThulium) -> None:
        for campaign_id in campaign_ids:
            fake.add_campaign(campaign_id)
            fake.add_record(campaign_id, phone)

    return setup


def agents_in_campaign(fake: FakeThulium) -> None:
    fake.add_campaign("00001", agents=("jkowalski", "anowak"))


def list_campaigns(fake: FakeThulium) -> None:
    fake.add_campaign("00002", crm=True, name="API test")


def two_active(fake: FakeThulium) -> None:
    fake.add_campaign("00001")
    fake.add_campaign("00002")
    fake.add_record("00001", "600100200", status_id=5)


def queued_and_missing(fake: FakeThulium) -> None:
    fake.add_campaign("00001")
    fake.add_campaign("00003")
    send(fake, "DELETE", "outbounds/00003", None)


def crm_list(fake: FakeThulium) -> None:
    statuses = [
        {"name": "Nowy", "system_status": "TO_CALL", "status_id": 1},
        {"name": "Nie dzwonić", "system_status": "NO_CALL", "status_id": 10},
        {"name": "Oddzwonić", "system_status": "CALL", "status_id": 15},
    ]
    fake.add_campaign("00001", crm=True, statuses=statuses)
    fake.add_customer(customer_id=311, phone_number="5555")
    fake.add_record(
        "00001", customer_id=311, status_id=10, call_date="2016-10-19 14:02", last_note="Ostatnia"
    )


def batch_update_records(fake: FakeThulium) -> None:
    fake.add_campaign("00001", fields=("pole1", "pole2"))
    fake.add_record("00001", "111222333")
    fake.add_record("00001", "555123321")


def batch_delete_records(fake: FakeThulium) -> None:
    fake.add_campaign("00001")
    fake.add_record("00001", "441")
    fake.add_record("00001", "441")


def customer_273(fake: FakeThulium) -> None:
    fake.add_customer(
        customer_id=273,
        name="Jan",
        surname="Kowalski",
        phone_number=["222333444", "213443523"],
        email=["jan.kowalski@foo.bar", "j.kowalski@foo.bar"],
        address={
            "street": "Zlotej Jesieni",
            "building": "7",
            "postcode": "31-827",
            "city": "Krakow",
            "post_office": "Krakow",
            "country": "Poland",
        },
        custom_fields={"ID": None, "Dodatkowe informacje": "Numer dowodu - AXX 121212"},
    )


def customers(*ids: int) -> Callable[[FakeThulium], None]:
    def setup(fake: FakeThulium) -> None:
        for customer_id in ids:
            fake.add_customer(customer_id=customer_id)

    return setup


SETUPS: dict[str, Callable[[FakeThulium], None]] = {
    "list_campaigns": list_campaigns,
    "list_campaign_agents": agents_in_campaign,
    "get_campaign_stats": regular(),
    "list_campaign_statuses": regular(),
    "list_active_campaign_stats": two_active,
    "add_campaign_agents": regular(),
    "clone_campaign": regular(),
    "remove_campaign_agents": agents_in_campaign,
    "set_campaign_agents": regular(),
    "update_campaign": regular(),
    "delete_campaign": regular(),
    "batch_delete_campaigns": queued_and_missing,
    "list_crm_campaign_records": crm_list,
    "get_crm_campaign_record": crm_with(441, in_campaign=(441,), phone="158433367", status_id=5),
    "create_crm_campaign_record": crm_with(441),
    "copy_crm_campaign_record_notes": crm_with(441, in_campaign=(441,)),
    "update_crm_campaign_record": crm_with(441, in_campaign=(441,)),
    "delete_crm_campaign_record": crm_with(441, in_campaign=(441,)),
    "batch_create_crm_campaign_records": crm_with(441, 445, in_campaign=(445,)),
    "batch_delete_crm_campaign_records": crm_with(441, in_campaign=(441,)),
    "create_campaign_record": regular(),
    "list_campaign_records": regular_with_record("5555"),
    "get_campaign_record_by_phone": regular_with_record(),
    "get_campaign_record_by_identifier": regular_with_record(),
    "update_campaign_record_by_phone": regular_with_record(),
    "update_campaign_record_by_identifier": regular_with_record(),
    "delete_campaign_record_by_phone": regular_with_record(),
    "delete_campaign_record_by_identifier": regular_with_record(),
    "list_campaigns_by_phone": campaigns_with_phone("333444555", "00001", "00002"),
    "set_campaign_status_by_phone": campaigns_with_phone("111222333", "00001", "00002", "00003"),
    "batch_create_campaign_records": regular("field1"),
    "batch_update_campaign_records": batch_update_records,
    "batch_delete_campaign_records": batch_delete_records,
    "list_customers": customer_273,
    "get_customer": customer_273,
    "update_customer": customers(12),
    "delete_customer": customers(13),
    "batch_update_customers": customers(13),
    "batch_delete_customers": customers(13),
}
# Each area beyond campaigns and customers keeps its tables in conformance_<area>.py.
AREA_TABLES = (
    conformance_agents,
    conformance_chats,
    conformance_crm,
    conformance_tickets,
    conformance_calls,
    conformance_account,
)
for _area in AREA_TABLES:
    SETUPS.update(_area.SETUPS)
# Errors of the documentation corrected before replaying (each is noted in the catalogue):
# a "METHOD target" line, or (method, target, raw body) for non-JSON bodies.
REQUEST_FIXES: dict[str, str | tuple[str, str, bytes]] = {
    # "doc example uses '12' as id instead of a five-character id"
    "delete_campaign": "DELETE outbounds/00001?delete_recordings=true",
    # "doc example leaves a ':record_id' placeholder in the URL"
    "delete_campaign_record_by_identifier": (
        "DELETE outbounds/00001/records_by_identifier/1234567890"
    ),
}
# Values the example shows but the request does not determine.
FREE_VALUES: dict[str, set[str]] = {
    "list_agents": {"login"},  # the account's agents, not the request's
    "create_campaign": {"outbound_id"},  # the account's internal number
    "create_customer": {"customer_id"},  # the next id of the account
    # the doc's message ("Phone number must be numeric.") does not match its own input
    "batch_create_customers": {"customer_id", "message"},
}
# Keys the fake adds on purpose (see thulium_async.testing.campaigns._views.record_view).
EXTRA_KEYS = {"record_fields"}
# catalog name -> keys documented beside a truncated example (the area tables say which).
ENDPOINT_EXTRA_KEYS: dict[str, set[str]] = {}
for _area in AREA_TABLES:
    REQUEST_FIXES.update(_area.REQUEST_FIXES)
    FREE_VALUES.update(_area.FREE_VALUES)
    ENDPOINT_EXTRA_KEYS.update(_area.EXTRA_KEYS)


# -- request building and comparison ------------------------------------------------------


def path_params(endpoint: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: str(p.get("example", "x")) for p in endpoint["params"] if p["in"] == "path"}


def build_request(endpoint: dict[str, Any]) -> tuple[str, str, Any]:
    """(method, path with query, JSON body, raw bytes or None) from the example."""
    example = REQUEST_FIXES.get(endpoint["name"], endpoint.get("request_example") or "")
    if isinstance(example, tuple):
        return example
    first = example.strip().split(maxsplit=1)
    if first and first[0] == endpoint["method"]:
        return endpoint["method"], first[1], None
    path = endpoint["path"].format(**path_params(endpoint))
    return endpoint["method"], path, json.loads(example) if example.strip() else None


def send(fake: FakeThulium, method: str, target: str, body: Any) -> httpx2.Response:
    """One request in process; these tests are synchronous, so each runs its own loop."""

    async def go() -> httpx2.Response:
        transport = fake.transport()
        async with httpx2.AsyncClient(
            transport=transport, base_url=IN_PROCESS_BASE_URL, auth=AUTH
        ) as c:
            if isinstance(body, bytes):
                return await c.request(method, target, content=body)
            return await c.request(method, target, json=body)

    return asyncio.run(go())


def assert_conforms(
    example: Any,
    actual: Any,
    free: set[str],
    where: str = "$",
    extra_keys: frozenset[str] = frozenset(),
) -> None:
    if example in ("", None):
        return  # the docs' "missing value": any type may stand here
    if isinstance(example, dict):
        assert isinstance(actual, dict), where
        missing = example.keys() - actual.keys()
        extra = actual.keys() - example.keys() - EXTRA_KEYS - extra_keys
        assert not missing, f"{where}: missing {sorted(missing)}"
        assert not extra, f"{where}: unexpected {sorted(extra)}"
        for name, value in example.items():
            assert_conforms(value, actual[name], free, f"{where}.{name}", extra_keys)
            if name in DETERMINED and name not in free:
                assert actual[name] == value, f"{where}.{name}: {actual[name]!r} != {value!r}"
    elif isinstance(example, list):
        assert isinstance(actual, list), where
        assert actual or not example, f"{where}: empty"
        for index, item in enumerate(actual):
            item_example = example[min(index, len(example) - 1)]
            assert_conforms(item_example, item, free, f"{where}[{index}]", extra_keys)
    elif isinstance(example, bool):
        assert isinstance(actual, bool), where
    elif isinstance(example, (int, float)):
        assert isinstance(actual, (int, float)), where
        assert not isinstance(actual, bool), where
    else:
        assert isinstance(actual, str), f"{where}: {actual!r}"


SIMULATED_EXAMPLES = [e for e in CATALOG if key(e) in SIMULATED]
OTHERS = [e for e in CATALOG if key(e) not in SIMULATED]


def test_the_simulated_set_is_the_issue_scope():
    """Every current endpoint is simulated; legacy ones answer 501."""
    current = {key(e) for e in CATALOG if e["lifecycle"] == "current"}
    assert current == SIMULATED


@pytest.mark.parametrize("endpoint", SIMULATED_EXAMPLES, ids=lambda e: e["name"])
def test_example_replays(endpoint):
    fake = world()
    SETUPS.get(endpoint["name"], lambda _: None)(fake)
    method, target, body = build_request(endpoint)
    response = send(fake, method, target, body)
    assert response.status_code == endpoint["success_status"], response.text
    example = endpoint.get("response_example")
    kind = endpoint.get("response_body", "empty")
    if kind == "empty":
        assert response.content == b""
    elif kind.startswith("binary"):
        assert response.content
        assert not response.headers["content-type"].startswith("application/json")
    elif not example:
        # "json (shape unknown)": the docs show no answer, so only its form is checked.
        assert response.headers["content-type"].startswith("application/json")
        assert response.json() is not None
    else:
        free = FREE_VALUES.get(endpoint["name"], set())
        extra = frozenset(ENDPOINT_EXTRA_KEYS.get(endpoint["name"], ()))
        assert_conforms(json.loads(example), response.json(), free, extra_keys=extra)


@pytest.mark.parametrize("endpoint", OTHERS, ids=lambda e: e["name"])
def test_everything_else_answers_501(endpoint):
    path = endpoint["path"].format(**path_params(endpoint))
    response = send(world(), endpoint["method"], path, None)
    assert response.status_code == 501
    message = f"not simulated by FakeThulium: {endpoint['method']} {path}"
    assert response.json()["errors"] == [{"message": message, "code": 1501}]
