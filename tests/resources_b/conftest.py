"""Fixtures of the group-B resource tests: respx routers and the client under test."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

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
    """A router that answers anything with 500 and records it: for "no request" tests."""
    with respx.mock(using="httpcore2", base_url=BASE_SLASH, assert_all_called=False) as mock:
        mock.route(name="anything").respond(500)
        yield mock


@pytest.fixture(scope="module")
def client() -> Iterator[th.Client]:
    """The client under test (no retries, no status lookups), shared by a module's tests.

    Building one costs ~75 ms (the pooled transport's TLS contexts); respx
    patches the HTTP layer below it, so each test's router still sees its calls.
    """
    instance = make_client()
    yield instance
    asyncio.run(instance.aclose())
