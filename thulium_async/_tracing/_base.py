"""The tracing interface the transport, paginator and bulk engine call, and its no-op."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any, Protocol

import httpx2

__all__ = ["Answer", "AttemptRecorder", "BulkRecorder", "CallInfo", "Recorder", "Tracing"]


class Answer(Protocol):
    """What an attempt recorder reads from a 2xx answer (RawResponse, StreamedResponse)."""

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        ...

    @property
    def headers(self) -> Mapping[str, str]:
        """The answer's headers."""
        ...


class CallInfo(Protocol):
    """What an attempt recorder reads from the transport's call state, before the attempt."""

    @property
    def attempts(self) -> int:
        """Attempts made so far (the one starting is ``attempts + 1``)."""
        ...

    @property
    def decision(self) -> Any:
        """The last attempt's retry decision (its ``reason``), or None."""
        ...


class Recorder:
    """A span's lifetime as a context manager; the no-op base of every recorder."""

    __slots__ = ()

    def __enter__(self) -> Recorder:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.end(exc)

    def end(self, exc: BaseException | None) -> None:
        """Close the span; ``exc`` is what the block raised, if it did."""


class AttemptRecorder(Recorder):
    """One HTTP attempt; ``answered`` is told the 2xx answer (errors arrive as exceptions)."""

    __slots__ = ()

    def __enter__(self) -> AttemptRecorder:
        return self

    def answered(self, answer: Answer) -> None:
        """The attempt got ``answer`` (a status below 400)."""


class BulkRecorder(Recorder):
    """One bulk run; ``report`` is told its item counts when it ends."""

    __slots__ = ()

    def __enter__(self) -> BulkRecorder:
        return self

    def report(self, counts: Mapping[str, int]) -> None:
        """Item counts by outcome (and requests, retries, 429s) of the finished run."""


_NULL_CALL = Recorder()
_NULL_ATTEMPT = AttemptRecorder()
_NULL_BULK = BulkRecorder()


class Tracing:
    """Tracing off (``tracing=False``, or opentelemetry-api absent): shared no-op recorders."""

    enabled = False

    def call(self, request: httpx2.Request) -> Recorder:
        """The span of one client call (every attempt and retry of ``request``)."""
        del request
        return _NULL_CALL

    def attempt(self, request: httpx2.Request, call: CallInfo) -> AttemptRecorder:
        """The CLIENT span of one HTTP attempt, under the call's span."""
        del request, call
        return _NULL_ATTEMPT

    def bulk(self, operation: str) -> BulkRecorder:
        """The span of one bulk run; its requests are made under it."""
        del operation
        return _NULL_BULK
