"""A client wired to FakeThulium two ways: in process and over loopback HTTP."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest

import thulium_async as th
from tests.support import open_client
from thulium_async.testing import FakeThulium

ClientFactory = Callable[..., contextlib.AbstractAsyncContextManager[th.Client]]


@pytest.fixture(params=["in_process", "loopback"])
def connect(request: pytest.FixtureRequest) -> Callable[[FakeThulium], ClientFactory]:
    """``connect(fake)(**client_kwargs)``: a client to the fake, in process or over 127.0.0.1."""

    def bind(fake: FakeThulium) -> ClientFactory:
        def factory(**kwargs: Any) -> contextlib.AbstractAsyncContextManager[th.Client]:
            return open_client(fake, str(request.param), **kwargs)

        return factory

    return bind
