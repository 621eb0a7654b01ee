"""The span names' route table: complete against the catalog, and matched literal-first."""

from __future__ import annotations

import pytest

from tests.catalog import table
from thulium_async._tracing._catalog import ROUTES
from thulium_async._tracing._routes import Routes


def test_the_route_table_is_the_catalogs_current_endpoints_and_client_methods() -> None:
    methods = table.methods()
    expected = {(e["method"], e["path"], methods[e["name"]]) for e in table.current_entries()}
    assert set(ROUTES) == expected
    assert len(ROUTES) == len(expected)


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "outbounds/stats", ("outbounds/stats", "outbounds.stats.list")),
        ("GET", "outbounds/00001/stats", ("outbounds/{id}/stats", "outbounds.stats.get")),
        ("POST", "outbounds/00001/records", ("outbounds/{id}/records", "outbounds.records.create")),
        (
            "PUT",
            "outbounds/7/records/600100200",
            ("outbounds/{id}/records/{phone_number}", "outbounds.records.update"),
        ),
        ("GET", "/agents/jkowalski/", ("agents/{login}", "agents.get")),
        ("GET", "agents/jkowalski/screenshot/last", None),
        ("PATCH", "outbounds/1", None),
    ],
)
def test_a_concrete_path_matches_its_template(
    method: str, path: str, expected: tuple[str, str] | None
) -> None:
    assert Routes(ROUTES).match(method, path) == expected
