"""``thulium records set-status``: bulk status edits from a list of numbers, identifiers or ids."""

from __future__ import annotations

import csv

from tests.cli.support import invoke, one_error_line, write

NO_CALL = 5  # campaign 00001's "Do not call" status (ids run 1-8, 9-16, 17-24 by campaign)


def statuses(fake, campaign_id="00001"):
    return {r["phone_number"]: r["status_id"] for r in fake.records(campaign_id)}


def test_one_phone_number_per_line(served, tmp_path):
    phones = [r["phone_number"] for r in served.fake.records("00001")[:4]]
    source = write(tmp_path / "dnc.txt", "# do not call\n" + "\n".join(phones) + "\n\n12-34\n")
    args = ["records", "set-status", str(source), "-c", "1", "--status-id", str(NO_CALL)]
    result = invoke(args, env=served.env())
    assert result.exit_code == 1, result.output
    now = statuses(served.fake)
    assert [now[phone] for phone in phones] == [NO_CALL] * 4
    assert sum(status == NO_CALL for status in now.values()) == 4
    with open(tmp_path / "dnc.txt.rejects.csv", newline="") as handle:
        (reject,) = list(csv.DictReader(handle))
    assert reject["line"] == "7"
    assert reject["phone_number"] == "12-34"
    assert reject["reason"].startswith("phone_number: expected digits")


def test_a_csv_column_and_identifiers(served, tmp_path):
    served.fake.add_record("00001", "798000001", identifier="K-1")
    served.fake.add_record("00001", "798000002", identifier="K-2")
    source = write(tmp_path / "keys.csv", "name;identifier\nJan;K-1\nAnna;K-2\n")
    args = ["records", "set-status", str(source), "-c", "1", "--status-id", "3"]
    result = invoke(args, env=served.env())
    assert result.exit_code == 0, result.output
    now = statuses(served.fake)
    assert (now["798000001"], now["798000002"]) == (3, 3)
    assert not (tmp_path / "keys.csv.rejects.csv").exists()


def test_crm_customers(served, tmp_path):
    customer = served.fake.records("00003")[0]["customer_id"]
    source = write(tmp_path / "customers.txt", f"{customer}\n")
    args = ["records", "set-status", str(source), "-c", "3", "--status-id", "21"]
    result = invoke([*args, "--by", "customer_id"], env=served.env())
    assert result.exit_code == 0, result.output
    (record,) = [r for r in served.fake.records("00003") if r["customer_id"] == customer]
    assert record["status_id"] == 21


def test_a_status_the_campaign_lacks_is_refused_before_any_edit(served, tmp_path):
    source = write(tmp_path / "n.txt", "600100200\n")
    args = ["records", "set-status", str(source), "-c", "1", "--status-id", "21"]
    result = invoke(args, env=served.env())
    assert result.exit_code == 2
    assert "campaign 00001 has no status 21; its statuses: 1 (New)" in one_error_line(result)


def test_statuses_that_need_more_fields(served, tmp_path):
    phone = served.fake.records("00001")[0]["phone_number"]
    source = write(tmp_path / "n.txt", f"{phone}\n")
    args = ["records", "set-status", str(source), "-c", "1", "--status-id", "7"]
    refused = invoke(args, env=served.env())  # CALL_NO_SOONER_THAN needs a date
    assert refused.exit_code == 1
    assert "next_call_date" in (tmp_path / "n.txt.rejects.csv").read_text()
    done = invoke([*args, "--next-call-date", "2030-01-02 10:00"], env=served.env())
    assert done.exit_code == 0, done.output
    assert statuses(served.fake)[phone] == 7


def test_an_ambiguous_csv_needs_by(tmp_path):
    source = write(tmp_path / "two.csv", "phone_number,identifier\n600100200,A\n")
    args = ["--fake", "records", "set-status", str(source), "-c", "1", "--status-id", "5"]
    result = invoke(args)
    assert result.exit_code == 2
    assert "--by phone_number|identifier" in one_error_line(result)
    missing = invoke([*args, "--by", "customer_id"])
    assert missing.exit_code == 2
    assert "no customer_id column" in one_error_line(missing)
