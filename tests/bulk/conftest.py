"""Fixtures for the bulk tests."""

from __future__ import annotations

import pytest

from tests.bulk.support import populated
from thulium_async.testing import FakeThulium


@pytest.fixture
def fake() -> FakeThulium:
    """A fake with five regular campaigns, a CRM campaign and an agent."""
    return populated()


@pytest.fixture(params=["in_process", pytest.param("loopback", marks=pytest.mark.loopback)])
def mode(request: pytest.FixtureRequest) -> str:
    """How the client reaches the fake: in process, or over real HTTP on 127.0.0.1."""
    return str(request.param)
