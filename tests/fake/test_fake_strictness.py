"""Undocumented parameters and fields: strict answers 400 naming them, lenient ignores them."""

from __future__ import annotations

import httpx2
import pytest
from fake_support import AUTH, error, populate

from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium


@pytest.fixture(params=[True, False], ids=["strict", "lenient"])
async def both(request):
    fake = populate(FakeThulium(strict=request.param))
    async with httpx2.AsyncClient(
        transport=fake.transport(), base_url=IN_PROCESS_BASE_URL, auth=AUTH
    ) as client:
        yield fake, client


async def test_misspelt_filter_in_a_lookup_before_create(both):
    """The dangerous case: lenient answers as if the filter were absent."""
    fake, client = both
    fake.add_customer(surname="Other", phone_number="600999999")
    response = await client.get("customers", params={"phone": "600100200"})
    if fake.strict:
        assert error(response) == (400, "Unknown query parameter(s): phone.", 3018)
    else:
        # every customer comes back, so "does 600100200 exist?" wrongly looks like yes
        assert [c["surname"] for c in response.json()] == ["Other"]


async def test_array_parameters_need_their_brackets(both):
    fake, client = both
    fake.add_record("00001", "600100200", status_id=1)
    fake.add_record("00001", "600100201", status_id=3)
    response = await client.get("outbounds/00001/records", params={"status_id": "3"})
    if fake.strict:
        assert error(response)[:2] == (400, "Unknown query parameter(s): status_id.")
    else:
        assert response.json()["count"] == 2  # unfiltered


async def test_misspelt_body_field(both):
    fake, client = both
    response = await client.post(
        "outbounds/00001/records",
        json={"phone_number": "600100200", "nextCallDate": "x", "colour": 1},
    )
    if fake.strict:
        assert error(response)[:2] == (
            400,
            "Unknown field(s) in the request body: colour, nextCallDate.",
        )
        assert fake.records("00001") == []
    else:
        assert response.status_code == 201
        assert fake.records("00001")[0]["next_call_date"] == ""


async def test_misspelt_required_field_is_treated_as_absent_when_lenient(both):
    fake, client = both
    response = await client.post("outbounds/00001/records", json={"phone": "600100200"})
    expected = (
        "Unknown field(s) in the request body: phone."
        if fake.strict
        else "phone_number is required."
    )
    assert error(response)[:2] == (400, expected)


async def test_delete_parameters_sent_in_a_body(both):
    fake, client = both
    fake.add_record("00001", "600100200")
    response = await client.request(
        "DELETE", "batch/outbounds/00001/records", json={"phone_number[]": ["600100200"]}
    )
    if fake.strict:
        assert error(response)[:2] == (400, "Unknown field(s) in the request body: phone_number[].")
    else:
        assert error(response)[:2] == (400, "phone_number[] is required.")
    assert len(fake.records("00001")) == 1


async def test_unknown_campaign_parameter_key(both):
    fake, client = both
    change = {"parameters": {"caller_id": "123", "ring_time": 20}}
    response = await client.put("outbounds/00001", json=change)
    if fake.strict:
        assert error(response)[:2] == (
            400,
            "Unknown field(s) in the request body: parameters.ring_time.",
        )
    else:
        assert response.status_code == 204


async def test_documented_rules_hold_in_both_modes(both):
    _, client = both
    body = {"phone_number": "600100200", "record_fields": {"colour": "x"}}
    assert error(await client.post("outbounds/00001/records", json=body))[0] == 400
    assert error(await client.get("outbounds/00001/records", params={"limit": 101}))[0] == 400


def test_strictness_can_be_switched(fake):
    fake.strict = False
    assert fake.strict is False


async def test_the_default_ignores_undocumented_params_and_counts_and_logs_them(caplog):
    """FakeThulium() answers as Thulium would: 200, the names counted, one warning each."""
    caplog.set_level("WARNING", logger="thulium_async.testing")
    fake = FakeThulium()
    assert fake.strict is False
    async with httpx2.AsyncClient(
        transport=fake.transport(), base_url=IN_PROCESS_BASE_URL, auth=AUTH
    ) as http:
        for _ in range(3):
            response = await http.get("tickets", params={"page": "2", "per_page": "20"})
            assert response.status_code == 200
    assert fake.counters.ignored_params == {
        ("GET tickets", "page"): 3,
        ("GET tickets", "per_page"): 3,
    }
    assert fake.counters.summary()["ignored_params"] == {
        "GET tickets ?page": 3,
        "GET tickets ?per_page": 3,
    }
    warnings = [r.getMessage() for r in caplog.records if r.name == "thulium_async.testing"]
    assert len(warnings) == 2
    assert "ignored the undocumented query parameter 'page' of GET tickets" in warnings[0]
