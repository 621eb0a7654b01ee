"""bulk.update_records, delete_records and set_status_by_phone_number."""

from __future__ import annotations

import pytest

from tests.bulk.support import (
    CRM_CAMPAIGN,
    assert_accounted,
    open_client,
    phone,
    quick,
    status_id,
)
from thulium_async.bulk import Outcome, RecordKey
from thulium_async.models import NewCrmRecord, NewRecord, RecordUpdate
from thulium_async.testing import FakeThulium


def statuses_of(fake: FakeThulium, campaign_id: str) -> dict[str, str]:
    """phone (or customer id) -> system status of each record."""
    return {
        str(r.get("customer_id") or r["phone_number"]): r["system_status"]
        for r in fake.records(campaign_id)
    }


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
async def test_status_edits_by_phone_number(fake: FakeThulium, mode: str, batch: bool) -> None:
    """Records named by phone number change status (batch PUT, or one PUT each)."""
    for i in range(60):
        fake.add_record("00001" if i < 30 else "00002", phone(i))
    no_call = {cid: status_id(fake, cid, "NO_CALL") for cid in ("00001", "00002")}
    items = [
        (
            cid,
            RecordUpdate(
                phone_number=phone(i), status_id=no_call[cid], record_fields={"field1": "x"}
            ),
        )
        for i, cid in ((i, "00001" if i < 30 else "00002") for i in range(60))
    ]
    items.append(("00001", RecordUpdate(phone_number=phone(999), status_id=no_call["00001"])))
    async with open_client(fake, mode) as client:
        report = await client.bulk.update_records(items, batch=batch, chunk_size=25)
    assert report.counts == {Outcome.UPDATED: 60, Outcome.FAILED: 1}
    (missing,) = report.failures
    assert (missing.index, missing.http_status) == (60, 404)
    assert missing.error == "Record not found."
    assert set(statuses_of(fake, "00001").values()) == {"NO_CALL"}
    assert {r["record_fields"]["field1"] for r in fake.records("00002")} == {"x"}
    assert report.calls == (4 if batch else 61)


async def test_updates_by_identifier_and_customer_go_one_by_one(fake: FakeThulium) -> None:
    """No batch endpoint for identifiers and CRM records: single requests, same report."""
    fake.add_record("00001", phone(1), identifier="ID-1")
    fake.add_record("00001", phone(2), identifier="ID-2")
    customer = fake.add_customer(surname="Nowak", phone_number=phone(3))
    fake.add_record(CRM_CAMPAIGN, customer_id=customer)
    call = status_id(fake, "00001", "CALL")
    crm_call = status_id(fake, CRM_CAMPAIGN, "CALL")
    items = [
        ("00001", RecordUpdate(identifier="ID-1", status_id=call)),
        ("00001", {"identifier": "ID-2", "record_fields": {"field2": "y"}}),
        (CRM_CAMPAIGN, RecordUpdate(customer_id=customer, status_id=crm_call, order=7)),
    ]
    async with quick(fake) as client:
        report = await client.bulk.update_records(items)
    assert report.counts == {Outcome.UPDATED: 3}
    assert report.calls == 3
    by_identifier = {r["identifier"]: r for r in fake.records("00001")}
    assert by_identifier["ID-1"]["system_status"] == "CALL"
    assert by_identifier["ID-2"]["record_fields"]["field2"] == "y"
    (crm,) = fake.records(CRM_CAMPAIGN)
    assert (crm["system_status"], crm["order"]) == ("CALL", 7)


async def test_invalid_updates_fail_alone(fake: FakeThulium) -> None:
    """Each bad update says what is wrong; the good one is applied."""
    fake.add_record("00001", phone(1))
    call = status_id(fake, "00001", "CALL")
    items = [
        ("00001", RecordUpdate(phone_number=phone(1), identifier="X", status_id=call)),
        ("00001", RecordUpdate(phone_number=phone(1))),
        ("00001", RecordUpdate(phone_number=phone(1), order=3)),
        (CRM_CAMPAIGN, RecordUpdate(customer_id=5, record_fields={"a": "b"})),
        ("00001", {"phone_number": phone(1), "colour": "red"}),
        ("00001", NewRecord(phone_number=phone(1))),
        ("00001", RecordUpdate(phone_number=phone(2), status_id=99999)),  # checked by the resource
        ("00001", RecordUpdate(phone_number=phone(1), status_id=call)),
    ]
    async with quick(fake) as client:
        report = await client.bulk.update_records(items)
    assert report.counts == {Outcome.FAILED: 7, Outcome.UPDATED: 1}
    reasons = [f.error or "" for f in report.failures]
    assert reasons[0].startswith("phone_number: expected a RecordUpdate naming its record")
    assert reasons[1].startswith("update: expected at least one field to change")
    assert reasons[2].startswith("order: expected no order change for a regular")
    assert reasons[3].startswith("record_fields: expected no record_fields for a CRM")
    assert "colour" in reasons[4]
    assert reasons[5].startswith("item: expected a RecordUpdate")
    assert reasons[6].startswith("status_id: expected one of the campaign's status ids")
    assert statuses_of(fake, "00001") == {phone(1): "CALL"}


