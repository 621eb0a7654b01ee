"""A client wired to FakeThulium two ways: in process and over loopback HTTP."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

import thulium_async as th
from thulium_async.testing import FakeThulium

ClientFactory = Callable[..., contextlib.AbstractAsyncContextManager[th.Client]]


@pytest.fixture(params=["in_process", "loopback"])
def connect(request: pytest.FixtureRequest) -> Callable[[FakeThulium], ClientFactory]:
    """``connect(fake)(**client_kwargs)``: a client to the fake, in process or over 127.0.0.1."""

    def bind(fake: FakeThulium) -> ClientFactory:
        @contextlib.asynccontextmanager
        async def open_client(**kwargs: Any) -> AsyncIterator[th.Client]:
            kwargs.setdefault("retry", th.RetryPolicy.no_wait())
            if request.param == "in_process":
                async with fake.client(**kwargs) as client:
                    yield client
                return
            auth = kwargs.pop("auth", (fake.username, fake.password))
            async with fake.serve() as base_url, th.Client(base_url, auth=auth, **kwargs) as client:
                yield client

        return open_client

    return bind
