"""Fixtures of the command-line tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.support import ServedFake, populated


@pytest.fixture
def served() -> Iterator[ServedFake]:
    """The populated fake, served over loopback HTTP for the duration of the test."""
    server = ServedFake(populated()).start()
    try:
        yield server
    finally:
        server.stop()
