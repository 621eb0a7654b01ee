"""A loader process for the crash and Ctrl-C tests: ``python -m tests.bulk.loader URL JOURNAL N``.

Loads N records (one request each, slowly) into the fake at URL with a journal,
prints "started" once going, and on Ctrl-C prints the report's counts as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys

import thulium_async as th
from tests.bulk.support import records
from thulium_async.bulk import BulkJob, Progress

jobs: list[BulkJob] = []


async def main(url: str, journal: str, n: int) -> None:
    """Run the load."""
    async with th.Client(url, auth=("api_user", "api_pass")) as client:
        job = client.bulk.create_records(
            records(n), batch=False, concurrency=4, journal=journal, on_progress=started
        )
        jobs.append(job)
        await job


def started(progress: Progress) -> None:
    """Tell the parent the load is under way (once)."""
    if progress.done and not getattr(started, "said", False):
        started.said = True  # type: ignore[attr-defined]
        print("started", flush=True)


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
    except KeyboardInterrupt:
        report = jobs[0].report
        counts = {outcome.value: n for outcome, n in report.counts.items()}
        print(json.dumps({"cancelled": report.cancelled, "total": report.total, **counts}))
        sys.exit(130)
