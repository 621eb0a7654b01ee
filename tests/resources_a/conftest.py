"""Fixtures of group A's resource tests: respx routers and a client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import respx

import thulium_async as th

from .support import BASE_SLASH, make_client


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    """A respx router on the account's base URL; every route it holds must be called."""
    with respx.mock(using="httpcore2", base_url=BASE_SLASH, assert_all_called=True) as mock:
        yield mock


@pytest.fixture
def guard() -> Iterator[respx.MockRouter]:
    """A router that answers anything with 500 and records it: for "no request sent" tests."""
    with respx.mock(using="httpcore2", base_url=BASE_SLASH, assert_all_called=False) as mock:
        mock.route(name="anything").respond(500)
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[th.Client]:
    """A client with retries and status lookups off."""
    async with make_client() as instance:
        yield instance
