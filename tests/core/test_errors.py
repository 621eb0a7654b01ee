"""Errors: status -> class, messages with Thulium's text and request id, no password anywhere."""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import pickle

import httpcore2
import httpx
import httpx2
import pytest
import respx

import thulium_async as th
from tests.support import AUTHORIZATION, BASE, make_client
from thulium_async import errors

PASSWORD = "api_pass"
TOKEN = AUTHORIZATION.removeprefix("Basic ")
BODY = {
    "request_id": "53678450401cf",
    "errors": [
        {"message": "Wrong format of phone number.", "code": 111111},
        {"message": "Duplicated customer name.", "code": 222222},
    ],
}


def assert_no_secret(text: str | bytes) -> None:
    """Neither the password nor the Basic token appears in ``text``."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    assert PASSWORD not in text
    assert TOKEN not in text


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.ValidationError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (410, errors.GoneError),
        (429, errors.RateLimitError),
        (500, errors.ServerError),
        (502, errors.ServerError),
        (503, errors.ServerError),
        (418, errors.APIError),
    ],
)
async def test_status_maps_to_its_class(
    router: respx.MockRouter, client: th.Client, status: int, cls: type[errors.APIError]
) -> None:
    """Each error status raises its most specific class, carrying Thulium's messages."""
    route = router.get("outbounds").respond(status, json=BODY)
    with pytest.raises(errors.APIError) as caught:
        await client.outbounds.list()
    error = caught.value
    assert type(error) is cls
    assert isinstance(error, errors.ThuliumError)
    assert error.status_code == status
    assert error.messages == ["Wrong format of phone number.", "Duplicated customer name."]
    assert [detail.code for detail in error.errors] == [111111, 222222]
    assert route.call_count == 1
    assert errors.error_class_for_status(status) is cls


async def test_message_has_messages_request_id_method_and_url(
    router: respx.MockRouter, client: th.Client
) -> None:
    """str(error) names the call, the status, every message and the request id."""
    router.get("outbounds/00001/statuses").respond(400, json=BODY)
    with pytest.raises(errors.ValidationError) as caught:
        await client.outbounds.statuses.list("00001")
    text = str(caught.value)
    assert text.startswith(f"GET {BASE}/outbounds/00001/statuses -> 400: ")
    assert "Wrong format of phone number.; Duplicated customer name." in text
    assert "request_id=53678450401cf" in text
    assert caught.value.request_id == "53678450401cf"


