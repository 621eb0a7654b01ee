"""The client against FakeThulium, in process and over real loopback HTTP."""

from __future__ import annotations

import datetime as dt

import pytest

import thulium_async as th
from thulium_async import errors
from thulium_async.models import NewCrmRecord, NewRecord, RecordUpdate, SystemStatus
from thulium_async.testing import FakeThulium, Fault, FaultPlan


async def test_campaign_lifecycle(connect) -> None:
    """Create a campaign, list it, update, clone and delete it."""
    fake = FakeThulium(strict=True)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    async with connect(fake)() as client:
        created = await client.outbounds.create(
            id="00007", name="Sprzedaż", dialer="preview", crm=False
        )
        assert created.id == "00007"
        await client.outbounds.update("00007", name="Sprzedaż 2", parity=10)
        listed = {campaign.id: campaign for campaign in await client.outbounds.list()}
        assert listed["00007"].name == "Sprzedaż 2"
        assert listed["00007"].crm is False
        await client.outbounds.set_agents("00007", ["jkowalski"])
        assert [agent.login for agent in await client.outbounds.agents.list("00007")] == [
            "jkowalski"
        ]
        clone_id = await client.outbounds.clone("00007", name="Kopia", new_id="00008")
        assert clone_id == "00008"
        stats = await client.outbounds.stats.get("00007")
        assert stats.records_count == 0
        await client.outbounds.delete("00008")
        with pytest.raises(errors.NotFoundError):
            await client.outbounds.stats.get("00009")


async def test_records_round_trip(connect) -> None:
    """Create, read, update and delete regular records; the fake's state follows."""
    fake = FakeThulium(strict=True)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski")
    fake.add_campaign("00001", fields=("field1",))
    async with connect(fake)() as client:
        statuses = {
            s.system_status: s.status_id for s in await client.outbounds.statuses.list("00001")
        }
        record_id = await client.outbounds.records.create(
            "00001", phone_number="111222333", identifier="ID-1", record_fields={"field1": "value1"}
        )
        record = await client.outbounds.records.get("00001", "111222333")
        assert record.record_id == record_id
        assert record.system_status is SystemStatus.TO_CALL
        assert record.identifier == "ID-1"
        assert record.record_fields == {"field1": "value1"}
        when = dt.datetime(2030, 5, 24, 12, 24)
        await client.outbounds.records.update(
            "00001",
            "111222333",
            status_id=statuses[SystemStatus.MY_RECORD],
            agent_login="jkowalski",
            next_call_date=when,
        )
        updated = await client.outbounds.records_by_identifier.get("00001", "ID-1")
        assert updated.system_status is SystemStatus.MY_RECORD
        assert updated.next_call_date is not None
        assert updated.next_call_date.replace(tzinfo=None) == when
        assert str(updated.next_call_date.tzinfo) == "Europe/Warsaw"
        with pytest.raises(errors.InputError, match="next_call_date"):
            await client.outbounds.records_by_identifier.update(
                "00001", "ID-1", status_id=statuses[SystemStatus.CALL_NO_SOONER_THAN]
            )
        assert await client.outbounds_by_phone_number.get("111222333") == ["00001"]
        await client.outbounds.records_by_identifier.delete("00001", "ID-1")
    assert fake.records("00001") == []


async def test_duplicate_and_unknown_field_are_validation_errors(connect) -> None:
    """The fake's 400s arrive as ValidationError with Thulium's message and request id."""
    fake = FakeThulium(strict=True)
    fake.add_campaign("00001", fields=("field1",))
    async with connect(fake)() as client:
        await client.outbounds.records.create("00001", phone_number="111222333")
        with pytest.raises(errors.ValidationError) as duplicate:
            await client.outbounds.records.create("00001", phone_number="111222333")
        assert duplicate.value.request_id
        assert duplicate.value.messages
        with pytest.raises(errors.ValidationError, match="nope"):
            await client.outbounds.records.create(
                "00001", phone_number="222333444", record_fields={"nope": "x"}
            )
    assert len(fake.records("00001")) == 1


async def test_polish_messages_and_wrong_password(connect) -> None:
    """language='pl' gets Polish messages; a wrong password raises AuthenticationError, unechoed."""
    fake = FakeThulium(strict=True)
    async with connect(fake)(language="pl") as client:
        with pytest.raises(errors.NotFoundError) as missing:
            await client.outbounds.statuses.list("00042")
        assert missing.value.messages == ["Nie znaleziono kampanii."]
    async with connect(fake)(auth=("api_user", "wrong-secret")) as client:
        with pytest.raises(errors.AuthenticationError) as denied:
            await client.outbounds.list()
    assert "wrong-secret" not in str(denied.value)
    assert "wrong-secret" not in repr(denied.value)


async def test_concurrent_pagination_returns_every_record_in_order(connect) -> None:
    """1,050 records come back once each, in the fake's insertion order, with count and filters."""
    fake = FakeThulium(strict=True)
    fake.add_campaign("00001")
    fake.seed_records("00001", 1050)
    expected = [record["record_id"] for record in fake.records("00001")]
    async with connect(fake)() as client:
        pager = client.outbounds.records.list("00001", concurrency=4)
        assert await pager.count() == 1050
        assert [record.record_id async for record in pager] == expected
        to_call = client.outbounds.records.list(
            "00001", system_status=[SystemStatus.TO_CALL], max_items=120
        )
        assert len(await to_call.to_list()) == 120
        none = client.outbounds.records.list("00001", system_status=[SystemStatus.NO_CALL])
        assert await none.count() == 0
        assert await none.to_list() == []


