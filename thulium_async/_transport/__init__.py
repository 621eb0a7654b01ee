"""Layer 1: HTTP, auth, limits, retries. Knows no resource and no model."""

from ._body import DEFAULT_MAX_BODY
from ._capture import ResponseLog, capture_responses
from ._limiter import Limiter
from ._pool import ShardedTransport
from ._response import RawResponse
from ._stream import StreamedResponse
from ._transport import QueryParams, Transport, TransportStats, basic_auth_header

__all__ = [
    "DEFAULT_MAX_BODY",
    "Limiter",
    "QueryParams",
    "RawResponse",
    "ResponseLog",
    "ShardedTransport",
    "StreamedResponse",
    "Transport",
    "TransportStats",
    "basic_auth_header",
    "capture_responses",
]
