"""HTTP Basic credentials check for incoming webhooks, in constant time."""

from __future__ import annotations

import binascii
import hmac
from base64 import b64decode

__all__ = ["BasicAuth"]


class BasicAuth:
    """Checks ``Authorization: Basic ...`` headers against one user and password."""

    __slots__ = ("_password", "_username")

    def __init__(self, username: str, password: str) -> None:
        self._username = username.encode("utf-8")
        self._password = password.encode("utf-8")

    def __repr__(self) -> str:
        return "BasicAuth(username=..., password=...)"

    def check(self, header: bytes | None) -> bool:
        """True when ``header`` (the raw Authorization value) carries the right credentials."""
        if not header:
            return False
        scheme, _, token = header.strip().partition(b" ")
        if scheme.lower() != b"basic":
            return False
        try:
            decoded = b64decode(token.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        username, colon, password = decoded.partition(b":")
        if not colon:
            return False
        # Compare both halves every time: a short-circuit would tell which one was wrong.
        user_ok = hmac.compare_digest(username, self._username)
        password_ok = hmac.compare_digest(password, self._password)
        return user_ok & password_ok
