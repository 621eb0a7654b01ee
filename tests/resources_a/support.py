"""Helpers of group A's resource tests: the catalog copy, a client factory, wire readers."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import orjson
import yaml

import thulium_async as th

BASE = "https://acme.thulium.com/api"
BASE_SLASH = f"{BASE}/"
AUTHORIZATION = "Basic YXBpX3VzZXI6YXBpX3Bhc3M="  # base64("api_user:api_pass")
WARSAW = ZoneInfo("Europe/Warsaw")
CATALOG_PATH = Path(__file__).resolve().parents[1] / "data" / "thulium-api" / "endpoints.yaml"
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


@functools.cache
def catalog() -> dict[str, dict[str, Any]]:
    """Every catalog endpoint by name (the copy under tests/data, loaded once)."""
    entries = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    return {entry["name"]: entry for entry in entries}


def area_endpoints() -> dict[str, dict[str, Any]]:
    """The non-legacy endpoints of group A's areas."""
    return {
        name: entry
        for name, entry in catalog().items()
        if entry["area"] in AREAS and entry.get("lifecycle") != "legacy"
    }


def example(name: str) -> Any:
    """The catalog's response_example of an endpoint, parsed."""
    return orjson.loads(catalog()[name]["response_example"])


def catalog_response(name: str) -> httpx.Response:
    """The documented success answer: the catalog's status and example body (if any)."""
    entry = catalog()[name]
    if "response_example" in entry:
        return httpx.Response(
            entry["success_status"],
            content=entry["response_example"].encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
    return httpx.Response(entry["success_status"])


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
