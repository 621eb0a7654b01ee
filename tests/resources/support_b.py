"""Helpers of the group-B resource tests: the catalog copy, the client under test, wire readers."""

from __future__ import annotations

import inspect
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
    request_example,
)

BASE = "https://acme.thulium.com/api"
BASE_SLASH = f"{BASE}/"
WARSAW = ZoneInfo("Europe/Warsaw")
AREAS = frozenset({"chats", "crm", "tickets", "customer_field_groups"})
JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}


def area_endpoints() -> dict[str, dict[str, Any]]:
    """The non-legacy endpoints of this group's four areas."""
    return endpoints_in(AREAS)


def json_response(body: Any, status: int = 200) -> httpx.Response:
    """An answer with a JSON body made up by a test (for endpoints without an example)."""
    return httpx.Response(status, content=orjson.dumps(body), headers=JSON_HEADERS)


def make_client(**options: Any) -> th.Client:
    """The client under test: no retries, no status lookups."""
    settings: dict[str, Any] = {"retry": th.RetryPolicy.disabled(), "check_statuses": False}
    settings.update(options)
    return th.Client(BASE, auth=("api_user", "api_pass"), **settings)


def sent_json(request: httpx.Request) -> Any:
    """The JSON body a request carried."""
    return orjson.loads(request.content)


def sent_query(request: httpx.Request) -> list[tuple[str, str]]:
    """The query string as (name, value) pairs, repeats kept in order."""
    return list(request.url.params.multi_items())


def assert_request(
    request: httpx.Request,
    method: str,
    path: str,
    *,
    query: list[tuple[str, str]] | None = None,
    body: Any = None,
) -> None:
    """Assert method, path (as sent, unescaped), query pairs and JSON body (None: no body)."""
    assert request.method == method
    assert request.url.path == f"/api/{path}"
    assert sent_query(request) == (query or [])
    assert request.headers["authorization"].startswith("Basic ")
    if body is None:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert request.headers["content-type"] == "application/json"
        assert sent_json(request) == body


def is_warsaw(value: Any) -> bool:
    """True for an aware datetime in the account's zone (Europe/Warsaw)."""
    return getattr(value, "tzinfo", None) is WARSAW


async def attempt(call: Any, client: th.Client) -> Any:
    """Run ``call(client)``: await a coroutine, or read a paginator to the end."""
    result = call(client)
    if inspect.isawaitable(result):
        return await result
    return await result.to_list()
