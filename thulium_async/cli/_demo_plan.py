"""What the demo does: its settings, its records (made on the fly) and its fault plan."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..models import NewRecord, RecordUpdate

__all__ = ["DemoPlan", "NewRecords", "StatusEdits", "fault_plan"]

EDIT_EVERY = 5  # every 5th record of each campaign gets the "Do not call" status
PAGE = 100  # records per batch request and per page


@attrs.frozen(kw_only=True)
class DemoPlan:
    """The demo's options."""

    records: int
    campaigns: int
    latency: float
    faults: bool
    output_dir: Path | None
    seed: int
    concurrency: int
    keep: bool | None = None  # None: keep a CSV written to output_dir, not a temp one

    @property
    def keeps_export(self) -> bool:
        """Whether the CSV stays after the run."""
        return self.keep if self.keep is not None else self.output_dir is not None

    def sizes(self) -> list[int]:
        """Records per campaign (the total split as evenly as it goes)."""
        share, extra = divmod(self.records, self.campaigns)
        return [share + (index < extra) for index in range(self.campaigns)]

    def first_number(self, index: int) -> int:
        """The first phone number of the ``index``-th campaign (numbers are consecutive)."""
        return 500_000_000 + index * 10_000_000 + random.Random(self.seed).randrange(1000) * 1000


class NewRecords:
    """A campaign's new records, made as the bulk call reads them (sized: bars know the total)."""

    def __init__(self, first: int, count: int) -> None:
        self.first = first
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[NewRecord]:
        for offset in range(self.count):
            yield NewRecord(phone_number=str(self.first + offset), identifier=f"D{offset:07d}")


class StatusEdits:
    """Every EDIT_EVERY-th record of a campaign, moved to ``status_id``."""

    def __init__(self, first: int, count: int, status_id: int) -> None:
        self.first = first
        self.count = count
        self.status_id = status_id

    def __len__(self) -> int:
        return len(range(0, self.count, EDIT_EVERY))

    def __iter__(self) -> Iterator[RecordUpdate]:
        for offset in range(0, self.count, EDIT_EVERY):
            phone = str(self.first + offset)
            yield RecordUpdate(phone_number=phone, status_id=self.status_id)


def fault_plan(plan: DemoPlan) -> Any:
    """Latency on every request; with faults, a few planned ones on the records endpoints.

    Each phase (load, status edits, export) meets a 503, a 429 (Retry-After
    1 s) and a connection dropped after the server applied the request, at
    request numbers drawn from the seed. Campaign creation is left alone: a
    lost answer to ``POST outbounds`` is ambiguous and never retried.
    """
    from thulium_async.testing import Fault, FaultPlan

    latency, jitter = plan.latency * 0.75, plan.latency * 0.5
    if not plan.faults:
        return FaultPlan(latency=latency, jitter=jitter)
    load = sum(math.ceil(size / PAGE) for size in plan.sizes())
    edits = sum(math.ceil(math.ceil(size / EDIT_EVERY) / PAGE) for size in plan.sizes())
    draw = random.Random(f"{plan.seed}:demo-faults")
    faults = (Fault.SERVER_ERROR_503, Fault.TOO_MANY_REQUESTS_429, Fault.DROP_AFTER_COMMIT)
    planned: dict[int, Fault] = {}
    start = 1
    for size in (load, edits, load):
        slots = range(start, start + max(1, size * 9 // 10))
        numbers = draw.sample(slots, min(len(slots), len(faults)))
        planned.update(zip(numbers, faults[: len(numbers)], strict=True))
        start += size
    return FaultPlan(
        latency=latency, jitter=jitter, on_requests=planned, on_requests_match="*records"
    )
