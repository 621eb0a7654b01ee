"""Client(...) arguments: each bad one is an InputError naming it; the password stays hidden."""

from __future__ import annotations

import traceback
from typing import Any

import pytest

import thulium_async as th
from thulium_async.errors import InputError

URL = "https://acme.thulium.com/api"
SECRET = "s3cret-pa55"

BAD: dict[str, Any] = {
    "timezone": "No/Zone",
    "rate_limit": "x",
    "retry": 3,
    "hooks": object(),
    "user_agent": "café/1.0",
    "language": "pl\n",
    "http_client": "client",
    "max_response_bytes": -1,
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_argument_is_an_input_error_naming_it(name: str) -> None:
    """No ZoneInfoNotFoundError, AttributeError or UnicodeEncodeError: InputError(name)."""
    with pytest.raises(InputError) as caught:
        th.Client(URL, auth=("api_user", SECRET), **{name: BAD[name]})
    assert caught.value.field == name


@pytest.mark.parametrize("name", list(BAD))
def test_no_frame_of_a_constructor_error_holds_the_password(name: str) -> None:
    """Every local of every frame of ours, as a traceback with locals would print it."""
    try:
        th.Client(URL, auth=("api_user", SECRET), **{name: BAD[name]})
    except InputError as error:
        shown = traceback.TracebackException.from_exception(error, capture_locals=True)
        text = "".join(shown.format())
    assert "Client" in text
    assert SECRET not in text
    assert "YXBpX3VzZXI6czNjcmV0LXBhNTU" not in text  # nor its Basic token


def test_bad_auth_never_shows_the_password() -> None:
    """A malformed auth pair: InputError, password redacted in message and locals."""
    with pytest.raises(InputError) as caught:
        th.Client(URL, auth=("api_user", SECRET, "extra"))  # type: ignore[arg-type]
    assert caught.value.field == "auth"
    shown = traceback.TracebackException.from_exception(caught.value, capture_locals=True)
    assert SECRET not in "".join(shown.format())


def test_repr_of_a_half_built_client_does_not_raise() -> None:
    """A constructor that failed midway leaves an object whose repr still works."""
    client = th.Client.__new__(th.Client)
    assert "not built" in repr(client)