async def test_repeated_updates_of_a_record_apply_in_input_order(fake: FakeThulium) -> None:
    """Two edits of one number are never in one chunk nor in flight together: the last wins."""
    fake.add_record("00001", phone(1))
    statuses = [status_id(fake, "00001", s) for s in ("CALL", "NO_CALL", "IN_PROGRESS")]
    items = [("00001", RecordUpdate(phone_number=phone(1), status_id=s)) for s in statuses * 5]
    async with quick(fake) as client:
        report = await client.bulk.update_records(items, concurrency=8)
    assert report.counts == {Outcome.UPDATED: 15}
    assert statuses_of(fake, "00001") == {phone(1): "IN_PROGRESS"}
    assert report.calls == 15


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "single"])
async def test_deletes(fake: FakeThulium, batch: bool) -> None:
    """By number (all duplicates), identifier and customer; not found and in-call reported."""
    for i in range(10):
        fake.add_record("00001", phone(i))
    fake.add_record("00001", phone(0))  # a duplicate number: both go
    fake.add_record("00001", phone(50), identifier="ID-50")
    fake.add_record("00001", phone(60), in_call=True)
    customer = fake.add_customer(surname="Nowak")
    fake.add_record(CRM_CAMPAIGN, customer_id=customer)
    items = [("00001", phone(i)) for i in range(5)]
    items += [("00001", NewRecord(phone_number=phone(5))), ("00001", {"phone_number": phone(6)})]
    items += [
        ("00001", RecordKey(identifier="ID-50")),
        (CRM_CAMPAIGN, NewCrmRecord(customer_id=customer)),
        ("00001", phone(77)),  # nothing there
        ("00001", phone(60)),  # in a call: stays
        ("00001", RecordKey()),  # names nothing
    ]
    async with quick(fake) as client:
        report = await client.bulk.delete_records(items, batch=batch, keep_results=True)
    assert_accounted(report, 12)
    assert report.counts == {
        Outcome.DELETED: 9,
        Outcome.NOT_FOUND: 1,
        Outcome.FAILED: 2,
    }
    assert report.succeeded == 10
    remaining = sorted(r["phone_number"] for r in fake.records("00001"))
    assert remaining == [phone(7), phone(8), phone(9), phone(60)]
    assert fake.records(CRM_CAMPAIGN) == []
    # The invalid item fails as it is read, before the in-call one is answered.
    names_nothing, in_call = report.failures
    assert in_call.index == 10
    assert in_call.error is not None
    assert "CALL_IN_PROGRESS" in in_call.error or "call" in in_call.error.lower()
    assert names_nothing.index == 11


async def test_set_status_by_phone_number(fake: FakeThulium) -> None:
    """A dictionary status for every record with the number, in every campaign."""
    fake.add_record("00001", phone(1))
    fake.add_record("00002", phone(1))
    fake.add_record("00003", phone(2))
    no_call_dictionary = 5  # the default statuses map NO_CALL to dictionary id 5
    async with quick(fake) as client:
        report = await client.bulk.set_status_by_phone_number(
            {phone(1): no_call_dictionary, phone(2): no_call_dictionary, phone(3): 5},
            keep_results=True,
        )
        bad = await client.bulk.set_status_by_phone_number([(phone(1), 0), "x"])
    assert report.results is not None
    by_phone = {r.item[0]: r for r in report.results}
    assert by_phone[phone(1)].outcome is Outcome.UPDATED
    assert by_phone[phone(1)].campaigns == ("00001", "00002")
    assert by_phone[phone(2)].campaigns == ("00003",)
    assert by_phone[phone(3)].outcome is Outcome.NOT_FOUND
    assert statuses_of(fake, "00001")[phone(1)] == "NO_CALL"
    assert statuses_of(fake, "00003")[phone(2)] == "NO_CALL"
    assert bad.counts == {Outcome.FAILED: 2}
    assert [f.campaign_id for f in bad.failures] == [None, None]