async def test_request_id_comes_from_the_header_when_the_body_has_none(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A body without request_id falls back to the X-Request-Id header."""
    router.get("outbounds").respond(
        404,
        json={"errors": [{"message": "Not found", "code": "7"}]},
        headers={"X-Request-Id": "hdr-42"},
    )
    with pytest.raises(errors.NotFoundError) as caught:
        await client.outbounds.list()
    assert caught.value.request_id == "hdr-42"
    assert "request_id=hdr-42" in str(caught.value)
    assert caught.value.errors[0].code == 7


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<html><body>502 Bad Gateway</body></html>", "502 Bad Gateway"),
        (b"Service temporarily unavailable", "Service temporarily unavailable"),
        (b"", "no error message in the body"),
    ],
)
async def test_non_json_error_body_gives_a_readable_message(
    router: respx.MockRouter, client: th.Client, content: bytes, expected: str
) -> None:
    """An HTML or text error page still yields a message (and the raw body)."""
    router.get("outbounds").respond(502, content=content, headers={"Content-Type": "text/html"})
    with pytest.raises(errors.ServerError) as caught:
        await client.outbounds.list()
    assert expected in str(caught.value)
    assert caught.value.body == content
    assert caught.value.request_id is None


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"message": "Plain message"}, ["Plain message"]),
        ({"error": "Plain error"}, ["Plain error"]),
        ({"errors": ["bare string"]}, ["bare string"]),
        ([1, 2], []),
    ],
)
async def test_other_error_body_shapes(
    router: respx.MockRouter, client: th.Client, body: object, messages: list[str]
) -> None:
    """message/error keys and bare strings in errors are read; other shapes give no message."""
    router.get("outbounds").respond(400, json=body)
    with pytest.raises(errors.ValidationError) as caught:
        await client.outbounds.list()
    assert caught.value.messages == messages


async def test_retry_after_in_seconds(router: respx.MockRouter, client: th.Client) -> None:
    """A 429 with Retry-After: 7 reports retry_after == 7.0."""
    router.get("outbounds").respond(429, json=BODY, headers={"Retry-After": "7"})
    with pytest.raises(errors.RateLimitError) as caught:
        await client.outbounds.list()
    assert caught.value.retry_after == 7.0


async def test_retry_after_as_an_http_date(router: respx.MockRouter, client: th.Client) -> None:
    """A 429 with an HTTP-date Retry-After reports the seconds until that date."""
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=90)
    router.get("outbounds").respond(
        429, headers={"Retry-After": email.utils.format_datetime(later, usegmt=True)}
    )
    with pytest.raises(errors.RateLimitError) as caught:
        await client.outbounds.list()
    assert caught.value.retry_after is not None
    assert 80.0 <= caught.value.retry_after <= 90.0


async def test_retry_after_absent_or_unreadable_is_none(
    router: respx.MockRouter, client: th.Client
) -> None:
    """No or a garbled Retry-After gives retry_after None."""
    router.get("outbounds").mock(
        side_effect=[
            httpx.Response(429),
            httpx.Response(429, headers={"Retry-After": "soon"}),
        ]
    )
    for _ in range(2):
        with pytest.raises(errors.RateLimitError) as caught:
            await client.outbounds.list()
        assert caught.value.retry_after is None


async def test_connect_error_is_a_transport_error_not_reaching_the_server(
    router: respx.MockRouter, client: th.Client
) -> None:
    """httpcore2.ConnectError becomes TransportError with reached_server False."""
    router.get("outbounds").mock(side_effect=httpcore2.ConnectError("refused"))
    with pytest.raises(errors.TransportError) as caught:
        await client.outbounds.list()
    error = caught.value
    assert type(error) is errors.TransportError
    assert error.reached_server is False
    assert (error.method, error.url) == ("GET", f"{BASE}/outbounds")
    assert "ConnectError" in str(error)
    assert not isinstance(error, httpx2.HTTPError)


async def test_read_timeout_is_a_timeout_error(router: respx.MockRouter, client: th.Client) -> None:
    """httpcore2.ReadTimeout becomes our TimeoutError, which may have reached the server."""
    router.get("outbounds").mock(side_effect=httpcore2.ReadTimeout("slow"))
    with pytest.raises(errors.TimeoutError) as caught:
        await client.outbounds.list()
    assert isinstance(caught.value, errors.TransportError)
    assert caught.value.reached_server is None
    assert "ReadTimeout" in str(caught.value)


async def test_read_error_may_have_reached_the_server(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A connection lost after sending is a TransportError with reached_server None."""
    router.post("outbounds").mock(side_effect=httpcore2.ReadError("lost"))
    with pytest.raises(errors.TransportError) as caught:
        await client.outbounds.create(name="A", dialer="preview", crm=False)
    assert type(caught.value) is errors.TransportError
    assert caught.value.reached_server is None


async def test_undecodable_success_body_is_a_decode_error(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A 200 that is not JSON, or not the documented shape, raises DecodeError with the body."""
    router.get("outbounds").mock(
        side_effect=[
            httpx.Response(200, content=b"<html>maintenance</html>"),
            httpx.Response(200, json=[{"name": "no id"}]),
        ]
    )
    with pytest.raises(errors.DecodeError) as not_json:
        await client.outbounds.list()
    assert not_json.value.body == b"<html>maintenance</html>"
    with pytest.raises(errors.DecodeError, match=r"unexpected answer shape.*\$\[0\]\.id"):
        await client.outbounds.list()


def sample_errors() -> list[errors.ThuliumError]:
    """One instance of every error class, with its attributes filled in."""
    detail = [errors.ErrorDetail(code=1, message="Bad")]
    api = {
        "method": "GET",
        "url": f"{BASE}/outbounds",
        "request_id": "rid",
        "errors": detail,
        "body": b'{"errors": []}',
        "headers": {"retry-after": "3"},
        "attempts": 2,
        "earlier_maybe_applied": True,
    }
    instances: list[errors.ThuliumError] = [
        cls(status_code=status, **api)  # type: ignore[arg-type]
        for cls, status in [
            (errors.APIError, 418),
            (errors.ValidationError, 400),
            (errors.AuthenticationError, 401),
            (errors.PermissionDeniedError, 403),
            (errors.NotFoundError, 404),
            (errors.GoneError, 410),
            (errors.RateLimitError, 429),
            (errors.ServerError, 503),
        ]
    ]
    instances += [
        errors.InputError("records[2].phone_number", "digits", "111 222"),
        errors.TransportError(
            "boom", method="POST", url=BASE, delivery=errors.Delivery.ANSWER_LOST, attempts=3
        ),
        errors.TimeoutError("slow", method="GET", url=BASE, delivery=errors.Delivery.NOT_SENT),
        errors.DecodeError("bad", method="GET", url=BASE, body=b"x"),
        errors.ThuliumError("plain"),
    ]
    return instances


@pytest.mark.parametrize("error", sample_errors(), ids=lambda e: type(e).__name__)
def test_errors_survive_pickling(error: errors.ThuliumError) -> None:
    """pickle round trips keep the class, message and every attribute."""
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is type(error)
    assert str(clone) == str(error)
    assert clone.args == error.args
    assert vars(clone) == vars(error)
    if isinstance(error, errors.RateLimitError):
        assert clone.retry_after == 3.0
    if isinstance(error, errors.APIError):
        assert clone.messages == ["Bad"]
        assert clone.earlier_maybe_applied is True
        assert clone.maybe_applied is True


async def test_errors_from_the_wire_pickle(router: respx.MockRouter, client: th.Client) -> None:
    """An error raised by a real call pickles with its status, request id and messages."""
    router.get("outbounds").respond(404, json=BODY)
    with pytest.raises(errors.NotFoundError) as caught:
        await client.outbounds.list()
    clone = pickle.loads(pickle.dumps(caught.value))
    assert (clone.status_code, clone.request_id, clone.messages) == (
        404,
        "53678450401cf",
        caught.value.messages,
    )
    assert clone.body == caught.value.body


async def test_password_never_appears_in_errors_client_or_debug_logs(
    router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    """str/repr of errors and the client, pickles, and DEBUG log records hold no password."""
    caplog.set_level(logging.DEBUG, logger="thulium_async")
    router.get("outbounds").mock(
        side_effect=[
            httpx.Response(200, json=[]),
            httpx.Response(401, json={"request_id": "r", "errors": [{"message": "Bad auth"}]}),
        ]
    )
    router.post("outbounds").mock(side_effect=httpcore2.ConnectError("refused"))
    seen: list[errors.ThuliumError] = []
    async with make_client(retry=th.RetryPolicy.no_wait(max_attempts=2)) as client:
        assert_no_secret(repr(client))
        assert_no_secret(str(client))
        assert_no_secret(repr(client._transport))
        await client.outbounds.list()
        for call in (
            client.outbounds.list(),
            client.outbounds.create(name="A", dialer="preview", crm=False),
            client.outbounds.create(name="A", dialer="x", crm=False),
        ):
            with pytest.raises(errors.ThuliumError) as caught:
                await call
            seen.append(caught.value)
    assert [type(error) for error in seen] == [
        errors.AuthenticationError,
        errors.TransportError,
        errors.InputError,
    ]
    for error in seen:
        assert_no_secret(str(error))
        assert_no_secret(repr(error))
        assert_no_secret(pickle.dumps(error))
    assert any(record.levelno == logging.DEBUG for record in caplog.records)
    for record in caplog.records:
        assert_no_secret(record.getMessage())
        assert_no_secret(repr(record.args))
    assert_no_secret(caplog.text)


def test_bad_auth_and_credential_urls_are_refused_without_echo() -> None:
    """Client construction errors never echo the password."""
    with pytest.raises(errors.InputError) as bad_url:
        th.Client(f"https://api_user:{PASSWORD}@acme.thulium.com/api", auth=("u", "p"))
    with pytest.raises(errors.InputError) as bad_auth:
        th.Client(BASE, auth=("api_user", PASSWORD, "extra"))  # type: ignore[arg-type]
    for error in (bad_url.value, bad_auth.value):
        assert_no_secret(str(error))
        assert_no_secret(repr(error))
        assert_no_secret(pickle.dumps(error))


def test_error_tree() -> None:
    """InputError is a ValueError; every error is a ThuliumError."""
    assert issubclass(errors.InputError, ValueError)
    assert issubclass(errors.TimeoutError, errors.TransportError)
    for name in errors.__all__:
        value = getattr(errors, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, errors.ThuliumError)
