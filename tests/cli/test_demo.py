"""``thulium demo``: the whole job on an embedded fake, in process and as a real process."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import time
from pathlib import Path

from tests.cli.support import invoke, run_cli
from thulium_async.cli._demo_plan import DemoPlan, fault_plan
from thulium_async.cli._demo_view import Verdict
from thulium_async.testing import Fault


def plan(**changes):
    values = {
        "records": 30_000,
        "campaigns": 5,
        "latency": 0.02,
        "faults": True,
        "output_dir": None,
        "seed": 0,
    }
    values.update(changes)
    return DemoPlan(concurrency=32, **values)


def flat(text: str) -> str:
    """The text with its line wrapping undone (rich wraps at 80 columns in tests)."""
    return " ".join(text.split())


def csv_rows(path: Path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_demo_in_process(tmp_path):
    args = ["demo", "--records", "400", "--campaigns", "4", "--latency", "0.001"]
    result = invoke([*args, "--output-dir", str(tmp_path), "--seed", "7"])
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "✓ 400 records loaded, 400 stored on the server, 400 exported" in text
    assert "0 missing, 0 duplicated" in text
    assert "Faults the fake injected:" in text
    assert "503 x" in text
    rows = csv_rows(tmp_path / "records.csv")
    assert len(rows) == 400
    assert len({r["phone_number"] for r in rows}) == 400
    assert sorted({r["campaign_id"] for r in rows}) == ["00001", "00002", "00003", "00004"]
    edited = [r for r in rows if r["system_status"] == "NO_CALL"]
    assert len(edited) == 80  # every fifth record of each campaign
    assert f"CSV export: {tmp_path / 'records.csv'} (400 rows)" in text


def test_demo_without_faults_and_odd_sizes(tmp_path):
    args = ["demo", "--records", "23", "--campaigns", "3", "--latency", "0", "--no-faults"]
    result = invoke([*args, "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Faults the fake injected: none" in flat(result.stdout)
    assert len(csv_rows(tmp_path / "records.csv")) == 23


def test_demo_as_a_process(tmp_path):
    done = run_cli(["demo", "--records", "500", "--output-dir", str(tmp_path)], timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "500 records loaded, 500 stored on the server, 500 exported" in flat(done.stdout)
    assert "Summary" in done.stdout
    assert len(csv_rows(tmp_path / "records.csv")) == 500


def test_demo_options_are_checked():
    result = invoke(["demo", "--records", "0"])
    assert result.exit_code == 2
    assert "--records" in result.stderr


def test_faults_hit_every_phase_of_the_records_traffic():
    faults = fault_plan(plan())
    assert faults.on_requests_match == "*records"
    planned = sorted(faults.on_requests.items())
    assert len(planned) == 9
    load = [number for number, _ in planned if number <= 300]
    edits = [number for number, _ in planned if 300 < number <= 360]
    export = [number for number, _ in planned if number > 360]
    assert len(load) == len(edits) == len(export) == 3
    assert set(faults.on_requests.values()) == {
        Fault.SERVER_ERROR_503,
        Fault.TOO_MANY_REQUESTS_429,
        Fault.DROP_AFTER_COMMIT,
    }
    assert 0.015 <= faults.latency + faults.jitter / 2 <= 0.025
    quiet = fault_plan(plan(faults=False))
    assert not quiet.on_requests
    assert quiet.latency > 0


def test_the_split_and_the_verdict():
    assert plan(records=23, campaigns=3).sizes() == [8, 8, 7]
    good = Verdict(
        expected=10,
        stored=10,
        exported=10,
        missing=0,
        duplicated=0,
        edited_expected=2,
        edited_found=2,
    )
    assert good.ok
    assert not Verdict(
        expected=10,
        stored=10,
        exported=11,
        missing=0,
        duplicated=1,
        edited_expected=2,
        edited_found=2,
    ).ok


def test_a_wrong_status_fails_the_verdict():
    verdict = Verdict(
        expected=10,
        stored=10,
        exported=10,
        missing=0,
        duplicated=0,
        edited_expected=2,
        edited_found=2,
        wrong_status=1,
    )
    assert not verdict.ok
    assert "1 records in the wrong status" in verdict.lines()[1]
    assert verdict.lines()[0].startswith("[green]✓")


def test_demo_and_fake_server_say_which_extra_they_need(monkeypatch):
    real = importlib.util.find_spec

    def find_spec(name, *args):
        return None if name == "uvicorn" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    for command in (["demo"], ["fake-server"]):
        result = invoke(command)
        assert result.exit_code == 1
        assert "pip install 'thulium-async[cli,testing]'" in result.stderr


def test_summary_counts_campaigns_as_campaigns(tmp_path):
    """The Create row says "4 campaigns", never a bare 4 under a Records heading."""
    args = ["demo", "--records", "40", "--campaigns", "4", "--latency", "0", "--no-faults"]
    result = invoke([*args, "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    create = next(line for line in result.stdout.splitlines() if "Create" in line)
    assert "4 campaigns" in create


def _export_path(stdout: str) -> Path:
    return Path(flat(stdout).split("CSV export: ", 1)[1].split(" (", 1)[0])


def test_temp_export_is_deleted_unless_kept():
    """Without --output-dir the CSV's temp dir is removed (and said so); --keep keeps it."""
    args = ["demo", "--records", "20", "--campaigns", "2", "--latency", "0", "--no-faults"]
    result = invoke(args)
    assert result.exit_code == 0, result.output
    assert "deleted now (--keep keeps it)" in flat(result.stdout)
    assert not _export_path(result.stdout).parent.exists()
    kept = invoke([*args, "--keep"])
    assert kept.exit_code == 0, kept.output
    path = _export_path(kept.stdout)
    try:
        assert path.exists()
        assert "kept (--no-keep deletes it)" in flat(kept.stdout)
    finally:
        shutil.rmtree(path.parent)


def test_no_keep_deletes_the_csv_from_the_output_dir(tmp_path):
    """--no-keep with --output-dir removes the CSV only, never the caller's directory."""
    args = ["demo", "--records", "20", "--campaigns", "2", "--latency", "0", "--no-faults"]
    result = invoke([*args, "--output-dir", str(tmp_path), "--no-keep"])
    assert result.exit_code == 0, result.output
    assert tmp_path.exists()
    assert not (tmp_path / "records.csv").exists()


def test_progress_bars_show_a_rate():
    """advance() moves a bar and fills its rate field, as the bulk bars have."""
    from rich.progress import Progress

    from thulium_async.cli._summary import add_task, advance

    progress = Progress()
    task = add_task(progress, "Exporting 00001", 100)
    time.sleep(0.01)
    advance(progress, task, 50)
    assert progress.tasks[task].fields["rate"].endswith("/s")
    assert progress.tasks[task].completed == 50
