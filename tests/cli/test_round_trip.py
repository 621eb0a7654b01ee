"""File in, through a fake, file out: equal.

Batches are sent concurrently, so a campaign stores the rows in the order
their batches completed: the files are compared as sets of rows.
"""

from __future__ import annotations

import csv
import json

from tests.cli.support import invoke, run_cli, served_process, write

DATA = ("phone_number", "identifier", "record_fields.first_name", "record_fields.city")


def data_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return sorted(tuple(row[column] for column in DATA) for row in csv.DictReader(handle))


def test_processes_import_then_export_return_the_file(tmp_path):
    """``python -m thulium_async.testing`` serves; two ``thulium`` processes load and unload."""
    rows = [
        (f"6011{i:05d}", f"K{i}", f"Imię {i}", "Kraków" if i % 2 else "Łódź") for i in range(400)
    ]
    source = tmp_path / "in.csv"
    with open(source, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["phone_number", "identifier", "first_name", "city"])
        writer.writerows(rows)
    command = ["thulium_async.testing", "--campaigns", "1", "--latency", "0.002"]
    output = tmp_path / "out.csv"
    with served_process(command) as base_url:
        env = {"THULIUM_BASE_URL": base_url, "THULIUM_USER": "api_user"}
        env["THULIUM_PASSWORD"] = "api_pass"
        loaded = run_cli(["records", "import", str(source), "-c", "1"], env=env)
        assert loaded.returncode == 0, loaded.stderr
        assert "400" in loaded.stdout
        exported = run_cli(["records", "export", "-c", "1", "-o", str(output)], env=env)
        assert exported.returncode == 0, exported.stderr
    assert data_rows(output) == sorted(rows)


def test_an_export_imports_again_and_jsonl_round_trips(served, tmp_path):
    env = served.env()
    first = tmp_path / "first.csv"
    assert invoke(["records", "export", "-c", "1", "-o", str(first)], env=env).exit_code == 0
    # Status ids belong to one campaign: a copy into another one drops them (and says so).
    refused = invoke(["records", "import", str(first), "-c", "2", "--dry-run"], env=env)
    assert refused.exit_code == 1  # the dry run looked campaign 2's statuses up: foreign ids
    assert "invalid" in refused.stdout
    without_status = tmp_path / "copy.csv"
    with (
        open(first, newline="", encoding="utf-8") as src,
        open(without_status, "w", newline="", encoding="utf-8") as dst,
    ):
        reader = csv.DictReader(src)
        columns = [c for c in reader.fieldnames or () if c != "status_id"]
        writer = csv.DictWriter(dst, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(reader)
    loaded = invoke(["records", "import", str(without_status), "-c", "2"], env=env)
    assert loaded.exit_code == 0, loaded.output
    second = tmp_path / "second.csv"
    assert invoke(["records", "export", "-c", "2", "-o", str(second)], env=env).exit_code == 0
    assert data_rows(second) == data_rows(first)
    assert len(data_rows(first)) == 30
    # JSON Lines: out of campaign 00001, in again under new numbers, out again.
    lines = tmp_path / "first.jsonl"
    assert invoke(["records", "export", "-c", "1", "-o", str(lines)], env=env).exit_code == 0
    records = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    renumbered = write(
        tmp_path / "renumbered.jsonl",
        "".join(
            json.dumps({**r, "phone_number": "9" + r["phone_number"][1:]}) + "\n" for r in records
        ),
    )
    assert invoke(["records", "import", str(renumbered), "-c", "1"], env=env).exit_code == 0
    third = tmp_path / "third.jsonl"
    assert invoke(["records", "export", "-c", "1", "-o", str(third)], env=env).exit_code == 0
    back = [json.loads(line) for line in third.read_text(encoding="utf-8").splitlines()]
    new = sorted(
        (r["phone_number"], r["record_fields"]["city"])
        for r in back
        if r["phone_number"].startswith("9")
    )
    assert new == sorted(("9" + r["phone_number"][1:], r["record_fields"]["city"]) for r in records)
    assert all(r["status_id"] is not None for r in back)
