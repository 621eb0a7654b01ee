"""Authentication, error bodies, 404s, Polish messages and the 501 for unsimulated paths."""

from __future__ import annotations

import httpx2
import pytest
from fake_support import error

from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium


@pytest.mark.parametrize(
    "auth", [("api_user", "wrong"), ("someone", "api_pass"), None], ids=["password", "user", "none"]
)
async def test_wrong_credentials_get_401_and_change_nothing(api, fake, auth):
    api.auth = auth
    response = await api.post("outbounds/00001/records", json={"phone_number": "600100200"})
    assert error(response) == (401, "Authentication failed: wrong user or password.", 1001)
    assert fake.records("00001") == []


async def test_basic_scheme_is_case_insensitive(fake):
    transport = fake.transport()
    async with httpx2.AsyncClient(transport=transport, base_url=IN_PROCESS_BASE_URL) as client:
        # base64("api_user:api_pass")
        headers = {"Authorization": "basic YXBpX3VzZXI6YXBpX3Bhc3M="}
        assert (await client.get("agents", headers=headers)).status_code == 200


async def test_credentials_are_the_constructor_arguments():
    fake = FakeThulium("robot", "s3cret", strict=True)
    transport = fake.transport()
    async with httpx2.AsyncClient(transport=transport, base_url=IN_PROCESS_BASE_URL) as client:
        assert (await client.get("agents", auth=("robot", "s3cret"))).status_code == 200
        assert (await client.get("agents", auth=("api_user", "api_pass"))).status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "message"),
    [
        ("GET", "outbounds/99999/records", "Campaign not found."),
        ("PUT", "outbounds/99999", "Campaign not found."),
        ("GET", "outbounds/12/stats", "Campaign not found."),  # ids are five digits
        ("GET", "outbounds/00001/records/600999999", "Record not found."),
        ("DELETE", "outbounds/00001/records_by_identifier/nope", "Record not found."),
        ("GET", "crm_outbounds/00002/records/77", "Record not found."),
        ("GET", "customers/404", "Customer not found."),
        ("GET", "customers/abc", "Customer not found."),
        ("GET", "agents/nobody", "Agent not found."),
    ],
)
async def test_unknown_ids_get_404(api, method, path, message):
    response = await api.request(method, path, json={} if method == "PUT" else None)
    assert error(response)[:2] == (404, message)


async def test_error_codes_are_stable_per_kind(http):
    first = await http.get("outbounds/99999/stats")
    second = await http.get("outbounds/99998/agents")
    assert error(first)[2] == error(second)[2] == 2001
    assert first.json()["request_id"] != second.json()["request_id"]


async def test_polish_messages_with_accept_language_pl(api):
    headers = {"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"}
    response = await api.get("outbounds/99999/records", headers=headers)
    assert error(response) == (404, "Nie znaleziono kampanii.", 2001)
    response = await api.post(
        "outbounds/00001/records", json={"phone_number": "12-34"}, headers=headers
    )
    assert error(response) == (400, "Nieprawidłowy format numeru telefonu.", 3014)
    api.auth = ("api_user", "nope")
    response = await api.get("agents", headers=headers)
    assert error(response)[1] == "Uwierzytelnianie nie powiodło się: błędny użytkownik lub hasło."


async def test_english_is_the_default_and_for_other_languages(http):
    response = await http.get("outbounds/99999/records", headers={"Accept-Language": "de"})
    assert error(response)[1] == "Campaign not found."


@pytest.mark.parametrize(
    ("method", "path", "named"),
    [
        # legacy endpoints of the catalogue, kept out of the fake on purpose
        ("POST", "outbounds/00001/add_records", "POST outbounds/00001/add_records"),
        ("POST", "agents/jkowalski/screenshot", "POST agents/jkowalski/screenshot"),
        ("GET", "agents/jkowalski/screenshot/last", "GET agents/jkowalski/screenshot/last"),
        ("POST", "connections/topic", "POST connections/topic"),
    ],
)
async def test_documented_unsimulated_endpoints_answer_501_naming_them(api, method, path, named):
    response = await api.request(method, path)
    assert error(response) == (501, f"not simulated by FakeThulium: {named}", 1501)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        # URIs real integrations sent that the API does not have: the docs say 404
        ("GET", "v2/tickets"),
        ("GET", "calls"),
        ("GET", "users"),
        ("PATCH", "outbounds/00001"),
        ("GET", "outbounds/00001/records/600100200/extra"),
        ("POST", "agents/jkowalski/screenshot/last"),
    ],
)
async def test_unknown_uris_are_404_naming_them(api, method, path):
    response = await api.request(method, path)
    assert error(response) == (404, f"Not found: {method} {path}.", 1404)


async def test_paths_outside_api_are_404(fake):
    async with httpx2.AsyncClient(
        transport=fake.transport(),
        base_url="http://fake.thulium.local",
        auth=("api_user", "api_pass"),
    ) as client:
        response = await client.get("/outbounds")
    assert error(response) == (404, "Not found: GET /outbounds.", 1404)


async def test_authentication_is_checked_before_routing(http):
    http.auth = None
    assert (await http.get("tickets")).status_code == 401


async def test_invalid_json_is_a_400(http):
    response = await http.post(
        "outbounds/00001/records",
        content=b'{"phone_number": ',
        headers={"Content-Type": "application/json"},
    )
    assert error(response)[:2] == (400, "The request body is not a valid JSON object.")
    response = await http.post("outbounds/00001/records", json=["not", "an", "object"])
    assert error(response)[:2] == (400, "The request body is not a valid JSON object.")


def test_endpoints_lists_the_simulated_ones():
    endpoints = FakeThulium.endpoints()
    assert "POST batch/outbounds/{id}/records" in endpoints
    assert "GET agents/{login}" in endpoints
    assert len(endpoints) == len(set(endpoints))
