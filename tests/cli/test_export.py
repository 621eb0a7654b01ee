"""``thulium records export``: filters, formats, CRM campaigns, whole files or none."""

from __future__ import annotations

import csv
import json

from tests.cli.support import invoke, one_error_line


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_export_of_a_whole_campaign(served, tmp_path):
    output = tmp_path / "records.csv"
    result = invoke(["records", "export", "-c", "1", "-o", str(output)], env=served.env())
    assert result.exit_code == 0, result.output
    rows = read_csv(output)
    expected = served.fake.records("00001")
    assert [r["phone_number"] for r in rows] == [r["phone_number"] for r in expected]
    assert rows[0]["record_fields.first_name"] == expected[0]["record_fields"]["first_name"]
    assert rows[0]["system_status"] == "TO_CALL"
    assert len(rows[0]["create_date"]) == len("YYYY-MM-DD hh:mm")
    assert "exported 30 records of campaign 00001" in result.stderr
    assert not list(tmp_path.glob("*.part"))


def test_filters_by_system_status_and_status_id(served, tmp_path):
    served.fake.add_record("00001", "799000001", status_id=5)  # NO_CALL
    served.fake.add_record("00001", "799000002", status_id=3)  # CALL
    output = tmp_path / "some.jsonl"
    args = ["records", "export", "-c", "1", "-o", str(output), "--status", "NO_CALL"]
    result = invoke([*args, "--status", "CALL"], env=served.env())
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert sorted(r["phone_number"] for r in lines) == ["799000001", "799000002"]
    assert lines[0]["record_fields"] == {"first_name": None, "city": None}
    by_id = tmp_path / "by_id.csv"
    args = ["records", "export", "-c", "1", "-o", str(by_id), "--status-id", "5"]
    assert invoke(args, env=served.env()).exit_code == 0
    assert [r["phone_number"] for r in read_csv(by_id)] == ["799000001"]


def test_crm_export_to_stdout(served):
    args = ["records", "export", "-c", "3", "--crm", "-o", "-", "--format", "jsonl"]
    result = invoke(args, env=served.env())
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["customer_id"] for r in lines] == [
        r["customer_id"] for r in served.fake.records("00003")
    ]
    assert "record_fields" not in lines[0]


def test_an_empty_export_still_has_a_header(served, tmp_path):
    output = tmp_path / "empty.csv"
    result = invoke(["records", "export", "-c", "2", "-o", str(output)], env=served.env())
    assert result.exit_code == 0
    assert output.read_text().startswith("record_id,phone_number,identifier,")


def test_errors_leave_no_file(served, tmp_path):
    output = tmp_path / "x.csv"
    missing = invoke(["records", "export", "-c", "42", "-o", str(output)], env=served.env())
    assert missing.exit_code == 1
    assert "no campaign 00042" in one_error_line(missing)
    crm = invoke(["records", "export", "-c", "3", "-o", str(output)], env=served.env())
    assert crm.exit_code == 2
    bad_date = ["records", "export", "-c", "1", "-o", str(output), "--created-from", "2024-13-01"]
    result = invoke(bad_date, env=served.env())
    assert result.exit_code == 2
    assert "create_date_from" in one_error_line(result)
    assert list(tmp_path.iterdir()) == []


def test_bad_status_choice_is_a_usage_error(tmp_path):
    args = ["--fake", "records", "export", "-c", "1", "-o", str(tmp_path / "x"), "--status", "NOPE"]
    result = invoke(args)
    assert result.exit_code == 2
    assert "NOPE" in one_error_line(result)


def test_an_output_in_a_missing_directory_is_refused_up_front(tmp_path):
    args = ["--fake", "records", "export", "-c", "1", "-o", str(tmp_path / "no" / "x.csv")]
    result = invoke(args)
    assert result.exit_code == 2
    assert "no directory" in one_error_line(result)
