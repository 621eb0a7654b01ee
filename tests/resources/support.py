"""Plain helpers shared by the resource tests: the catalog copy, a client factory, wire readers.

Fixtures live in ``conftest.py``; these are ordinary functions so that other
test modules (``tests/test_validate.py``) can import them too.
"""

from __future__ import annotations

import ssl
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
AUTHORIZATION = "Basic YXBpX3VzZXI6YXBpX3Bhc3M="  # base64("api_user:api_pass")
WARSAW = ZoneInfo("Europe/Warsaw")
CAMPAIGN_AREAS = frozenset(
    {"campaigns", "campaigns_batch", "campaign_records", "crm_campaign_records"}
)

# Values substituted for the catalog's {placeholders} when a test needs a concrete path.
PATH_VALUES = {
    "id": "00001",
    "phone_number": "333444555",
    "identifier": "1234567890",
    "customer_id": "441",
}

# The catalog's statuses example plus a MY_RECORD and a CALL_NO_SOONER_THAN status,
# written with the same quirks (status_id as a string, dictionary_status_id int or null).
EXTRA_STATUSES = [
    {"system_status": "MY_RECORD", "status_id": "7", "dictionary_status_id": 9, "name": "Mine"},
    {
        "system_status": "CALL_NO_SOONER_THAN",
        "status_id": "8",
        "dictionary_status_id": None,
        "name": "Call later",
    },
]


def campaign_endpoints() -> dict[str, dict[str, Any]]:
    """The non-legacy endpoints of the four campaign areas."""
    return endpoints_in(CAMPAIGN_AREAS)


def concrete_path(name: str) -> str:
    """The catalog path of an endpoint with its placeholders filled from PATH_VALUES."""
    return str(catalog()[name]["path"]).format(**PATH_VALUES)


def statuses_answer() -> list[dict[str, Any]]:
    """A statuses list: the catalog example plus MY_RECORD (7) and CALL_NO_SOONER_THAN (8)."""
    return [*example("list_campaign_statuses"), *EXTRA_STATUSES]


# Building a TLS context loads the CA store (~30 ms); hundreds of clients share one.
_TLS = ssl.create_default_context()


def make_client(**options: Any) -> th.Client:
    """The client under test: no retries and no status lookups unless asked otherwise.

    It runs on the library's default transport (ShardedTransport); only the TLS
    context is shared between tests, which keeps client construction cheap.
    """
    settings: dict[str, Any] = {
        "retry": th.RetryPolicy.disabled(),
        "check_statuses": False,
        "transport": th.ShardedTransport(verify=_TLS),
    }
    settings.update(options)
    return th.Client(BASE, auth=("api_user", "api_pass"), **settings)


def sent_json(request: httpx.Request) -> Any:
    """The JSON body a request carried."""
    return orjson.loads(request.content)


def sent_query(request: httpx.Request) -> list[tuple[str, str]]:
    """The query string of a request as (name, value) pairs, repeats kept in order."""
    return list(request.url.params.multi_items())


def assert_wire_headers(
    request: httpx.Request, *, language: str | None = None, json_body: bool = False
) -> None:
    """Assert the headers every call carries: Basic auth, Accept, User-Agent, language."""
    headers = request.headers
    assert headers["authorization"] == AUTHORIZATION
    assert headers["accept"] == "application/json"
    assert headers["user-agent"].startswith("thulium-async/")
    if language is None:
        assert "accept-language" not in headers
    else:
        assert headers["accept-language"] == language
    if json_body:
        assert headers["content-type"] == "application/json"
    else:
        assert request.content == b""