async def test_crm_records(connect) -> None:
    """CRM records by customer: create, get, update, list, batch, delete."""
    fake = FakeThulium(strict=True)
    fake.add_campaign("00002", crm=True)
    customers = [fake.add_customer(phone_number=f"60000000{i}") for i in range(3)]
    async with connect(fake)() as client:
        record_id = await client.crm_outbounds.records.create("00002", customer_id=customers[0])
        record = await client.crm_outbounds.records.get("00002", customers[0])
        assert (record.record_id, record.customer_id) == (record_id, customers[0])
        statuses = {
            s.system_status: s.status_id for s in await client.outbounds.statuses.list("00002")
        }
        await client.crm_outbounds.records.update(
            "00002", customers[0], status_id=statuses[SystemStatus.NO_CALL]
        )
        assert (
            await client.crm_outbounds.records.get("00002", customers[0])
        ).system_status is SystemStatus.NO_CALL
        result = await client.batch.crm_outbounds.records.create(
            "00002", [NewCrmRecord(customer_id=c) for c in customers]
        )
        assert [item.status for item in result.items] == ["ALREADY_EXISTS", "ADDED", "ADDED"]
        assert result.items[0].record_id == record_id
        assert [
            r.customer_id for r in await client.crm_outbounds.records.list("00002").to_list()
        ] == customers
        removed = await client.batch.crm_outbounds.records.delete("00002", [customers[1], 999999])
        assert [(item.input, item.status) for item in removed.items] == [
            (customers[1], "REMOVED"),
            (999999, "NOT_EXIST"),
        ]
        await client.crm_outbounds.records.delete("00002", customers[0])
    assert [r["customer_id"] for r in fake.records("00002")] == [customers[2]]


async def test_batch_records_map_results_to_inputs(connect) -> None:
    """Batch create, update and delete answer per item, mapped to each input."""
    fake = FakeThulium(strict=True)
    fake.add_campaign("00001", fields=("field1",))
    async with connect(fake)() as client:
        await client.outbounds.records.create("00001", phone_number="500000002")
        created = await client.batch.outbounds.records.create(
            "00001",
            [
                NewRecord(phone_number="500000001", record_fields={"field1": "a"}),
                NewRecord(phone_number="500000002"),
                {"phone_number": "500000003", "record_fields": {"unknown": "x"}},
            ],
        )
        outcomes = [(item.index, item.status, item.ok) for item in created.items]
        assert outcomes == [(0, "ADDED", True), (1, "ALREADY_EXISTS", False), (2, "FAILED", False)]
        assert created.items[1].already_exists
        assert created.items[1].record_id is not None
        assert created.items[2].message
        updated = await client.batch.outbounds.records.update(
            "00001", [RecordUpdate(phone_number="500000001", record_fields={"field1": "b"})]
        )
        assert [item.http_status for item in updated.items] == [204]
        deleted = await client.batch.outbounds.records.delete("00001", ["500000001", "599999999"])
        assert [(item.input, item.status) for item in deleted.items] == [
            ("500000001", "REMOVED"),
            ("599999999", "NOT_EXIST"),
        ]
    assert [r["phone_number"] for r in fake.records("00001")] == ["500000002"]


async def test_dropped_connection_after_commit_creates_once(connect) -> None:
    """A create whose answer is lost after commit returns the record id; one record exists."""
    fake = FakeThulium(strict=True, faults=FaultPlan(on_requests={1: Fault.DROP_AFTER_COMMIT}))
    fake.add_campaign("00001")
    async with connect(fake)(check_statuses=False) as client:
        record_id = await client.outbounds.records.create("00001", phone_number="111222333")
    records = fake.records("00001")
    assert [r["record_id"] for r in records] == [record_id]


async def test_dropped_connection_before_commit_creates_once(connect) -> None:
    """A create lost before commit is retried and creates the record exactly once."""
    fake = FakeThulium(
        strict=True,
        faults=FaultPlan(on_requests={1: Fault.DROP_BEFORE_COMMIT, 2: Fault.SERVER_ERROR_503}),
    )
    fake.add_campaign("00001")
    async with connect(fake)(check_statuses=False) as client:
        record_id = await client.outbounds.records.create("00001", phone_number="111222333")
        assert client.stats.retries == 2
    assert [r["record_id"] for r in fake.records("00001")] == [record_id]


async def test_server_rate_limit_is_respected(connect) -> None:
    """A client paced under the fake's token bucket gets no 429."""
    fake = FakeThulium(strict=True, faults=FaultPlan(rate_limit=50, burst=5))
    fake.add_campaign("00001")
    async with connect(fake)(rate_limit=th.RateLimit(per_second=40)) as client:
        for index in range(30):
            await client.outbounds.records.create("00001", phone_number=f"50000{index:04d}")
        assert client.stats.throttled == 0
    assert len(fake.records("00001")) == 30
