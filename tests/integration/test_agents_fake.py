"""The typed client's agents, users and work report against FakeThulium (in process, loopback)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from thulium_async import errors
from thulium_async.models import AgentState, Duration, OutboundMode, PhoneType
from thulium_async.testing import FakeThulium, ManualClock

WARSAW = ZoneInfo("Europe/Warsaw")


def world(clock: ManualClock) -> FakeThulium:
    fake = FakeThulium(strict=True, wall_clock=clock)
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski", number=3113, group_id=3)
    fake.add_agent("anowak", name="Anna", surname="Nowak", number=3422, group_id=3)
    fake.add_pause_reason("Coffee")
    fake.add_customer(customer_id=5, phone_number="600100200", identifier="ACME")
    fake.add_campaign("00001", agents=("jkowalski", "anowak"))
    fake.add_queue("Support", queue_id=4)
    return fake


def at(hour: int, minute: int = 0, second: int = 0, day: int = 12) -> dt.datetime:
    return dt.datetime(2024, 11, day, hour, minute, second, tzinfo=WARSAW)


async def test_agents_groups_users_and_creation(connect) -> None:
    fake = world(ManualClock(dt.datetime(2024, 11, 12, 9, 0, 0)))
    fake.add_agent_group("Sales", group_id=7)
    fake.set_sip_accounts("anowak", [("124", "hardphone"), ("125", "softphone")])
    async with connect(fake)() as client:
        created = await client.agents.create(
            name="Piotr",
            surname="Wiśniewski",
            login="pwisniewski",
            password="somepass123!QAZ",
            number="5634",
            outbound_mode=OutboundMode.AUTOMATIC,  # sent as "auto"
            roles=[1],
        )
        assert (created.agent_id, created.agent_login) == (4, "pwisniewski")
        agent = await client.agents.get("pwisniewski")
        assert (agent.number, agent.outbound_mode, agent.active) == (
            "5634",
            OutboundMode.AUTOMATIC,
            True,
        )
        listed = await client.agents.list()
        assert [a.login for a in listed] == [None, "jkowalski", "anowak", "pwisniewski"]
        assert listed[1].group_id == 3
        groups = await client.agents_groups.list()
        assert [(g.group_id, g.name) for g in groups] == [(3, "Group 3"), (7, "Sales")]
        user = await client.users.get("anowak")
        assert (user.login, user.name, user.surname) == ("anowak", "Anna", "Nowak")
        assert [(s.phone_number, s.phone_type) for s in user.sip_accounts] == [
            ("124", PhoneType.HARDPHONE),
            ("125", PhoneType.SOFTPHONE),
        ]
        with pytest.raises(errors.ValidationError, match="Login jkowalski is already taken"):
            await client.agents.create(
                name="Jan", surname="K", login="jkowalski", password="x", number="9999"
            )
        with pytest.raises(errors.NotFoundError, match="User not found"):
            await client.users.get("ghost")


async def test_presence_through_the_client(connect) -> None:
    clock = ManualClock(dt.datetime(2024, 11, 12, 9, 0, 0))
    fake = world(clock)
    async with connect(fake)() as client:
        status = await client.agents.status.get("jkowalski")
        assert (status.status, status.pause_id, status.last_change) == (AgentState.OFF, None, None)
        await client.agents.login("jkowalski")
        clock.advance(minutes=3)
        await client.agents.pause("jkowalski", pause_id=1)
        status = await client.agents.status.get("jkowalski")
        assert (status.status, status.pause_id, status.last_change) == (
            AgentState.PAUSED,
            1,
            at(9, 3),
        )
        assert [s.login for s in await client.agents_statuses.list()] == ["jkowalski"]
        everyone = await client.agents_statuses.list(include_logged_off=True)
        assert [(s.login, s.status) for s in everyone] == [
            ("jkowalski", AgentState.PAUSED),
            ("anowak", AgentState.OFF),
        ]
        await client.agents.free("jkowalski")
        await client.agents.logout("jkowalski")
        assert (await client.agents.status.get("jkowalski")).status is AgentState.OFF
        with pytest.raises(
            errors.ValidationError, match="Cannot logout: the agent's status is OFF"
        ):
            await client.agents.logout("jkowalski")
        with pytest.raises(errors.NotFoundError):
            await client.agents.login("ghost")
    assert [h["status"] for h in fake.agent_status_history("jkowalski")] == [
        "FREE",
        "PAUSED",
        "FREE",
        "OFF",
    ]


async def test_call_control_through_the_client(connect) -> None:
    clock = ManualClock(dt.datetime(2024, 11, 12, 9, 0, 0))
    fake = world(clock)
    fake.set_agent_status("jkowalski", "FREE")
    fake.set_agent_status("anowak", "FREE")
    fake.add_campaign("00002", dialer="preview", agents=("jkowalski",))
    fake.add_record("00002", "400200201")
    async with connect(fake)() as client:
        assert await client.agents.last_queue_call.get("jkowalski") is None
        connection_id = fake.ring_agent("jkowalski", "600100200", queue_id=4)
        clock.advance(seconds=6)
        await client.agents.answer("jkowalski")
        assert (await client.agents.status.get("jkowalski")).status is AgentState.INBOUND_CALL
        await client.agents.hold("jkowalski")
        await client.agents.unhold("jkowalski")
        await client.agents.mute("jkowalski")
        await client.agents.unmute("jkowalski")
        clock.advance(seconds=30)
        await client.agents.stop_recording("jkowalski")
        clock.advance(seconds=30)
        await client.agents.transfer("jkowalski", destination="3422")  # anowak's extension
        assert (await client.agents.status.get("anowak")).status is AgentState.RINGING
        await client.agents.hangup("anowak")
        last = await client.agents.last_queue_call.get("jkowalski")
        assert last is not None
        assert (last.connection_id, last.phone_number, last.customer_id) == (
            connection_id,
            "600100200",
            5,
        )
        assert (last.customer_identifier, last.start_date) == ("ACME", at(9))
        assert (last.answered_date, last.end_date) == (at(9, 0, 6), at(9, 1, 6))
        await client.agents.call(
            "jkowalski", customer_id=5, outbound_id="00001", custom_data={"ticket": 12}
        )
        assert fake.agent_call("jkowalski")["custom_data"] == {"ticket": 12}
        assert (await client.agents.status.get("jkowalski")).status is AgentState.OUTBOUND_CALL
        await client.agents.hangup("jkowalski")
        await client.agents.call_preview("jkowalski")
        assert fake.agent_call("jkowalski")["phone_number"] == "400200201"
        assert (await client.agents.status.get("jkowalski")).status is AgentState.OUTBOUND_PREVIEW
        await client.agents.hangup("jkowalski")
        with pytest.raises(errors.ValidationError, match="does not belong to customer 5"):
            await client.agents.call("jkowalski", customer_id=5, phone_number="500100100")


async def work(fake: FakeThulium, clock: ManualClock) -> None:
    """jkowalski works 09:00-17:00 on the 12th; anowak 22:00 on the 12th to 02:00 on the 13th."""
    fake.set_agent_status("jkowalski", "FREE", at="2024-11-12 09:00:00")
    fake.set_agent_status("jkowalski", "PAUSED", pause_id=1, at="2024-11-12 12:00:00")
    fake.set_agent_status("jkowalski", "FREE", at="2024-11-12 12:20:00")
    fake.set_agent_status("jkowalski", "OFF", at="2024-11-12 17:00:00")
    fake.set_agent_status("anowak", "FREE", at="2024-11-12 22:00:00")
    fake.set_agent_status("anowak", "OFF", at="2024-11-13 02:00:00")
    clock.now = dt.datetime(2024, 11, 14, 8, 0, 0)


async def test_work_report_pages_and_collect_agrees_with_one_request(connect) -> None:
    clock = ManualClock(dt.datetime(2024, 11, 12, 9, 0, 0))
    fake = world(clock)
    await work(fake, clock)
    async with connect(fake)() as client:
        rows = await client.agents_work_report.list(
            date_from=dt.date(2024, 11, 1),
            date_to=dt.date(2024, 11, 30),
            agent_group_ids=[3],
            aggregate_by="day",
            page_size=2,
        ).to_list()
        assert [(r.agent.login, r.period) for r in rows] == [
            ("jkowalski", "2024-11-12"),
            ("anowak", "2024-11-12"),
            ("anowak", "2024-11-13"),
        ]
        first = rows[0]
        assert (first.login_date, first.logout_date) == (at(9), at(17))
        assert first.inbound is not None
        assert first.inbound.wait_sum == "0"
        assert [p.id for p in first.pauses] == ["all", "free", "0", "1"]
        assert first.pauses[3].sum == Duration("00:20:00")
        assert first.pauses[3].sum.seconds == 1200
        assert first.pauses[2].average is None
        assert first.pauses[1].sum.timedelta == dt.timedelta(hours=7, minutes=40)
        late, early = rows[1], rows[2]
        assert (late.login_date, late.logout_date) == (at(22), None)
        assert (early.login_date, early.logout_date) == (at(0, day=13), at(2, day=13))
        assert late.pauses[1].sum == "02:00:00"
        assert early.pauses[1].sum == "02:00:00"

        collected = await client.agents_work_report.collect(
            date_from=dt.date(2024, 11, 11),
            date_to=dt.date(2024, 11, 14),
            logins=["anowak", "jkowalski"],
            logins_per_request=1,
            concurrency=2,
        )
        assert [(r.agent.login, r.period) for r in collected] == [
            ("anowak", "2024-11-12"),
            ("anowak", "2024-11-13"),
            ("jkowalski", "2024-11-12"),
        ]
        assert collected[2] == first
        assert collected[:2] == [late, early]
    requests = [r for r in fake.requests if r.endpoint == "GET agents_work_report"]
    assert len(requests) == 2 + 2 * 4  # two pages, then 2 logins x 4 days
    assert ("date_to", "2024-11-11 23:59:59") in requests[2].query


async def test_agent_calls_show_up_in_connections_and_recordings(connect) -> None:
    clock = ManualClock(dt.datetime(2024, 11, 12, 9, 0, 0))
    fake = world(clock)
    fake.set_agent_status("jkowalski", "FREE")
    async with connect(fake)() as client:
        queue_call = fake.ring_agent("jkowalski", "600100200", queue_id=4)
        clock.advance(seconds=4)
        await client.agents.answer("jkowalski")
        clock.advance(seconds=30)
        await client.agents.hangup("jkowalski")
        await client.agents.call("jkowalski", phone_number="500100100")
        outbound = fake.agent_call("jkowalski")["connection_id"]
        ongoing = await client.connections.list(user_login="jkowalski").to_list()
        assert [c.connection_id for c in ongoing] == [queue_call]  # listed once finished
        clock.advance(seconds=12)
        await client.agents.hangup("jkowalski")
        newest_first = await client.connections.list(user_login="jkowalski").to_list()
        assert [(c.connection_id, c.duration, c.billsec) for c in newest_first] == [
            (outbound, 12, 12),
            (queue_call, 34, 30),
        ]
        calls = newest_first[::-1]
        assert (calls[0].queue_id, calls[0].customer_id, calls[0].src) == (4, 5, "600100200")
        assert (calls[1].dst, calls[1].src) == ("500100100", "3113")
        recordings = await client.recordings.list().to_list()
        assert [r.filename for r in recordings] == [c.filename for c in calls]
        async with client.recordings.stream(filename=calls[0].filename) as audio:
            data = b"".join([chunk async for chunk in audio])
        assert data[:4] == b"RIFF"
        assert len(data) > 30 * 8000  # 30 s of 8 kHz 8-bit audio
