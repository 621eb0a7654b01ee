"""Every public async method has a sync twin of a kind the bridge knows how to make sync."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterator

import thulium_async as th
from thulium_async._sync import SyncArea
from thulium_async.resources import Resource
from thulium_async.testing import IN_PROCESS_BASE_URL, FakeThulium

# Return annotations of plain (non-async) methods the bridge converts: a new kind
# (say an async iterator class of its own) must be taught to the bridge first.
BRIDGED_RETURNS = (
    "Paginator[",
    "contextlib.AbstractAsyncContextManager[",
    "AsyncIterator[",
    "BulkJob",
    "BulkResults",
)


def _areas(client: th.Client) -> Iterator[tuple[str, object]]:
    for name, value in vars(th.Client).items():
        if isinstance(value, functools.cached_property):
            yield name, getattr(client, name)


def _walk(path: str, target: object, sync: object) -> Iterator[tuple[str, object, object]]:
    """(dotted path, async method, sync twin) for every public method under ``target``."""
    names = {n for n in dir(target) if not n.startswith("_")}
    for name in sorted(names):
        value = getattr(target, name)
        twin = getattr(sync, name, None)
        if isinstance(value, Resource):
            assert isinstance(twin, SyncArea), f"{path}.{name} has no sync area"
            yield from _walk(f"{path}.{name}", value, twin)
        elif inspect.ismethod(value):
            yield f"{path}.{name}", value, twin


def test_every_public_async_method_has_a_sync_twin():
    client = th.Client(IN_PROCESS_BASE_URL, auth=("u", "p"), transport=FakeThulium().transport())
    sync = th.SyncClient.wrapping(client)
    checked = 0
    for area, target in _areas(client):
        for path, method, twin in _walk(area, target, getattr(sync, area)):
            assert callable(twin), f"{path} has no sync twin"
            assert not inspect.iscoroutinefunction(twin), f"{path}'s twin is still async"
            assert twin.__doc__ == method.__doc__, f"{path}'s twin lost its docstring"
            if not inspect.iscoroutinefunction(method):
                returns = str(inspect.signature(method).return_annotation)
                assert returns.startswith(BRIDGED_RETURNS), f"{path} returns {returns}: unbridged"
            checked += 1
    assert checked > 120  # the walk really reached the tree (bulk included)


def test_the_typed_areas_are_exactly_the_async_clients():
    typed = set(th.SyncClient.__annotations__)
    areas = {n for n, v in vars(th.Client).items() if isinstance(v, functools.cached_property)}
    assert typed == areas
