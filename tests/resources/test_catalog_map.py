"""catalog_map.METHODS covers exactly group A's endpoints, each with a method and a wire test."""

from __future__ import annotations

import inspect

import pytest

from .catalog_map import METHODS
from .support_a import area_endpoints, make_client


def test_map_covers_exactly_the_group_a_endpoints() -> None:
    """Every non-legacy endpoint of the eleven areas is mapped, and nothing else."""
    assert set(METHODS) == set(area_endpoints())
    assert len(METHODS) == 40


def test_every_mapped_method_exists_and_is_documented() -> None:
    """Each dotted path resolves on a client to a callable with a docstring."""
    client: object = make_client()
    for name, dotted in METHODS.items():
        target = client
        for part in dotted.split("."):
            target = getattr(target, part)
        assert callable(target), name
        assert inspect.getdoc(target), dotted


def test_inferred_endpoints_say_so() -> None:
    """Methods of endpoints the catalog marks inferred say "inferred" in their docstring."""
    client: object = make_client()
    for name, entry in area_endpoints().items():
        if entry.get("detail") != "inferred":
            continue
        target = client
        for part in METHODS[name].split("."):
            target = getattr(target, part)
        assert "inferred" in (inspect.getdoc(target) or "").lower(), name


def test_every_endpoint_has_a_marked_wire_test(request: pytest.FixtureRequest) -> None:
    """Each mapped endpoint is named by an ``endpoint`` marker on a test of this directory."""
    here = __name__.rsplit(".", 1)[0]
    items = [item for item in request.session.items if item.module.__name__.startswith(here)]
    if not any(item.module.__name__.endswith("test_agents") for item in items):
        pytest.skip("run with the whole directory: the wire tests live in other files")
    marked = {m.args[0] for item in items for m in item.iter_markers("endpoint")}
    assert set(METHODS) - marked == set()
