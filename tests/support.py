"""What the test folders share: the account, a client factory, wire readers, respx fixtures.

Plain helpers are imported by name (``from tests.support import make_client``);
the fixtures at the bottom (``router``, ``guard``, ``client``,
``checked_client``) are registered for the whole suite by ``tests/conftest.py``.
Folder conftests keep only what is specific to their folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import orjson
import pytest
import respx
import uvicorn

import thulium_async as th
from tests.catalog.examples import (  # noqa: F401 - re-exported for the tests
    JSON_HEADERS,
    catalog,
    catalog_response,
    endpoints_in,
    example,
    fresh_record_response,
    request_example,
)
from thulium_async.testing import FakeThulium

# --- the account every mocked test talks to -----------------------------------------------

BASE = "https://acme.thulium.com/api"
BASE_SLASH = f"{BASE}/"
AUTHORIZATION = "Basic YXBpX3VzZXI6YXBpX3Bhc3M="  # base64("api_user:api_pass")
WARSAW = ZoneInfo("Europe/Warsaw")
HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})

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


def method_of(name: str) -> str:
    """The catalog's HTTP method of an endpoint."""
    return str(catalog()[name]["method"])


def concrete_path(name: str) -> str:
    """The catalog path of an endpoint with its placeholders filled from PATH_VALUES."""
    return str(catalog()[name]["path"]).format(**PATH_VALUES)


def statuses_answer() -> list[dict[str, Any]]:
    """A statuses list: the catalog example plus MY_RECORD (7) and CALL_NO_SOONER_THAN (8)."""
    return [*example("list_campaign_statuses"), *EXTRA_STATUSES]


# --- the client under test -------------------------------------------------------------------

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
        # Drift between the models and the documented examples must fail the tests.
        "strict_responses": True,
    }
    settings.update(options)
    return th.Client(BASE, auth=("api_user", "api_pass"), **settings)


def resolve(client: th.Client, dotted: str) -> object:
    """The client attribute at a dotted path (``"outbounds.records.list"``)."""
    target: object = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


async def attempt(call: Any, client: th.Client) -> Any:
    """Run ``call(client)``: await a coroutine, or read a paginator to the end."""
    result = call(client)
    if inspect.isawaitable(result):
        return await result
    return await result.to_list()


# --- answers and requests on the wire --------------------------------------------------------


def json_response(body: Any, status: int = 200) -> httpx.Response:
    """An answer with a JSON body made up by a test (for endpoints without an example)."""
    return httpx.Response(status, content=orjson.dumps(body), headers=JSON_HEADERS)


def sent_json(request: httpx.Request) -> Any:
    """The JSON body a request carried."""
    return orjson.loads(request.content)


def sent_query(request: httpx.Request) -> list[tuple[str, str]]:
    """The query string of a request as (name, value) pairs, repeats kept in order."""
    return list(request.url.params.multi_items())


def sent_path(request: httpx.Request) -> str:
    """The request's path below the API root, as sent (still percent-encoded)."""
    raw = request.url.raw_path.split(b"?")[0].decode()
    assert raw.startswith("/api/")
    return raw[len("/api/") :]


def assert_request(
    request: httpx.Request,
    method: str,
    path: str,
    *,
    query: list[tuple[str, str]] | None = None,
    body: Any = None,
) -> None:
    """Assert method, path (as sent), query pairs, JSON body (None: no body) and auth headers.

    ``method`` is an HTTP method or a catalog endpoint name (its method is the catalog's).
    """
    expected = method if method in HTTP_METHODS else method_of(method)
    assert request.method == expected
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


def is_warsaw(value: Any) -> bool:
    """True for an aware datetime in the account's zone (Europe/Warsaw)."""
    return getattr(value, "tzinfo", None) is WARSAW


# --- a client into FakeThulium ---------------------------------------------------------------


def campaign_fake(*numbers: str) -> FakeThulium:
    """A fake holding campaign 00001 with one record per phone number, in that order."""
    fake = FakeThulium()
    fake.add_campaign("00001")
    for number in numbers:
        fake.add_record("00001", phone_number=number)
    return fake


@contextlib.asynccontextmanager
async def open_client(fake: FakeThulium, mode: str, **kwargs: Any) -> AsyncIterator[th.Client]:
    """A client into ``fake``: ``mode`` "in_process" or "loopback" (real HTTP on 127.0.0.1).

    Retries go without waits unless told otherwise; ``auth`` defaults to the fake's account.
    """
    kwargs.setdefault("retry", th.RetryPolicy.no_wait())
    # Drift between the models and the fake must fail the tests (the fake's client is strict too).
    kwargs.setdefault("strict_responses", True)
    if mode == "in_process":
        async with fake.client(**kwargs) as client:
            yield client
        return
    auth = kwargs.pop("auth", (fake.username, fake.password))
    async with fake.serve() as base_url, th.Client(base_url, auth=auth, **kwargs) as client:
        yield client


# --- a loopback HTTP server for tests that need real sockets ---------------------------------

Scope = dict[str, Any]
ASGIApp = Callable[
    [Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]
]


@contextlib.asynccontextmanager
async def serve_asgi(app: ASGIApp) -> AsyncIterator[str]:
    """Serve an ASGI app with uvicorn on 127.0.0.1 (free port); yields ``http://127.0.0.1:PORT``."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


def slow_json_app(delay: float, body: Any) -> ASGIApp:
    """An app that answers every request with ``body`` after ``delay`` seconds."""
    payload = orjson.dumps(body)

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await asyncio.sleep(delay)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    return app


# --- fixtures (registered for the whole suite by tests/conftest.py) --------------------------


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    """A respx router on the account's base URL; every route it holds must be called."""
    with respx.mock(using="httpcore2", base_url=BASE_SLASH, assert_all_called=True) as mock:
        yield mock


@pytest.fixture
def guard() -> Iterator[respx.MockRouter]:
    """A respx router that answers anything with 500 and records it: for "no request" tests."""
    with respx.mock(using="httpcore2", base_url=BASE_SLASH, assert_all_called=False) as mock:
        mock.route(name="anything").respond(500)
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[th.Client]:
    """A client with retries and the status lookup turned off."""
    async with make_client() as instance:
        yield instance


@pytest.fixture
async def checked_client() -> AsyncIterator[th.Client]:
    """A client that looks campaign statuses up before record writes."""
    async with make_client(check_statuses=True) as instance:
        yield instance
