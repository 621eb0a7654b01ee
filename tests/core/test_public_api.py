"""The public surface: exports resolve and are documented; importing stays light."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import types

import pytest

import thulium_async
import thulium_async.resources


@pytest.mark.parametrize("name", thulium_async.__all__)
def test_every_export_resolves_and_is_documented(name: str) -> None:
    """Each name in thulium_async.__all__ exists and carries a docstring of its own."""
    value = getattr(thulium_async, name)
    if name == "__version__":
        assert isinstance(value, str)
        assert value
        return
    assert isinstance(value, (type, types.FunctionType, types.ModuleType)), value
    assert (value.__doc__ or "").strip(), f"{name} has no docstring"


def test_all_has_no_duplicates() -> None:
    """__all__ lists each name once."""
    assert len(thulium_async.__all__) == len(set(thulium_async.__all__))


def _public_members(cls: type) -> list[tuple[str, object]]:
    """(qualified name, function) for every public method and property the library defines."""
    found = []
    for klass in cls.__mro__:
        if not klass.__module__.startswith("thulium_async"):
            continue
        for name, member in vars(klass).items():
            if name.startswith("_"):
                continue
            target = member.fget if isinstance(member, property) else member
            if isinstance(target, (staticmethod, classmethod)):
                target = target.__func__
            if inspect.isfunction(target):
                found.append((f"{klass.__name__}.{name}", target))
    return found


@pytest.mark.parametrize("name", thulium_async.resources.__all__)
def test_resources_are_documented(name: str) -> None:
    """Every public resource class and each of its public methods has a docstring."""
    cls = getattr(thulium_async.resources, name)
    assert isinstance(cls, type)
    assert (cls.__doc__ or "").strip(), f"{name} has no docstring"
    undocumented = [
        qualified
        for qualified, function in _public_members(cls)
        if not (function.__doc__ or "").strip()
    ]
    assert undocumented == []


def test_resource_methods_exist_where_documented() -> None:
    """The client exposes the documented resource paths and verbs."""
    client = thulium_async.Client("https://acme.thulium.com/api", auth=("u", "p"))
    expected = {
        client.outbounds: {
            "list",
            "create",
            "update",
            "delete",
            "clone",
            "add_agents",
            "remove_agents",
            "set_agents",
        },
        client.outbounds.agents: {"list"},
        client.outbounds.statuses: {"list"},
        client.outbounds.stats: {"list", "get"},
        client.outbounds.records: {"list", "get", "create", "update", "delete"},
        client.outbounds.records_by_identifier: {"get", "update", "delete"},
        client.outbounds_by_phone_number: {"get"},
        client.outbound_status_by_phone_number: {"create"},
        client.crm_outbounds.records: {"list", "get", "create", "update", "delete", "copy_notes"},
        client.batch.outbounds: {"delete"},
        client.batch.outbounds.records: {"create", "update", "delete"},
        client.batch.crm_outbounds.records: {"create", "delete"},
    }
    for resource, verbs in expected.items():
        for verb in verbs:
            assert callable(getattr(resource, verb)), f"{type(resource).__name__}.{verb}"


def test_documented_imports_work() -> None:
    """The imports the README shows succeed and give the expected objects."""
    from thulium_async import errors
    from thulium_async.models import NewRecord, SystemStatus

    assert issubclass(errors.APIError, errors.ThuliumError)
    assert NewRecord(phone_number="111").phone_number == "111"
    assert SystemStatus.CALL == "CALL"
    assert thulium_async.errors is errors


def test_import_does_not_pull_optional_dependencies() -> None:
    """A bare import loads neither starlette, uvicorn nor aiohttp; AiohttpTransport loads lazily."""
    code = (
        "import json, sys\n"
        "import thulium_async\n"
        "def heavy():\n"
        "    names = ('starlette', 'uvicorn', 'aiohttp')\n"
        "    return sorted(m for m in sys.modules if m.split('.')[0] in names)\n"
        "before = heavy()\n"
        "name = thulium_async.AiohttpTransport.__name__\n"
        "print(json.dumps([before, name, 'aiohttp' in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout) == [[], "AiohttpTransport", True]


def test_unknown_attributes_raise_attribute_error() -> None:
    """The lazy module __getattr__ still refuses names it does not know."""
    with pytest.raises(AttributeError, match="NoSuchThing"):
        _ = thulium_async.NoSuchThing  # type: ignore[attr-defined]
