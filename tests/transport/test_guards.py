"""Answers the client never takes as success: redirects, a closed client, a 201 without an id."""

from __future__ import annotations

import re

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import make_client
from thulium_async import errors
from thulium_async.testing import FakeThulium

HTTPS = "https://secure.example.com/api/outbounds/00001/records/600100200"


@pytest.mark.parametrize("method", ["DELETE", "PUT", "POST"])
async def test_a_redirected_write_raises_naming_the_target(
    router: respx.MockRouter, method: str
) -> None:
    """301 to a write: RedirectError with the Location; never followed, never success."""
    path = "outbounds/00001/records" + ("" if method == "POST" else "/600100200")
    # Any request to the other host would fail as "not mocked": nothing follows.
    route = router.route(method=method, path=path).respond(301, headers={"Location": HTTPS})
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        records = client.outbounds.records
        calls = {
            "DELETE": lambda: records.delete("00001", "600100200"),
            "PUT": lambda: records.update("00001", "600100200", status_id=4),
            "POST": lambda: records.create("00001", phone_number="600100200"),
        }
        with pytest.raises(errors.RedirectError, match=re.escape(HTTPS)) as caught:
            await calls[method]()
    assert caught.value.location == HTTPS
    assert not caught.value.maybe_applied
    assert route.call_count == 1  # not retried, not followed


async def test_a_redirected_read_is_a_redirect_error_not_a_decode_error(
    router: respx.MockRouter,
) -> None:
    """302 to a GET: RedirectError, where it used to be "'NoneType' not iterable"."""
    router.get("agents").respond(302, headers={"Location": "http://elsewhere.example/"})
    async with make_client() as client:
        with pytest.raises(errors.RedirectError, match=r"elsewhere\.example"):
            await client.agents.list()


async def test_bulk_counts_a_redirect_as_failed_and_stops(router: respx.MockRouter) -> None:
    """A batch create answered 301: no item counts as succeeded; the run stops and says why."""
    router.post("batch/outbounds/00001/records").respond(301, headers={"Location": HTTPS})
    items = [("00001", {"phone_number": f"60010020{i}"}) for i in range(3)]
    async with make_client() as client:
        report = await client.bulk.create_records(items, concurrency=1)
    assert report.succeeded == 0
    assert report.failed == 3
    assert report.stopped is not None
    assert "redirected to" in report.stopped


async def test_a_201_without_record_id_is_a_decode_error_naming_it(
    router: respx.MockRouter,
) -> None:
    """KeyError before; now DecodeError naming record_id."""
    router.post("outbounds/00001/records").respond(201, json={"id": 5})
    async with make_client() as client:
        with pytest.raises(errors.DecodeError, match="record_id"):
            await client.outbounds.records.create("00001", phone_number="600100200")


async def test_calls_on_a_closed_client_raise_client_closed() -> None:
    """A call and a concurrent scan alike: ClientClosedError, never RuntimeError or a group."""
    fake = FakeThulium()
    fake.add_campaign("00001")
    fake.seed_records("00001", 250)
    async with fake.client() as client:
        pass
    with pytest.raises(errors.ClientClosedError, match="client is closed"):
        await client.agents.list()
    with pytest.raises(errors.ClientClosedError):
        await client.outbounds.records.list("00001", page_size=10, concurrency=4).to_list()


async def test_401_on_page_3_of_a_concurrent_scan_is_an_authentication_error(
    router: respx.MockRouter,
) -> None:
    """The first real error comes out as itself, with concurrency 1 or 4."""
    pages = [
        httpx.Response(
            200,
            json={
                "count": 50,
                "result": [{"record_id": i, "phone_number": f"60010{i:04d}"} for i in range(10)],
            },
        ),
        httpx.Response(
            200,
            json={
                "count": 50,
                "result": [
                    {"record_id": 10 + i, "phone_number": f"60020{i:04d}"} for i in range(10)
                ],
            },
        ),
        httpx.Response(401, json={"errors": [{"code": 401, "message": "no"}]}),
    ]
    for concurrency in (1, 4):
        route = router.get("outbounds/00001/records").mock(side_effect=[*pages, *pages[2:] * 4])
        async with make_client() as client:
            with pytest.raises(errors.AuthenticationError):
                await client.outbounds.records.list(
                    "00001", page_size=10, concurrency=concurrency
                ).to_list()
        assert route.call_count >= 3
