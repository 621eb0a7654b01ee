"""The rejects file spills sorted runs and merges them back: bounded memory, every row, in order."""

from __future__ import annotations

import csv
import json

import pytest

from tests.cli.support import invoke, write
from thulium_async.cli import _rejects
from thulium_async.cli._lines import LineMap
from thulium_async.cli._rejects import Rejects


def rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def tiny_buffer(monkeypatch):
    """Spill every 3 rows, so a handful of rows exercises the runs and their merge."""
    monkeypatch.setattr(_rejects, "_BUFFER", 3)


def test_spilled_runs_merge_back_in_line_order_and_are_removed(tmp_path, tiny_buffer):
    """Rows added out of order come out sorted; no run file is left beside the rejects."""
    rejects = Rejects(tmp_path / "r.csv", ["phone_number", "note"])
    for line in (9, 2, 7, 4, 11, 3, 8, 5, 10, 6):
        rejects.add(line, f"reason {line}", {"phone_number": f"60000000{line}", "note": None})
    assert len(list(tmp_path.glob(".rejects-*"))) == 3  # three full runs of 3 spilled
    assert rejects.write() == 10
    written = rows(tmp_path / "r.csv")
    assert [int(r["line"]) for r in written] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert written[0] == {
        "line": "2",
        "reason": "reason 2",
        "phone_number": "600000002",
        "note": "",
    }
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


def test_runs_merge_in_tiers_so_few_files_are_ever_open(tmp_path, tiny_buffer, monkeypatch):
    """With 2 runs per tier, 100 rows in 33 runs leave at most a few files on disk."""
    monkeypatch.setattr(_rejects, "_FAN_IN", 2)
    rejects = Rejects(tmp_path / "r.csv", ["phone_number"])
    order = [(i * 37) % 100 + 1 for i in range(100)]  # 1..100, shuffled
    most = 0
    for line in order:
        rejects.add(line, "x", {"phone_number": str(line)})
        most = max(most, len(list(tmp_path.glob(".rejects-*"))))
    assert most <= 6  # one run per tier at most once merged: log2(33) tiers
    assert rejects.write() == 100
    assert [int(r["line"]) for r in rows(tmp_path / "r.csv")] == list(range(1, 101))
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


def test_unfinished_rows_are_left_out_on_request(tmp_path, tiny_buffer):
    """An interrupted import writes refused rows only; the unfinished runs are removed too."""
    rejects = Rejects(tmp_path / "r.csv", ["phone_number"])
    for line in range(2, 12):
        rejects.add(line, "refused" if line % 2 else "not_attempted: x", {"phone_number": "1"},
                    unfinished=not line % 2)  # fmt: skip
    assert rejects.write(unfinished=False) == 5
    assert [r["line"] for r in rows(tmp_path / "r.csv")] == ["3", "5", "7", "9", "11"]
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


def test_values_json_cannot_carry_survive_the_spill(tmp_path, tiny_buffer):
    """An id past 64 bits (JSON Lines input) is written as its digits, not lost to an error."""
    rejects = Rejects(tmp_path / "r.csv", None)
    big = 99999999999999999999
    for line in range(1, 8):
        rejects.add(line, "too big", {"phone_number": "600", "status_id": big})
    rejects.add(8, "not valid JSON", "{oops")
    assert rejects.write() == 8
    written = rows(tmp_path / "r.csv")
    assert json.loads(written[0]["record"]) == {"phone_number": "600", "status_id": big}
    assert written[-1]["record"] == "{oops"


def test_no_rows_means_no_file_and_an_old_one_is_removed(tmp_path):
    """A clean (resumed) run leaves no rejects file behind."""
    old = write(tmp_path / "r.csv", "line,reason\n2,old\n")
    assert Rejects(old, ["phone_number"]).write() == 0
    assert not old.exists()


def test_the_line_map_stores_changes_only_and_finds_every_line():
    """Lines of items around blank and unreadable lines; unknown indexes read 0."""
    lines = [2, 3, 4, 7, 8, 9, 10, 15, 16]
    mapping = LineMap()
    for line in lines:
        mapping.append(line)
    assert [mapping[i] for i in range(len(lines))] == lines
    assert len(mapping._starts) == 3  # three stretches, not nine entries
    assert mapping[-1] == mapping[len(lines)] == 0


def test_an_import_with_many_rejects_writes_every_row_in_order(served, tmp_path, tiny_buffer):
    """Bad numbers and unknown statuses, spilled in runs of 3: every refused row, sorted."""
    body = "".join(
        f"{'12-34' if i % 3 == 0 else f'7400{i:05d}'},Kraków,{'999' if i % 3 == 1 else ''}\n"
        for i in range(40)
    )
    source = write(tmp_path / "many.csv", "phone_number,city,status_id\n" + body)
    result = invoke(["records", "import", str(source), "-c", "2"], env=served.env())
    assert result.exit_code == 1, result.output
    written = rows(tmp_path / "many.csv.rejects.csv")
    assert [int(r["line"]) for r in written] == [i + 2 for i in range(40) if i % 3 != 2]
    for row in written:
        field = "phone_number" if row["phone_number"] == "12-34" else "status_id"
        assert row["reason"].startswith(f"{field}: expected"), row
    assert len(served.fake.records("00002")) == 13
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.csv", "many.csv.rejects.csv"]
