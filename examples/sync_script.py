"""Recipe: a plain script (cron job) that exports a campaign's records as CSV.

Run it::

    export THULIUM_BASE_URL=https://acme.thulium.com/api THULIUM_USER=... THULIUM_PASSWORD=...
    python examples/sync_script.py 00001 > records.csv
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from typing import TextIO

import thulium_async as th


def export_records(client: th.SyncClient, campaign_id: str, out: TextIO) -> int:
    """Write the campaign's records as CSV rows; return how many were written."""
    writer = csv.writer(out)
    writer.writerow(["record_id", "phone_number", "status"])
    written = 0
    for record in client.outbounds.records.list(campaign_id):  # pages fetched as needed
        writer.writerow([record.record_id, record.phone_number, record.status])
        written += 1
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``sync_script.py CAMPAIGN_ID``: the CSV on stdout, a summary on stderr."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: sync_script.py CAMPAIGN_ID", file=sys.stderr)
        return 2
    try:
        with th.SyncClient.from_env() as client:
            written = export_records(client, args[0], sys.stdout)
    except th.errors.ThuliumError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{written} records", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
