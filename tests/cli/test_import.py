"""``thulium records import``: CSV and JSON Lines into a campaign, rejects, dry runs, resume."""

from __future__ import annotations

import csv
import signal

import pytest

from tests.cli.support import invoke, one_error_line, write

CSV = """phone_number,identifier,first_name,city,status_id
600100200,A1,Jan,Kraków,
600100201,A2,Anna,Gdańsk,
600-100-202,A3,Piotr,Łódź,
600100203,A4,Ewa,Poznań,,surplus
600100204,A5,Olga,Wrocław,999

600100205,A6,,Szczecin,
"""


def rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def stored(fake, campaign_id="00002"):
    return {r["phone_number"]: r for r in fake.records(campaign_id)}


def test_csv_import_loads_good_rows_and_rejects_bad_ones(served, tmp_path):
    source = write(tmp_path / "contacts.csv", CSV)
    result = invoke(["records", "import", str(source), "--campaign", "2"], env=served.env())
    assert result.exit_code == 1, result.output
    records = stored(served.fake)
    assert sorted(records) == ["600100200", "600100201", "600100205"]
    assert records["600100200"]["identifier"] == "A1"
    assert records["600100200"]["record_fields"] == {"first_name": "Jan", "city": "Kraków"}
    assert records["600100205"]["record_fields"] == {"first_name": "", "city": "Szczecin"}
    rejects = rows(tmp_path / "contacts.csv.rejects.csv")
    assert [r["line"] for r in rejects] == ["4", "5", "6"]
    assert rejects[0]["phone_number"] == "600-100-202"
    assert rejects[0]["reason"].startswith("phone_number: expected digits")
    assert rejects[1]["reason"] == "6 values for 5 columns"
    assert rejects[2]["reason"].startswith("status_id: expected one of the campaign's status ids")
    assert (rejects[2]["identifier"], rejects[2]["city"], rejects[2]["status_id"]) == (
        "A5",
        "Wrocław",
        "999",
    )
    assert "rejected" in result.stdout


def test_a_clean_import_exits_0_and_writes_no_rejects(served, tmp_path):
    source = write(tmp_path / "ok.csv", "phone_number;city\n700000001;Kraków\n700000002;Łódź\n")
    result = invoke(["records", "import", str(source), "-c", "00002"], env=served.env())
    assert result.exit_code == 0, result.output
    assert stored(served.fake)["700000002"]["record_fields"]["city"] == "Łódź"
    assert not (tmp_path / "ok.csv.rejects.csv").exists()


def test_api_refusals_go_to_the_rejects_file_with_thulium_s_message(served, tmp_path):
    source = write(tmp_path / "fields.csv", "phone_number,colour\n700000010,red\n")
    rejects = tmp_path / "out" / "bad.csv"
    rejects.parent.mkdir()
    args = ["records", "import", str(source), "-c", "2", "--rejects", str(rejects)]
    result = invoke(args, env=served.env())
    assert result.exit_code == 1
    (row,) = rows(rejects)
    assert row["line"] == "2"
    assert row["colour"] == "red"
    assert "colour" in row["reason"]


def test_jsonl_import_with_nested_record_fields(served, tmp_path):
    source = write(
        tmp_path / "contacts.jsonl",
        '{"phone_number": "700000020", "record_fields": {"city": "Gdańsk"}, "order": "3"}\n'
        '{"phone_number": 700000021, "first_name": "Ola"}\n'
        "{broken\n"
        '["not", "an", "object"]\n',
    )
    result = invoke(["records", "import", str(source), "-c", "2"], env=served.env())
    assert result.exit_code == 1
    records = stored(served.fake)
    assert records["700000020"]["record_fields"]["city"] == "Gdańsk"
    assert records["700000021"]["record_fields"]["first_name"] == "Ola"
    rejects = rows(tmp_path / "contacts.jsonl.rejects.csv")
    assert [(r["line"], r["record"]) for r in rejects] == [
        ("3", "{broken"),
        ("4", '["not", "an", "object"]'),
    ]
    assert rejects[0]["reason"].startswith("not valid JSON")


def test_crm_import(served, tmp_path):
    source = write(tmp_path / "crm.csv", "customer_id,phone_number\n6\n7\n999\n1\n")
    result = invoke(["records", "import", str(source), "-c", "3", "--crm"], env=served.env())
    assert result.exit_code == 1
    customers = {r["customer_id"] for r in served.fake.records("00003")}
    assert {6, 7} <= customers
    assert 999 not in customers
    (reject,) = rows(tmp_path / "crm.csv.rejects.csv")
    assert reject["customer_id"] == "999"
    assert "phone_number" in result.stderr  # the ignored column is named once


