"""Observation points: what a metrics or tracing plug-in receives."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

__all__ = ["Hooks", "RequestEvent", "ResponseEvent", "RetryEvent"]


@attrs.frozen(kw_only=True)
class RequestEvent:
    """An attempt is about to be sent."""

    method: str
    url: str
    attempt: int


@attrs.frozen(kw_only=True)
class ResponseEvent:
    """An attempt got an answer (any status)."""

    method: str
    url: str
    attempt: int
    status_code: int
    elapsed: float
    request_id: str | None


@attrs.frozen(kw_only=True)
class RetryEvent:
    """An attempt failed and another one follows after ``delay`` seconds."""

    method: str
    url: str
    attempt: int
    delay: float
    reason: str


def _tuple(value: Sequence[Callable[..., None]] | None) -> tuple[Callable[..., None], ...]:
    return tuple(value or ())


@attrs.frozen(kw_only=True)
class Hooks:
    """Callables run once per attempt; they must be quick and must not raise.

    A hook that raises is logged and ignored: observation never breaks a call.
    """

    on_request: tuple[Callable[[RequestEvent], None], ...] = attrs.field(
        default=(), converter=_tuple
    )
    on_response: tuple[Callable[[ResponseEvent], None], ...] = attrs.field(
        default=(), converter=_tuple
    )
    on_retry: tuple[Callable[[RetryEvent], None], ...] = attrs.field(default=(), converter=_tuple)
