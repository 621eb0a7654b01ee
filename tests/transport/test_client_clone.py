"""Client.with_options: a clone built the way the client is, sharing what it should."""

from __future__ import annotations

import functools

import thulium_async as th
from thulium_async.resources._base import Resource

BASE = "https://acme.thulium.com/api"


def _lazy_names() -> list[str]:
    return [
        name
        for name, value in vars(th.Client).items()
        if isinstance(value, functools.cached_property)
    ]


def _touch_everything(client: th.Client) -> None:
    for name in _lazy_names():
        getattr(client, name)


async def test_a_clone_has_every_attribute_of_the_original() -> None:
    """Whatever a client holds, a clone holds too (a new attribute cannot go missing)."""
    async with th.Client(BASE, auth=("api_user", "api_pass"), check_statuses=False) as client:
        clone = client.with_options(timeout=5, retry=th.RetryPolicy.disabled())
        assert set(vars(clone)) == set(vars(client))
        _touch_everything(client)
        _touch_everything(clone)
        assert set(vars(clone)) == set(vars(client))
        assert len(_lazy_names()) > 30  # every area and bulk are built lazily


async def test_a_clone_shares_connections_limiter_caches_and_converter() -> None:
    """Only the per-call options differ; each area of the clone uses the clone's transport."""
    async with th.Client(BASE, auth=("api_user", "api_pass")) as client:
        clone = client.with_options(timeout=5)
        assert clone._transport is not client._transport
        assert clone._transport.http is client._transport.http
        assert clone.limiter is client.limiter
        assert clone.statuses_cache is client.statuses_cache
        assert clone._context.converter is client._context.converter
        assert clone._context.timezone is client._context.timezone
        assert clone._context.check_statuses == client._context.check_statuses
        assert (clone.base_url, repr(clone)) == (client.base_url, repr(client))
        for name in _lazy_names():
            area = getattr(clone, name)
            if isinstance(area, Resource):
                assert area._context.transport is clone._transport, name
                assert getattr(client, name) is not area
        assert clone.bulk._client is clone


async def test_a_clone_with_its_own_rate_limit_has_its_own_limiter() -> None:
    """A new rate_limit gives the clone a limiter (and reported limits) of its own."""
    async with th.Client(BASE, auth=("api_user", "api_pass")) as client:
        limit = th.RateLimit(per_second=5)
        clone = client.with_options(rate_limit=limit)
        assert clone.rate_limit is limit
        assert clone.limiter is not client.limiter
        assert clone.statuses_cache is client.statuses_cache
