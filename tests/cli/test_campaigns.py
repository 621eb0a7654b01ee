"""``thulium campaigns list`` and ``thulium campaigns statuses``."""

from __future__ import annotations

from tests.cli.support import invoke, one_error_line


def test_list_shows_every_campaign(served):
    result = invoke(["campaigns", "list"], env=served.env())
    assert result.exit_code == 0
    assert "3 campaigns" in result.stdout
    for campaign_id in ("00001", "00002", "00003"):
        assert campaign_id in result.stdout
    rows = [line for line in result.stdout.splitlines() if "00003" in line]
    assert "yes" in rows[0]  # the CRM column


def test_list_with_record_counts():
    result = invoke(["--fake", "campaigns", "list", "--stats"])
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "00001" in line)
    assert "250" in row


def test_statuses_of_a_campaign(served):
    result = invoke(["campaigns", "statuses", "3"], env=served.env())
    assert result.exit_code == 0
    assert "Statuses of campaign 00003" in result.stdout
    for system_status in ("TO_CALL", "NO_CALL", "MY_RECORD"):
        assert system_status in result.stdout


def test_statuses_of_a_missing_campaign_is_an_api_error(served):
    result = invoke(["campaigns", "statuses", "00042"], env=served.env())
    assert result.exit_code == 1
    assert "404" in one_error_line(result)
