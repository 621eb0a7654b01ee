"""What the fake saw: the request log and the counters."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from ._faults import Fault

__all__ = ["Counters", "ReceivedRequest"]


@attrs.frozen(kw_only=True)
class ReceivedRequest:
    """One request as the fake received it and what it answered.

    ``path`` is relative to ``/api/`` (``"outbounds/00001/records"``), ``endpoint`` the
    templated form (``"POST outbounds/{id}/records"``, or ``"METHOD path"`` when not
    simulated), ``query`` the (name, value) pairs in order, ``json`` the parsed body
    (None when empty or not JSON). ``status`` is None when the connection was dropped;
    ``fault`` names the injected fault, if any.
    """

    method: str
    path: str
    endpoint: str
    query: tuple[tuple[str, str], ...]
    json: Any
    status: int | None
    fault: Fault | None = None


@attrs.define(kw_only=True)
class Counters:
    """Running totals; read them at any time (``fake.counters``).

    ``by_endpoint[("POST outbounds/{id}/records", 201)]`` counts answers per templated
    endpoint and status (status None = dropped connection); ``by_status`` the same per
    status. ``in_flight`` and ``peak_concurrency`` count requests being handled
    (latency included). ``throttled`` counts every 429, ``drops`` every cut connection,
    ``faults`` every injected fault by kind; ``rate_limited`` and ``over_concurrency``
    count the requests refused by the token bucket and the concurrency cap.
    ``ignored_params[("GET tickets", "page")]`` counts the undocumented query
    parameters a non-strict fake ignored, per endpoint and name.
    """

    total: int = 0
    by_endpoint: Counter[tuple[str, int | None]] = attrs.field(factory=Counter)
    by_status: Counter[int | None] = attrs.field(factory=Counter)
    in_flight: int = 0
    peak_concurrency: int = 0
    throttled: int = 0
    drops: int = 0
    rate_limited: int = 0
    over_concurrency: int = 0
    faults: Counter[Fault] = attrs.field(factory=Counter)
    ignored_params: Counter[tuple[str, str]] = attrs.field(factory=Counter)

    def count(self, endpoint: str, status: int | None = None) -> int:
        """Answers for ``"METHOD template"``, all statuses or one."""
        if status is not None:
            return self.by_endpoint[(endpoint, status)]
        return sum(n for (name, _), n in self.by_endpoint.items() if name == endpoint)

    def summary(self) -> dict[str, Any]:
        """A JSON-friendly snapshot (for printing at the end of a run)."""
        return {
            "total": self.total,
            "by_endpoint": {
                f"{e} -> {s}": n for (e, s), n in sorted(self.by_endpoint.items(), key=str)
            },
            "peak_concurrency": self.peak_concurrency,
            "throttled": self.throttled,
            "drops": self.drops,
            "rate_limited": self.rate_limited,
            "over_concurrency": self.over_concurrency,
            "faults": {f.name: n for f, n in self.faults.items()},
            "ignored_params": {
                f"{e} ?{name}": n for (e, name), n in sorted(self.ignored_params.items())
            },
        }
