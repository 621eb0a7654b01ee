"""Lenient answers by default, strict on request: through the client, on the wire."""

from __future__ import annotations

import logging

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import make_client
from thulium_async import errors
from thulium_async.models import Campaign

pytestmark = pytest.mark.anyio

VARIED = [
    {"id": "00001", "name": "No crm here", "order": 50},
    {"id": "00002", "name": "Polish yes", "crm": "tak", "tenant_flag": {"a": 1}},
    {"id": "00003", "name": "Also tak", "crm": "tak"},
]


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "thulium_async" and r.levelno == 30]


async def test_a_varied_campaign_list_decodes_and_warns_once_per_field(
    router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    """Missing crm reads None, 'tak' is kept as received, unknown keys land in extra."""
    caplog.set_level(logging.WARNING, logger="thulium_async")
    router.get("outbounds").mock(return_value=httpx.Response(200, json=VARIED))
    async with make_client(strict_responses=False) as client:
        first = await client.outbounds.list()
        again = await client.outbounds.list()
    assert [c.id for c in first] == ["00001", "00002", "00003"]
    assert first[0].crm is None
    assert first[0].order == 50
    assert first[1].crm == "tak"
    assert first[1].extra == {"tenant_flag": {"a": 1}}
    assert first[1].raw == VARIED[1]
    assert again == first
    assert _warnings(caplog) == [
        "Campaign.crm: expected a boolean, got 'tak' "
        "(kept as received; strict_responses=True makes this an error)"
    ]


async def test_lenient_is_the_default_and_each_client_warns_for_itself(
    router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    """A plain Client is lenient; a second client reports the same field again."""
    caplog.set_level(logging.WARNING, logger="thulium_async")
    router.get("outbounds").mock(return_value=httpx.Response(200, json=VARIED))
    for _ in range(2):
        async with th.Client(
            "https://acme.thulium.com/api",
            auth=("api_user", "api_pass"),
            retry=th.RetryPolicy.disabled(),
        ) as client:
            campaigns = await client.outbounds.list()
            assert campaigns[2].crm == "tak"
    assert len(_warnings(caplog)) == 2


async def test_strict_responses_raise_decode_error_naming_the_path(
    router: respx.MockRouter,
) -> None:
    """strict_responses=True is the exact check: the first bad field is named."""
    router.get("outbounds").mock(return_value=httpx.Response(200, json=VARIED))
    async with make_client(strict_responses=True) as client:
        with pytest.raises(errors.DecodeError, match=r"\$\[1\]\.crm") as caught:
            await client.outbounds.list()
    assert caught.value.method == "GET"
    assert caught.value.url.endswith("/outbounds")


async def test_with_options_switches_strictness_for_the_clone_only(
    router: respx.MockRouter,
) -> None:
    """A lenient client's strict clone raises; the original still decodes."""
    router.get("outbounds").mock(return_value=httpx.Response(200, json=VARIED))
    async with make_client(strict_responses=False) as client:
        strict = client.with_options(strict_responses=True)
        with pytest.raises(errors.DecodeError, match=r"\$\[1\]\.crm"):
            await strict.outbounds.list()
        assert len(await client.outbounds.list()) == 3
        lenient_again = strict.with_options(strict_responses=False)
        assert (await lenient_again.outbounds.list())[1].crm == "tak"


async def test_a_list_item_without_its_identity_is_reported_and_the_page_kept(
    router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    """An item lacking ``id`` reads None there, with a warning; its neighbours are intact."""
    caplog.set_level(logging.WARNING, logger="thulium_async")
    router.get("outbounds").mock(
        return_value=httpx.Response(200, json=[{"name": "orphan", "crm": False}, VARIED[0]])
    )
    async with make_client(strict_responses=False) as client:
        campaigns = await client.outbounds.list()
    assert campaigns == [Campaign(id=None, name="orphan", crm=False), Campaign(**VARIED[0])]  # type: ignore[arg-type]
    assert any(message.startswith("Campaign.id: missing") for message in _warnings(caplog))


async def test_a_paginated_record_list_keeps_odd_values_in_every_page(
    router: respx.MockRouter,
) -> None:
    """A record whose status_id is not a number stays on the page, as received."""
    rows = [
        {"record_id": 1, "phone_number": "111222333", "status_id": "three"},
        {"record_id": "2", "phone_number": 111222334, "create_date": "0000-00-00 00:00:00"},
    ]
    router.get("outbounds/00001/records").mock(
        return_value=httpx.Response(200, json={"count": 2, "result": rows})
    )
    async with make_client(strict_responses=False) as client:
        records = await client.outbounds.records.list("00001").to_list()
    assert [(r.record_id, r.phone_number, r.status_id) for r in records] == [
        (1, "111222333", "three"),
        (2, "111222334", None),
    ]
    assert records[1].create_date is None