def test_the_campaign_kind_must_match(served, tmp_path):
    source = write(tmp_path / "x.csv", "customer_id\n6\n")
    regular = invoke(["records", "import", str(source), "-c", "1", "--crm"], env=served.env())
    assert regular.exit_code == 2
    assert "not a CRM campaign" in one_error_line(regular)
    crm = invoke(["records", "import", str(source), "-c", "3"], env=served.env())
    assert crm.exit_code == 2
    assert "add --crm" in one_error_line(crm)
    missing = invoke(["records", "import", str(source), "-c", "42"], env=served.env())
    assert missing.exit_code == 1
    assert "no campaign 00042" in one_error_line(missing)


def test_dry_run_checks_rows_and_sends_nothing(served, tmp_path):
    source = write(tmp_path / "contacts.csv", CSV)
    served.fake.clear_requests()
    args = ["records", "import", str(source), "-c", "2", "--dry-run"]
    result = invoke(args, env=served.env())
    assert result.exit_code == 1
    # One GET for the campaign's statuses, so status 999 is caught too; nothing written.
    assert served.fake.counters.total == 1
    assert served.fake.counters.count("GET outbounds/{id}/statuses") == 1
    assert served.fake.records("00002") == []
    assert "nothing was written" in result.stdout
    assert "statuses (1 request)" in result.stdout
    rejects = rows(tmp_path / "contacts.csv.rejects.csv")
    assert [r["line"] for r in rejects] == ["4", "5", "6"]
    assert "status_id" in rejects[2]["reason"]


