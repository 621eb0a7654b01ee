"""Every catalog endpoint has a client method and a wire test; the endpoint tables are current."""

from __future__ import annotations

import inspect

import pytest

import thulium_async as th
from tests.catalog import table
from tests.support import resolve


def test_every_current_endpoint_has_a_client_method() -> None:
    """Each non-legacy catalog entry maps to a documented, callable client method."""
    mapping = table.methods()
    missing = [entry["name"] for entry in table.current_entries() if entry["name"] not in mapping]
    assert missing == []
    client = th.Client("https://acme.thulium.com/api", auth=("u", "p"))
    for name, dotted in mapping.items():
        method = resolve(client, dotted)
        assert callable(method), name
        assert inspect.getdoc(method), f"{dotted} has no docstring"


def test_maps_name_only_catalog_entries() -> None:
    """The maps hold no stale names (every key is a current catalog entry)."""
    names = {entry["name"] for entry in table.current_entries()}
    assert set(table.methods()) - names == set()


def test_every_endpoint_has_a_wire_test(request: pytest.FixtureRequest) -> None:
    """Each catalog endpoint is named by a test marked ``endpoint(name)`` in this session."""
    marked = {
        marker.args[0] for item in request.session.items for marker in item.iter_markers("endpoint")
    }
    if [arg.rstrip("/") for arg in request.config.args] not in ([], ["tests"]):
        pytest.skip("run with the whole suite (uv run pytest): the wire tests live in other files")
    missing = sorted(
        entry["name"] for entry in table.current_entries() if entry["name"] not in marked
    )
    assert missing == []


def test_readme_table_is_current() -> None:
    """README's endpoint totals equal those generated from the catalog and the maps."""
    assert table.readme_section() == table.summary(), (
        "run: uv run python -m tests.catalog.table --write"
    )


def test_docs_endpoint_page_is_current() -> None:
    """The site's endpoint page is the generated table, so it cannot go stale."""
    assert table.DOCS_PAGE.read_text(encoding="utf-8") == table.docs_page(), (
        "run: uv run python -m tests.catalog.table --write"
    )
