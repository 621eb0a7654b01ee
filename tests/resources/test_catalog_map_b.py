"""The group-B catalog map: complete for its four areas, resolvable, documented, wire-tested."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import thulium_async as th

from .catalog_map_b import METHODS
from .support_b import area_endpoints, make_client


def _resolve(client: th.Client, dotted: str) -> object:
    target: object = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


def test_the_map_covers_exactly_the_current_endpoints_of_the_areas() -> None:
    """Every non-legacy chats/crm/tickets/customer_field_groups endpoint is mapped, no other."""
    assert set(METHODS) == set(area_endpoints())
    assert len(METHODS) == 40


async def test_every_mapped_method_exists_and_has_a_docstring() -> None:
    """Each dotted path resolves on a client to a callable with a docstring."""
    async with make_client() as client:
        for name, dotted in METHODS.items():
            method = _resolve(client, dotted)
            assert callable(method), name
            assert inspect.getdoc(method), dotted


async def test_inferred_endpoints_say_so_in_their_docstrings() -> None:
    """Methods of ``detail: inferred`` endpoints tell the reader the endpoint is inferred."""
    async with make_client() as client:
        for name, entry in area_endpoints().items():
            if entry.get("detail") == "inferred":
                doc = inspect.getdoc(_resolve(client, METHODS[name])) or ""
                assert "inferred" in doc.lower(), METHODS[name]


def test_every_mapped_endpoint_has_a_marked_wire_test(request: pytest.FixtureRequest) -> None:
    """Each mapped endpoint is named by an ``endpoint(name)`` marker on a test of this package."""
    here = Path(__file__).parent
    ours = [item for item in request.session.items if item.path.parent == here]
    if {item.path.name for item in ours} != {path.name for path in here.glob("test_*.py")}:
        pytest.skip("run with every test module of this package")
    marked = {marker.args[0] for item in ours for marker in item.iter_markers("endpoint")}
    assert sorted(set(METHODS) - marked) == []
