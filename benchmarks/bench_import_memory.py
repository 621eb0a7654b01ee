"""Peak memory of ``thulium records import`` over a file of junk rows.

A file of ``--mb`` megabytes (default 200) where no row can be loaded as is:
bad phone numbers, ids too large for the API, rows with a value too many,
empty numbers, and rows repeating one of a few numbers (the first of each is
created, the rest are REPEATED; in the fake, whose campaign has no ``note``
field, those are refused too). The CLI runs in a fresh process on the
embedded fake (``--fake``), once importing and once with ``--dry-run``; each
prints its peak RSS (VmHWM) as it exits. Goal: < 200 MB for 200 MB of junk,
and every row accounted for in the rejects file.

Run: ``uv run python benchmarks/bench_import_memory.py [--mb 200]`` (about 2
minutes per 100 MB on one core; the file goes to a temporary directory).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._harness import print_table

_COLUMNS = ["phone_number", "dictionary_status_id", "first_name", "city", "note"]
# Exits the CLI normally and prints this process's peak RSS (VmHWM) on stderr.
_RUN_CLI = """
import atexit, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("PEAK_KB", line.split()[1], file=sys.stderr)
atexit.register(_peak)
from thulium_async.cli import main
sys.argv = ["thulium", *sys.argv[1:]]
main()
"""


def junk_rows(megabytes: int, path: Path) -> int:
    """Write the junk file; the number of data rows."""
    target = megabytes * 1_000_000
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(_COLUMNS)
        while handle.tell() < target:
            for n in range(10_000):
                kind = n % 10
                name, city, note = f"Jan{n}", "Kraków", "call after 5 pm, ask for the manager"
                if kind < 5:
                    row = [f"48x{n:07d}", "", name, city, note]  # not a phone number
                elif kind == 5:
                    row = [f"48600{n:06d}", "99999999999999999999", name, city, note]
                elif kind == 6:
                    row = [f"48600{n:06d}", "", name, city, note, "one value too many"]
                elif kind == 7:
                    row = ["", "", name, city, note]  # no number at all
                else:
                    row = [f"4860000000{n % 7}", "", name, city, note]  # repeats
                writer.writerow(row)
            rows += 10_000
    return rows


def run_cli(*args: str) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of one CLI run in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _RUN_CLI, *args],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    elapsed = time.perf_counter() - started
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK_KB")]
    if done.returncode not in (0, 1) or not peaks:
        raise SystemExit(f"thulium {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return int(peaks[-1]) / 1024, elapsed


def count_rejects(path: Path) -> int:
    """Rows in a rejects file (not counting its header)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the junk file")
    megabytes = parser.parse_args().mb
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "junk.csv"
        rows = junk_rows(megabytes, path)
        size = path.stat().st_size / 1_000_000
        table = []
        for label, extra in (("import", ()), ("import --dry-run", ("--dry-run",))):
            rejects = Path(directory) / f"rejects-{len(extra)}.csv"
            peak, elapsed = run_cli(
                "records", "import", str(path), "--campaign", "00001", "--fake",
                "--rejects", str(rejects), *extra,
            )  # fmt: skip
            table.append(
                [label, f"{rows:,}", f"{count_rejects(rejects):,}", f"{elapsed:.0f}", f"{peak:.0f}"]
            )
    print_table(
        f"thulium records import of {size:.0f} MB of junk rows (goal: peak RSS < 200 MB; "
        "every row refused and written to the rejects file)",
        ["run", "rows", "rejected rows written", "seconds", "peak RSS MB"],
        table,
    )


if __name__ == "__main__":
    main()