def test_dry_run_needs_no_connection_and_passes_a_clean_file(tmp_path):
    source = write(tmp_path / "ok.jsonl", '{"phone_number": "+48600100200"}\n')
    result = invoke(["records", "import", str(source), "-c", "1", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "1 valid" in result.stdout
    assert "offline rules only" in result.stdout


def test_journal_resumes_without_resending(served, tmp_path):
    lines = "".join(f"7100{i:05d}\n" for i in range(250))
    source = write(tmp_path / "many.csv", "phone_number\n" + lines)
    journal = tmp_path / "load.journal"
    args = ["records", "import", str(source), "-c", "2", "--journal", str(journal)]
    assert invoke(args, env=served.env()).exit_code == 0
    served.fake.clear_requests()
    again = invoke(args, env=served.env())
    assert again.exit_code == 0
    assert "skipped" in again.stdout
    assert served.fake.counters.count("POST batch/outbounds/{id}/records") == 0
    assert len(served.fake.records("00002")) == 250


def test_one_request_per_row_with_a_rate(served, tmp_path):
    source = write(tmp_path / "few.csv", "phone_number\n720000001\n720000002\n720000003\n")
    args = ["records", "import", str(source), "-c", "2", "--no-batch", "--rate", "50"]
    args += ["--concurrency", "2"]
    served.fake.clear_requests()
    assert invoke(args, env=served.env()).exit_code == 0
    assert served.fake.counters.count("POST outbounds/{id}/records") == 3


def test_a_file_without_a_header_is_a_usage_error(tmp_path):
    source = write(tmp_path / "empty.csv", "")
    result = invoke(["--fake", "records", "import", str(source), "-c", "1"])
    assert result.exit_code == 2
    assert "no header line" in one_error_line(result)


def test_fake_import(tmp_path):
    source = write(tmp_path / "ok.csv", "phone_number,first_name\n730000001,Jan\n")
    result = invoke(["records", "import", str(source), "-c", "1", "--fake"])
    assert result.exit_code == 0, result.output
    assert "created" in result.stdout


def test_a_journal_or_rejects_in_a_missing_directory_is_refused(tmp_path):
    source = write(tmp_path / "ok.csv", "phone_number\n730000001\n")
    for option in ("--journal", "--rejects"):
        args = ["--fake", "records", "import", str(source), "-c", "1"]
        result = invoke([*args, option, str(tmp_path / "missing" / "file")])
        assert result.exit_code == 2
        assert option in one_error_line(result)


def test_a_repeated_number_is_rejected_as_repeating_its_line(served, tmp_path):
    """Default: the later row goes to the rejects file with "repeats line 2"; the first stays."""
    text = "phone_number,city\n700000020,Kraków\n700000021,Łódź\n700000020,Gdańsk\n"
    source = write(tmp_path / "dup.csv", text)
    result = invoke(["records", "import", str(source), "-c", "2"], env=served.env())
    assert result.exit_code == 1, result.output
    (row,) = rows(tmp_path / "dup.csv.rejects.csv")
    assert (row["line"], row["reason"], row["city"]) == ("4", "repeats line 2", "Gdańsk")
    assert stored(served.fake)["700000020"]["record_fields"]["city"] == "Kraków"


def test_update_repeats_applies_the_later_row(served, tmp_path):
    """--update-repeats: the later row's fields update the record; nothing is rejected."""
    text = "phone_number,city\n700000030,Kraków\n700000030,Gdańsk\n"
    source = write(tmp_path / "dup.csv", text)
    args = ["records", "import", str(source), "-c", "2", "--update-repeats"]
    result = invoke(args, env=served.env())
    assert result.exit_code == 0, result.output
    assert stored(served.fake)["700000030"]["record_fields"]["city"] == "Gdańsk"
    assert "updated" in result.stdout


HUGE_ID = (
    "phone_number,dictionary_status_id\n700000040,\n700000041,99999999999999999999\n700000042,\n"
)


def test_an_id_past_64_bits_rejects_its_row_alone(served, tmp_path):
    """The row is rejected naming the field; the valid rows are imported."""
    source = write(tmp_path / "huge.csv", HUGE_ID)
    result = invoke(["records", "import", str(source), "-c", "2"], env=served.env())
    assert result.exit_code == 1, result.output
    assert sorted(stored(served.fake)) == ["700000040", "700000042"]
    (row,) = rows(tmp_path / "huge.csv.rejects.csv")
    assert row["line"] == "3"
    assert row["reason"].startswith("dictionary_status_id: expected a positive integer id")


def test_dry_run_finds_an_id_past_64_bits(tmp_path):
    """--dry-run calls that row invalid, as the import would."""
    source = write(tmp_path / "huge.csv", HUGE_ID)
    result = invoke(["records", "import", str(source), "-c", "1", "--dry-run"])
    assert result.exit_code == 1, result.output
    assert "1 invalid" in result.stdout


# Ctrl-C stops asyncio.run while a connection attempt is pending; the coroutine
# it drops is reported at garbage collection, which is not what this test checks.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_ctrl_c_keeps_only_refused_rows_prints_the_table_and_exits_130(
    served, tmp_path, monkeypatch
):
    """Read-ahead rows are not rejects; the summary table shows; a clean resume replaces it."""
    from thulium_async.cli import _import

    lines = "".join(f"7300{i:05d}\n" for i in range(600))
    source = write(tmp_path / "big.csv", "phone_number\n12-34\n" + lines)
    real_pairs = _import._Reader.pairs

    def interrupted(self):
        for count, pair in enumerate(real_pairs(self)):
            if count == 400:
                # A real Ctrl-C: asyncio.run turns SIGINT into a cancellation of the
                # main task, so the run ends in order (journal thread included).
                signal.raise_signal(signal.SIGINT)
            yield pair

    monkeypatch.setattr(_import._Reader, "pairs", interrupted)
    journal = tmp_path / "load.journal"
    args = ["records", "import", str(source), "-c", "2", "--journal", str(journal)]
    result = invoke(args, env=served.env())
    assert result.exit_code == 130, result.output
    assert "rows read" in result.stdout
    assert "error: interrupted" in result.stderr
    (reject,) = rows(tmp_path / "big.csv.rejects.csv")  # the bad row alone
    assert reject["line"] == "2"
    monkeypatch.setattr(_import._Reader, "pairs", real_pairs)
    write(source, "phone_number\n" + lines)  # fixed, then resumed
    again = invoke(args, env=served.env())
    assert again.exit_code == 0, again.output
    assert not (tmp_path / "big.csv.rejects.csv").exists()
    assert len(served.fake.records("00002")) == 600


def test_a_csv_without_a_header_line_is_detected(tmp_path):
    """Its first row is data, not column names: a usage error saying so, nothing sent."""
    source = write(tmp_path / "bare.csv", "600100200,Jan\n600100201,Anna\n")
    for extra in ([], ["--dry-run"]):
        result = invoke(["--fake", "records", "import", str(source), "-c", "1", *extra])
        assert result.exit_code == 2, result.output
        assert "is the header line missing?" in one_error_line(result)
