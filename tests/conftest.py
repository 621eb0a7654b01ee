"""Suite-wide setup: the shared fixtures of ``tests/support.py`` and the anyio backend."""

from __future__ import annotations

import pytest

# router, guard, client, checked_client: one definition for every folder.
pytest_plugins = ["tests.support"]


@pytest.fixture
def anyio_backend() -> str:
    """anyio-marked tests run on asyncio unless parametrized otherwise."""
    return "asyncio"
