"""The API catalog copy (tests/data) and its documented examples, for wire tests."""

from __future__ import annotations

import functools
from collections.abc import Collection
from pathlib import Path
from typing import Any

import httpx
import orjson
import yaml

CATALOG_PATH = Path(__file__).resolve().parents[1] / "data" / "thulium-api" / "endpoints.yaml"
JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}


@functools.cache
def catalog() -> dict[str, dict[str, Any]]:
    """Every catalog endpoint by name (loaded once)."""
    entries = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    return {entry["name"]: entry for entry in entries}


def endpoints_in(areas: Collection[str]) -> dict[str, dict[str, Any]]:
    """The non-legacy endpoints of the given catalog areas."""
    return {
        name: entry
        for name, entry in catalog().items()
        if entry["area"] in areas and entry.get("lifecycle") != "legacy"
    }


def example(name: str) -> Any:
    """The catalog's response_example of an endpoint, parsed."""
    return orjson.loads(catalog()[name]["response_example"])


def request_example(name: str) -> Any:
    """The catalog's request_example of an endpoint, parsed as JSON."""
    return orjson.loads(catalog()[name]["request_example"])


def catalog_response(name: str) -> httpx.Response:
    """The documented success answer: the catalog's status and example body, if any."""
    entry = catalog()[name]
    if "response_example" in entry:
        return httpx.Response(
            entry["success_status"],
            content=entry["response_example"].encode(),
            headers=JSON_HEADERS,
        )
    return httpx.Response(entry["success_status"])


def fresh_record_response(name: str) -> httpx.Response:
    """The catalog's record example, stamped ``create_date`` now (Warsaw, to the minute).

    A record made by the call under test: the example's own 2016 date would
    show it was there long before.
    """
    import datetime as dt
    from zoneinfo import ZoneInfo

    body = orjson.loads(catalog()[name]["response_example"])
    now = dt.datetime.now(ZoneInfo("Europe/Warsaw"))
    body["create_date"] = now.strftime("%Y-%m-%d %H:%M")
    return httpx.Response(200, content=orjson.dumps(body), headers=JSON_HEADERS)
