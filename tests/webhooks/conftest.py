"""Shared fixtures of the webhook tests: the documented catalog of actions."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

CATALOG_PATH = Path(__file__).resolve().parents[1] / "data" / "thulium-api" / "webhooks.yaml"


@functools.cache
def load_catalog() -> dict[str, Any]:
    """The webhook catalog copied from the shared API docs."""
    with CATALOG_PATH.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)  # type: ignore[no-any-return]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # One test per documented action for every test asking for "action_entry".
    if "action_entry" in metafunc.fixturenames:
        entries = load_catalog()["actions"]
        metafunc.parametrize("action_entry", entries, ids=[entry["action"] for entry in entries])


@pytest.fixture(scope="session")
def catalog() -> dict[str, Any]:
    """The whole webhook catalog."""
    return load_catalog()
