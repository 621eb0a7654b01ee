"""catalog_map.METHODS: complete for its areas, resolvable, documented, wire-tested."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from tests.support import catalog, endpoints_in, make_client, resolve

from .catalog_map import AREAS, METHODS


@pytest.mark.parametrize("area", sorted(AREAS))
def test_map_covers_exactly_the_current_endpoints_of_the_area(area: str) -> None:
    """Every non-legacy endpoint of the area is mapped, and no endpoint of another area."""
    mapped = {name for name in METHODS if catalog()[name]["area"] == area}
    assert mapped == set(endpoints_in({area}))


def test_map_holds_only_its_areas() -> None:
    """Every key is a current endpoint of one of the areas: 84 in all."""
    assert set(METHODS) == set(endpoints_in(AREAS))
    assert len(METHODS) == 84


async def test_every_mapped_method_exists_and_is_documented() -> None:
    """Each dotted path resolves on a client to a callable with a docstring."""
    async with make_client() as client:
        for name, dotted in METHODS.items():
            method = resolve(client, dotted)
            assert callable(method), name
            assert inspect.getdoc(method), dotted


async def test_inferred_endpoints_say_so() -> None:
    """Methods of ``detail: inferred`` endpoints say "inferred" in their docstring."""
    async with make_client() as client:
        for name, entry in endpoints_in(AREAS).items():
            if entry.get("detail") == "inferred":
                doc = inspect.getdoc(resolve(client, METHODS[name])) or ""
                assert "inferred" in doc.lower(), METHODS[name]


def test_every_mapped_endpoint_has_a_marked_wire_test(request: pytest.FixtureRequest) -> None:
    """Each mapped endpoint is named by an ``endpoint(name)`` marker on a test of this folder."""
    here = Path(__file__).parent
    ours = [item for item in request.session.items if item.path.parent == here]
    if {item.path.name for item in ours} != {path.name for path in here.glob("test_*.py")}:
        pytest.skip("run with every test module of this folder")
    marked = {marker.args[0] for item in ours for marker in item.iter_markers("endpoint")}
    assert sorted(set(METHODS) - marked) == []
