"""The one place that turns an HTTP answer into a result or an exception."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import orjson

from ..errors import APIError, DecodeError, ErrorDetail, error_class_for_status

__all__ = ["RawResponse", "error_from_response"]


@attrs.frozen(kw_only=True)
class RawResponse:
    """One HTTP answer as received: status, headers, body, request id, timing.

    ``elapsed`` is the duration of the final attempt in seconds; ``attempts``
    counts the attempts the call needed; ``earlier_maybe_applied`` is True when
    an attempt before this answer may have been applied by the server (its
    answer was lost, or it got a 5xx): a "duplicate" in this answer may then be
    the call's own doing. ``headers`` look names up case-insensitively.
    """

    method: str
    url: str
    status_code: int
    headers: Mapping[str, str] = attrs.field(repr=False)
    content: bytes = attrs.field(repr=False)
    elapsed: float
    attempts: int = 1
    earlier_maybe_applied: bool = False

    @property
    def request_id(self) -> str | None:
        """Thulium's request id: the ``X-Request-Id`` header, else the body's."""
        header: str | None = self.headers.get("x-request-id")
        if header:
            return header
        body = self._json_or_none()
        if isinstance(body, Mapping):
            value = body.get("request_id")
            return str(value) if value is not None else None
        return None

    def json(self) -> Any:
        """The body parsed as JSON; None for 204 and empty bodies.

        Many action endpoints answer 2xx with an empty body or ``[]``: both are
        success, never an error.
        """
        if self.status_code == 204 or not self.content.strip():
            return None
        try:
            return orjson.loads(self.content)
        except orjson.JSONDecodeError as exc:
            raise DecodeError(
                f"answer is not JSON ({exc})", method=self.method, url=self.url, body=self.content
            ) from None

    def _json_or_none(self) -> Any:
        try:
            return orjson.loads(self.content) if self.content else None
        except orjson.JSONDecodeError:
            return None


def _details(body: Any) -> list[ErrorDetail]:
    if not isinstance(body, Mapping):
        return []
    errors = body.get("errors")
    if isinstance(errors, list):
        details = []
        for item in errors:
            if isinstance(item, Mapping):
                code = item.get("code")
                details.append(
                    ErrorDetail(
                        code=int(code)
                        if isinstance(code, (int, str)) and str(code).isdigit()
                        else None,
                        message=str(item.get("message", "")),
                    )
                )
            else:
                details.append(ErrorDetail(code=None, message=str(item)))
        return details
    for key in ("message", "error"):
        if isinstance(body.get(key), str):
            return [ErrorDetail(code=None, message=body[key])]
    return []


_NO_SUCH_PATH = frozenset({404, 405, 501})


def error_from_response(response: RawResponse) -> APIError:
    """The most specific APIError for an error answer, with Thulium's messages."""
    body = response._json_or_none()
    details = _details(body)
    if not details and response.content and body is None:
        text = response.content[:200].decode("utf-8", "replace").strip()
        if text:
            details = [ErrorDetail(code=None, message=text)]
    cls = error_class_for_status(response.status_code)
    error = cls(
        status_code=response.status_code,
        method=response.method,
        url=response.url,
        request_id=response.request_id,
        errors=details,
        body=response.content,
        headers={k: v for k, v in response.headers.items() if k.lower() != "set-cookie"},
        attempts=response.attempts,
        earlier_maybe_applied=response.earlier_maybe_applied,
    )
    if response.status_code in _NO_SUCH_PATH and "api" not in response.url.split("?")[0].split("/"):
        # Thulium serves its API under /api: a base URL without it reaches
        # nothing (a 404 from Thulium, a 501 from FakeThulium), which reads as
        # a missing object unless the message says why.
        error.args = (f"{error.args[0]} -- the URL has no /api path: did you forget /api?",)
    return error
