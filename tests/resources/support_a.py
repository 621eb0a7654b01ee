"""Helpers of group A's resource tests: the catalog copy, a client factory, wire readers."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import httpx
import orjson

import thulium_async as th
from tests.catalog.examples import (  # noqa: F401 - re-exported for the tests
    catalog,
    catalog_response,
    endpoints_in,
    example,
)

BASE = "https://acme.thulium.com/api"
BASE_SLASH = f"{BASE}/"
AUTHORIZATION = "Basic YXBpX3VzZXI6YXBpX3Bhc3M="  # base64("api_user:api_pass")
WARSAW = ZoneInfo("Europe/Warsaw")
AREAS = frozenset(
    {
        "agents",
        "users",
        "todos",
        "webhooks",
        "topics",
        "tags",
        "sms",
        "temporary_files",
        "connections",
        "recordings",
        "queues",
    }
)


def area_endpoints() -> dict[str, dict[str, Any]]:
    """The non-legacy endpoints of group A's areas."""
    return endpoints_in(AREAS)


def method_of(name: str) -> str:
    """The catalog's HTTP method of an endpoint."""
    return str(catalog()[name]["method"])


def make_client(**options: Any) -> th.Client:
    """The client under test, built the one documented way (no retries, no status lookups)."""
    settings: dict[str, Any] = {"retry": th.RetryPolicy.disabled(), "check_statuses": False}
    settings.update(options)
    return th.Client(BASE, auth=("api_user", "api_pass"), **settings)


def sent_json(request: httpx.Request) -> Any:
    """The JSON body a request carried."""
    return orjson.loads(request.content)


def sent_query(request: httpx.Request) -> list[tuple[str, str]]:
    """The query as (name, value) pairs, repeats kept in order."""
    return list(request.url.params.multi_items())


def sent_path(request: httpx.Request) -> str:
    """The request's path below the API root, as sent (still percent-encoded)."""
    raw = request.url.raw_path.split(b"?")[0].decode()
    assert raw.startswith("/api/")
    return raw[len("/api/") :]


def assert_request(
    request: httpx.Request,
    name: str,
    path: str,
    *,
    query: list[tuple[str, str]] | None = None,
    body: Any = None,
) -> None:
    """Assert method (the catalog's), path, query, JSON body (or none) and auth headers."""
    assert request.method == method_of(name)
    assert sent_path(request) == path
    assert sent_query(request) == (query or [])
    assert request.headers["authorization"] == AUTHORIZATION
    assert request.headers["accept"] == "application/json"
    if body is None:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert request.headers["content-type"] == "application/json"
        assert sent_json(request) == body


def is_warsaw(value: Any) -> bool:
    """True for an aware datetime in Europe/Warsaw."""
    return getattr(value, "tzinfo", None) is WARSAW
