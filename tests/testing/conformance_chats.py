"""Conformance tables of the chats area: the state each catalog example needs, doc fixes."""

from __future__ import annotations

from collections.abc import Callable

from thulium_async.testing import FakeThulium

# catalog name -> setup of the fake before the example request is replayed
SETUPS: dict[str, Callable[[FakeThulium], None]] = {}
# catalog name -> "METHOD target", or (method, target, raw body), correcting the doc's example
REQUEST_FIXES: dict[str, str | tuple[str, str, bytes]] = {}
# catalog name -> keys whose example values the request does not determine
FREE_VALUES: dict[str, set[str]] = {}
