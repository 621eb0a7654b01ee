"""A base URL without /api: the error says so instead of reading as a missing object."""

from __future__ import annotations

import pickle

import httpx
import pytest
import respx

import thulium_async as th
from thulium_async import errors
from thulium_async.testing import FakeThulium


async def test_fake_without_api_path_asks_about_it() -> None:
    """Against FakeThulium the unknown path's 501 says "did you forget /api?"."""
    fake = FakeThulium()
    fake.add_campaign("00001")
    async with th.Client(
        "http://fake.thulium.local", auth=("api_user", "api_pass"), transport=fake.transport()
    ) as client:
        with pytest.raises(errors.APIError, match=r"did you forget /api\?"):
            await client.outbounds.list()


async def test_thulium_404_without_api_path_asks_about_it() -> None:
    """Thulium's 404 for a path outside /api gets the hint; the error still pickles with it."""
    with respx.mock(using="httpcore2") as mock:
        mock.get("https://acme.thulium.com/outbounds").mock(
            return_value=httpx.Response(404, text="Not Found")
        )
        async with th.Client("https://acme.thulium.com", auth=("u", "p")) as client:
            with pytest.raises(errors.NotFoundError) as caught:
                await client.outbounds.list()
    assert "did you forget /api?" in str(caught.value)
    assert "did you forget /api?" in str(pickle.loads(pickle.dumps(caught.value)))


async def test_a_404_under_api_has_no_hint() -> None:
    """A real missing object under /api reads as Thulium said, with no hint."""
    with respx.mock(using="httpcore2") as mock:
        mock.get("https://acme.thulium.com/api/tickets/7").mock(
            return_value=httpx.Response(404, json={"message": "No such ticket"})
        )
        async with th.Client("https://acme.thulium.com/api", auth=("u", "p")) as client:
            with pytest.raises(errors.NotFoundError) as caught:
                await client.tickets.get(7)
    assert "/api?" not in str(caught.value)
    assert "No such ticket" in str(caught.value)
