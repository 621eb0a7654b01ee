"""Fixtures for the fake server's tests: a populated fake and HTTP clients into it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx2
import pytest
from fake_support import AUTH, populate

from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium


@pytest.fixture
def fake() -> FakeThulium:
    """A strict fake with the ``populate`` setup."""
    return populate(FakeThulium(strict=True))


@pytest.fixture
async def http(fake: FakeThulium) -> AsyncIterator[httpx2.AsyncClient]:
    """A plain httpx client into ``fake`` in process."""
    async with httpx2.AsyncClient(
        transport=fake.transport(), base_url=IN_PROCESS_BASE_URL, auth=AUTH
    ) as client:
        yield client


@pytest.fixture(params=["in_process", pytest.param("loopback", marks=pytest.mark.loopback)])
async def api(
    request: pytest.FixtureRequest, fake: FakeThulium
) -> AsyncIterator[httpx2.AsyncClient]:
    """A plain httpx client into ``fake``, once in process and once over 127.0.0.1."""
    if request.param == "in_process":
        async with httpx2.AsyncClient(
            transport=fake.transport(), base_url=IN_PROCESS_BASE_URL, auth=AUTH
        ) as client:
            yield client
    else:
        async with fake.serve() as base_url, httpx2.AsyncClient(base_url=base_url, auth=AUTH) as c:
            yield c
