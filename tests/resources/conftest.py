"""Fixtures of the resource tests: respx routers and clients built the one documented way."""

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
    """A respx router that answers anything with 500 and records it: for "no request" tests."""
    with respx.mock(using="httpcore2", base_url=BASE_SLASH, assert_all_called=False) as mock:
        mock.route(name="anything").respond(500)
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[th.Client]:
    """A client with retries and the status lookup turned off."""
    async with make_client() as instance:
        yield instance


@pytest.fixture
async def checked_client() -> AsyncIterator[th.Client]:
    """A client that looks campaign statuses up before record writes."""
    async with make_client(check_statuses=True) as instance:
        yield instance
