"""Helpers shared by the bulk tests: a populated fake, clients into it, item factories."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import thulium_async as th
from tests.support import open_client
from thulium_async.bulk import BulkReport, ItemResult, Outcome
from thulium_async.models import NewRecord
from thulium_async.testing import FakeThulium

CAMPAIGNS = ("00001", "00002", "00003", "00004", "00005")
CRM_CAMPAIGN = "00009"


def populated(fake: FakeThulium | None = None, **kwargs: Any) -> FakeThulium:
    """Five regular campaigns (fields field1, field2), a CRM campaign, an agent."""
    fake = fake or FakeThulium(**kwargs)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    for campaign_id in CAMPAIGNS:
        fake.add_campaign(campaign_id, fields=("field1", "field2"))
    fake.add_campaign(CRM_CAMPAIGN, crm=True)
    return fake


def phone(n: int) -> str:
    """A distinct valid phone number per n."""
    return f"600{n:07d}"


def records(n: int, campaigns: tuple[str, ...] = CAMPAIGNS) -> Iterator[tuple[str, NewRecord]]:
    """``n`` new records spread round-robin over ``campaigns`` (a generator: never a list)."""
    for i in range(n):
        yield (
            campaigns[i % len(campaigns)],
            NewRecord(phone_number=phone(i), record_fields={"field1": f"v{i}"}),
        )


def status_id(fake: FakeThulium, campaign_id: str, system_status: str) -> int:
    """The campaign's status id for a system status (default statuses)."""
    campaign = fake.app.state.campaigns[campaign_id]
    return next(s.status_id for s in campaign.statuses if s.system_status == system_status)


def stored_phones(fake: FakeThulium, campaign_id: str) -> list[str]:
    """Phone numbers of the campaign's records, in insertion order (duplicates kept)."""
    return [record["phone_number"] for record in fake.records(campaign_id)]


def assert_accounted(report: BulkReport, total: int) -> None:
    """Every item read ended in exactly one outcome."""
    assert report.total == total
    assert sum(report.counts.values()) == total
    assert (
        report.succeeded
        + report.failed
        + report.repeated
        + report.skipped
        + report.unknown
        + report.not_attempted
        == total
    )
    kept = report.keep_failures
    for listed, count in (
        (report.failures, report.failed),
        (report.repeats, report.repeated),
        (report.unfinished, report.unknown + report.not_attempted),
    ):
        assert len(listed) == (count if kept is None else min(count, kept))
    assert (
        len(report.failures) + len(report.repeats) + len(report.unfinished) + (report.not_kept)
        == report.failed + report.repeated + report.unknown + report.not_attempted
    )
    if report.results is not None:
        assert len(report.results) == total
        assert len({(r.campaign_id, r.index) for r in report.results}) == total


def by_outcome(results: list[ItemResult]) -> dict[Outcome, int]:
    """How many results per outcome."""
    counts: dict[Outcome, int] = {}
    for result in results:
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    return counts


def quick(fake: FakeThulium, **kwargs: Any) -> contextlib.AbstractAsyncContextManager[th.Client]:
    """``fake.client()`` in process, retrying without waits unless told otherwise."""
    return open_client(fake, "in_process", **kwargs)
