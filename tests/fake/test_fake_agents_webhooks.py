"""Agents and calls area of the fake: the webhook events its state changes emit."""

from __future__ import annotations

import datetime as dt

import pytest
from agents_support import START, agents_world
from fake_support import error

from thulium_async.testing import FakeThulium, ManualClock
from thulium_async.testing.agents import _events as _agents_events
from thulium_async.testing.calls import _events as _calls_events
from thulium_async.webhooks import (
    Abandoned,
    AgentCompleted,
    AgentConnected,
    AgentLoggedIn,
    AgentLoggedOut,
    AgentNotAnswered,
    AgentPhoneConnected,
    AgentRinging,
    AgentStatusChanged,
    CallEndedBy,
    EnterQueue,
    ExitQueue,
    OutboundBusy,
    OutboundCompleted,
    OutboundConnecting,
    OutboundCustomerConnected,
    OutboundFailure,
    OutboundNoAnswer,
    PreviewRecord,
    QueueTransferredToAgent,
    RecordingReady,
    TransferType,
    WebhookEvent,
    encode_event,
    parse_event,
)

WARSAW_WINTER = dt.timedelta(hours=1)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def fake(clock: ManualClock) -> FakeThulium:
    """``agents_world`` plus jkowalski's preview campaigns: 00004 (one record) and
    00005 (CRM, customer 5's record)."""
    fake = agents_world(clock)
    fake.add_campaign("00004", name="Winback", agents=("jkowalski",))
    fake.add_record("00004", "400200201")
    fake.add_campaign("00005", crm=True, agents=("jkowalski",))
    fake.add_record("00005", customer_id=5)
    return fake


def at(**delta: float) -> dt.datetime:
    """START moved by ``delta``, as the aware datetime events carry (Warsaw, CET)."""
    return (START + dt.timedelta(**delta)).replace(tzinfo=dt.timezone(WARSAW_WINTER))


def actions(events: list[WebhookEvent]) -> list[str]:
    return [event.action for event in events]


async def act(http, action: str, login: str = "jkowalski", **json):
    response = await http.post(f"agents/{login}/{action}", json=json or None)
    assert response.status_code == 201, response.text
    return response


# -- presence ------------------------------------------------------------------------------


async def test_presence_through_the_api_emits_log_in_pauses_and_log_out(api, fake, clock):
    events = fake.collect_webhooks()
    await act(api, "login")
    clock.advance(seconds=10)
    await act(api, "pause", pause_id=1)
    clock.advance(seconds=10)
    await act(api, "pause", pause_id=2)  # switching the reason
    clock.advance(seconds=10)
    await act(api, "free")
    clock.advance(seconds=10)
    await act(api, "logout")
    assert events == [
        AgentLoggedIn(agent_login="jkowalski", date=at()),
        AgentStatusChanged(agent_login="jkowalski", date=at(seconds=10), pause_id=1),
        AgentStatusChanged(
            agent_login="jkowalski", date=at(seconds=20), pause_id=2, previous_pause_id=1
        ),
        AgentStatusChanged(agent_login="jkowalski", date=at(seconds=30), previous_pause_id=2),
        AgentLoggedOut(agent_login="jkowalski", date=at(seconds=40)),
    ]
    assert events[0].date.utcoffset() == WARSAW_WINTER


async def test_refused_presence_actions_emit_nothing(http, fake):
    events = fake.collect_webhooks()
    assert error(await http.post("agents/jkowalski/logout"))[0] == 400
    assert error(await http.post("agents/jkowalski/free"))[0] == 400
    await act(http, "login")
    assert error(await http.post("agents/jkowalski/login"))[0] == 400
    assert actions(events) == ["AGENT_LOGGED_IN"]


def test_set_agent_status_emits_what_the_panel_change_implies(fake, clock):
    events = fake.collect_webhooks()
    fake.set_agent_status("jkowalski", "PAUSED", pause_id=1, at="2024-11-12 08:00:00")
    fake.set_agent_status("jkowalski", "PAUSED", pause_id=1)  # no change, no event
    fake.set_agent_status("jkowalski", "OFF")
    fake.set_agent_status("jkowalski", "OFF")
    early = dt.datetime(2024, 11, 12, 8, tzinfo=dt.timezone(WARSAW_WINTER))
    assert events == [
        AgentLoggedIn(agent_login="jkowalski", date=early),
        AgentStatusChanged(agent_login="jkowalski", date=early, pause_id=1),
        AgentLoggedOut(agent_login="jkowalski", date=at()),  # the pause ends with the session
    ]


def test_connect_agent_phone(fake, clock):
    events = fake.collect_webhooks()
    fake.connect_agent_phone("jkowalski")
    clock.advance(minutes=1)
    fake.connect_agent_phone("anowak", "600900900")  # working from a mobile
    assert events == [
        AgentPhoneConnected(agent_login="jkowalski", date=at(), phone_number="3113"),
        AgentPhoneConnected(agent_login="anowak", date=at(minutes=1), phone_number="600900900"),
    ]
    fake.add_agent("nophone")
    with pytest.raises(ValueError, match="no SIP account"):
        fake.connect_agent_phone("nophone")
    with pytest.raises(ValueError, match="invalid value"):
        fake.connect_agent_phone("anowak", "mobile")
    with pytest.raises(KeyError):
        fake.connect_agent_phone("ghost")
    assert len(events) == 2


# -- queue calls ---------------------------------------------------------------------------


async def test_a_waiting_caller_rings_is_answered_and_completes(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    events = fake.collect_webhooks()
    fake.add_waiting_caller(7, "600100201", started_at="2024-11-12 08:59:30")
    [entered] = events
    connection_id = entered.connection_id
    assert entered == EnterQueue(
        connection_id=connection_id,
        date=at(seconds=-30),
        queue_id=7,
        source_number="600100201",
        source_name="Jan Kowalski",  # customer 5 (add_customer's default name)
    )
    assert fake.ring_agent("jkowalski", "600100201", queue_id=7) == connection_id
    assert [w["phone_number"] for w in fake.waiting_list(7)] == ["600100201"]  # still queued
    clock.advance(seconds=5)
    await act(http, "answer")
    assert fake.waiting_list(7) == []
    clock.advance(seconds=60)
    await act(http, "hangup")
    [call] = fake.connections()
    filename = call["filename"]
    agent = {
        "connection_id": connection_id,
        "queue_id": 7,
        "agent_login": "jkowalski",
        "source_number": "600100201",
        "destination_number": "3113",
    }
    assert events[1:] == [
        AgentRinging(date=at(), **agent),
        AgentConnected(date=at(seconds=5), customer_id=5, **agent),
        ExitQueue(connection_id=connection_id, date=at(seconds=5), queue_id=7),
        AgentCompleted(
            date=at(seconds=65),
            customer_id=5,
            duration=95,  # from entering the queue
            billsec=60,
            filename=filename,
            reason=CallEndedBy.AGENT,
            **agent,
        ),
        RecordingReady(connection_id=connection_id, date=at(seconds=65), filename=filename),
    ]
    assert (call["connection_id"], call["date"], call["duration"]) == (
        connection_id,
        "2024-11-12 08:59",
        95,
    )


async def test_a_caller_not_waiting_enters_the_queue_when_it_rings(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    events = fake.collect_webhooks()
    connection_id = fake.ring_agent("jkowalski", "700800900", queue_id=3)
    clock.advance(seconds=12)
    fake.end_agent_call("jkowalski")  # the caller hangs up while it rings
    assert actions(events) == ["ENTER_QUEUE", "AGENT_RINGING", "AGENT_NOT_ANSWERED", "ABANDONED"]
    assert {event.connection_id for event in events} == {connection_id}
    assert events[0] == EnterQueue(
        connection_id=connection_id, date=at(), queue_id=3, source_number="700800900"
    )
    assert events[-1] == Abandoned(
        connection_id=connection_id,
        date=at(seconds=12),
        queue_id=3,
        source_number="700800900",
        hold_time=12,
    )
    assert fake.waiting_list(3) == []


async def test_a_rejected_queue_call_leaves_the_queue(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    fake.add_waiting_caller(3, "700800900")
    events = fake.collect_webhooks()
    connection_id = fake.ring_agent("jkowalski", "700800900", queue_id=3)
    await act(http, "hangup")
    assert actions(events) == ["AGENT_RINGING", "AGENT_NOT_ANSWERED", "EXIT_QUEUE"]
    assert events[1] == AgentNotAnswered(
        connection_id=connection_id,
        date=at(),
        queue_id=3,
        agent_login="jkowalski",
        source_number="700800900",
        destination_number="3113",
    )
    assert fake.waiting_list(3) == []


async def test_a_queue_call_the_caller_ends_is_completed_by_the_caller(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    fake.ring_agent("jkowalski", "700800900", queue_id=3)
    await act(http, "answer")
    events = fake.collect_webhooks()
    clock.advance(seconds=30)
    fake.end_agent_call("jkowalski")
    completed, ready = events
    assert isinstance(completed, AgentCompleted)
    assert (completed.reason, completed.duration, completed.billsec) == (CallEndedBy.CALLER, 30, 30)
    assert (completed.customer_id, completed.filename) == (None, ready.filename)
    assert isinstance(ready, RecordingReady)


async def test_a_direct_call_emits_only_its_recording(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    events = fake.collect_webhooks()
    connection_id = fake.ring_agent("jkowalski", "700800900")
    await act(http, "answer")
    clock.advance(seconds=20)
    fake.end_agent_call("jkowalski")
    fake.ring_agent("jkowalski", "700800901")
    fake.end_agent_call("jkowalski")  # unanswered: no recording
    [ready] = events
    assert ready == RecordingReady(
        connection_id=connection_id,
        date=at(seconds=20),
        filename=f"nagrania/2024-11-12/2024-11-12_090000_{connection_id}.wav",
    )


def test_removing_a_waiting_caller_abandons_or_exits(fake, clock):
    fake.add_waiting_caller(8, "600600600")
    fake.add_waiting_caller(8, "600600601")
    events = fake.collect_webhooks()
    clock.advance(seconds=42)
    fake.remove_waiting_caller(8, "600600600")
    fake.remove_waiting_caller(8, "600600601", abandoned=False)
    hung_up, left = events
    assert isinstance(hung_up, Abandoned)
    assert (hung_up.hold_time, hung_up.source_number, hung_up.date) == (
        42,
        "600600600",
        at(seconds=42),
    )
    assert isinstance(left, ExitQueue)
    assert (left.queue_id, left.date) == (8, at(seconds=42))


def test_a_caller_ringing_at_an_agent_is_not_removed_from_the_line(fake):
    fake.set_agent_status("jkowalski", "FREE")
    fake.ring_agent("jkowalski", "600600600", queue_id=8)
    events = fake.collect_webhooks()
    with pytest.raises(ValueError, match="is not waiting in queue 8"):
        fake.remove_waiting_caller(8, "600600600")
    assert events == []


async def test_scheduled_calls_enter_the_queue_when_due(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    events = fake.collect_webhooks()
    now = await http.post("queues/3/schedule_call", json={"phone_number": "500333222"})
    assert now.status_code == 201
    assert actions(events) == ["ENTER_QUEUE"]  # due at once: joins during the POST
    later = {"phone_number": "500333223", "call_at": "2024-11-12 09:10:00"}
    assert (await http.post("queues/3/schedule_call", json=later)).status_code == 201
    assert len(events) == 1
    clock.advance(minutes=15)
    connection_id = fake.ring_agent("jkowalski", "500333223", queue_id=3)
    assert events[1:] == [
        EnterQueue(
            connection_id=connection_id,
            date=at(minutes=10),  # when it joined, seen when the fake looked at the queue
            queue_id=3,
            source_number="500333223",
        ),
        AgentRinging(
            connection_id=connection_id,
            date=at(minutes=15),
            queue_id=3,
            agent_login="jkowalski",
            source_number="500333223",
            destination_number="3113",
        ),
    ]
    waiting = (await http.get("queues/3/waiting_list")).json()
    assert [w["phone_number"] for w in waiting] == ["500333222", "500333223"]
    assert len(events) == 3  # reading the line again adds nothing


async def test_transfer_of_a_queue_call_to_another_agent(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    fake.set_agent_status("anowak", "FREE")
    first = fake.ring_agent("jkowalski", "600100200", queue_id=7)
    await act(http, "answer")
    events = fake.collect_webhooks()
    clock.advance(seconds=30)
    await act(http, "transfer", destination="3422")
    second = fake.agent_call("anowak")["connection_id"]
    assert actions(events) == [
        "AGENT_COMPLETED",
        "RECORDING_READY",
        "QUEUE_TRANSFERRED_TO_AGENT",
        "AGENT_RINGING",
    ]
    assert events[2] == QueueTransferredToAgent(
        connection_id=first,
        date=at(seconds=30),
        queue_id=7,
        type=TransferType.BLIND,
        agent_login="anowak",
        destination_number="3422",
    )
    ringing = events[3]
    assert isinstance(ringing, AgentRinging)
    assert (ringing.connection_id, ringing.agent_login, ringing.destination_number) == (
        second,
        "anowak",
        "3422",
    )
    del events[:]
    await act(http, "answer", "anowak")  # the transferred leg never was in the line
    await act(http, "transfer", "anowak", destination="999888777")  # to an outside number
    assert actions(events) == ["AGENT_CONNECTED", "AGENT_COMPLETED", "RECORDING_READY"]


# -- campaign calls ------------------------------------------------------------------------


async def test_an_agent_call_under_a_campaign(api, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    events = fake.collect_webhooks()
    await act(api, "call", phone_number="600100200")
    connection_id = fake.agent_call("jkowalski")["connection_id"]
    clock.advance(seconds=45)
    await act(api, "hangup")
    call = {
        "id": "00004",
        "name": "Winback",
        "phone_number": "600100200",
        "agent_login": "jkowalski",
        "connection_id": connection_id,
        "customer_id": 5,
        "caller_id": "3113",
    }
    filename = f"nagrania/2024-11-12/2024-11-12_090000_{connection_id}.wav"
    assert events == [
        OutboundConnecting(date=at(), attempt=1, **call),
        OutboundCustomerConnected(date=at(), **call),
        OutboundCompleted(date=at(seconds=45), duration=45, billsec=45, filename=filename, **call),
        RecordingReady(connection_id=connection_id, date=at(seconds=45), filename=filename),
    ]
    assert all(event.record_id is None for event in events[:3])  # a number, not a record
    await act(api, "call", phone_number="600100200", caller_id="221234567")
    again = events[4]
    assert isinstance(again, OutboundConnecting)
    assert (again.attempt, again.caller_id) == (2, "221234567")


@pytest.mark.parametrize(
    ("disposition", "outcome"),
    [("BUSY", OutboundBusy), ("NO ANSWER", OutboundNoAnswer), ("FAILED", OutboundFailure)],
)
async def test_an_unconnected_campaign_call_ends_with_its_outcome(
    http, fake, clock, disposition, outcome
):
    fake.set_agent_status("jkowalski", "FREE")
    await act(http, "call", phone_number="500100100")
    events = fake.collect_webhooks()
    clock.advance(seconds=20)
    fake.end_agent_call("jkowalski", disposition=disposition)
    [ended] = events  # no recording
    assert isinstance(ended, outcome)
    assert (ended.campaign_id, ended.phone_number, ended.duration, ended.billsec) == (
        "00004",
        "500100100",
        20,
        0,
    )
    assert ended.filename is None


async def test_a_preview_call_shows_the_record_then_dials_it(http, fake, clock):
    fake.set_agent_status("jkowalski", "FREE")
    record_id = fake.records("00004")[0]["record_id"]
    events = fake.collect_webhooks()
    await act(http, "call_preview")
    clock.advance(seconds=10)
    await act(http, "hangup")
    assert actions(events) == [
        "PREVIEW_RECORD",
        "OUTBOUND_CONNECTING",
        "OUTBOUND_CUSTOMER_CONNECTED",
        "OUTBOUND_COMPLETED",
        "RECORDING_READY",
    ]  # the dialler moving the record to IN_PROGRESS is no OUTBOUND_RECORD_SAVED
    assert events[0] == PreviewRecord(
        id="00004",
        name="Winback",
        date=at(),
        record_id=record_id,
        phone_number="400200201",
        agent_login="jkowalski",
    )
    assert {event.record_id for event in events[1:4]} == {record_id}
    await act(http, "call_preview")  # 00004 is done: the CRM campaign's record
    shown, connecting = events[5:7]
    assert isinstance(shown, PreviewRecord)
    assert (shown.campaign_id, shown.phone_number, shown.customer_id) == ("00005", "600100200", 5)
    assert isinstance(connecting, OutboundConnecting)
    assert (connecting.record_id, connecting.customer_id) == (shown.record_id, 5)


def test_call_detail_records_from_setup(fake, clock):
    events = fake.collect_webhooks()
    fake.add_call(recording=True)  # history: no events
    ongoing = fake.add_call(ongoing=True)
    assert events == []
    fake.finish_call(ongoing, duration=60, recording=True)
    [ready] = events
    assert isinstance(ready, RecordingReady)
    assert (ready.connection_id, ready.date) == (ongoing, at())
    assert ready.filename == fake.connections()[-1]["filename"]


# -- the events themselves -----------------------------------------------------------------


async def test_every_event_of_the_area_survives_the_wire(http, fake, clock):
    """Each event a flow emits encodes and parses back to itself, as JSON and as a form."""
    events = fake.collect_webhooks()
    await act(http, "login")
    fake.set_agent_status("anowak", "FREE")
    fake.connect_agent_phone("jkowalski")
    fake.add_waiting_caller(7, "600100201")
    fake.ring_agent("jkowalski", "600100201", queue_id=7)
    await act(http, "answer")
    clock.advance(seconds=9)
    await act(http, "transfer", destination="3422")
    fake.end_agent_call("anowak")
    fake.ring_agent("jkowalski", "700800900", queue_id=7)
    fake.end_agent_call("jkowalski")
    await act(http, "call_preview")
    clock.advance(seconds=9)
    await act(http, "hangup")
    await act(http, "call", phone_number="500100100")
    fake.end_agent_call("jkowalski", disposition="BUSY")
    await act(http, "pause", pause_id=1)
    await act(http, "logout")
    assert set(actions(events)) == {
        "AGENT_LOGGED_IN",
        "AGENT_LOGGED_OUT",
        "AGENT_STATUS_CHANGED",
        "AGENT_PHONE_CONNECTED",
        "ENTER_QUEUE",
        "EXIT_QUEUE",
        "ABANDONED",
        "AGENT_RINGING",
        "AGENT_CONNECTED",
        "AGENT_NOT_ANSWERED",
        "AGENT_COMPLETED",
        "QUEUE_TRANSFERRED_TO_AGENT",
        "RECORDING_READY",
        "PREVIEW_RECORD",
        "OUTBOUND_CONNECTING",
        "OUTBOUND_CUSTOMER_CONNECTED",
        "OUTBOUND_COMPLETED",
        "OUTBOUND_BUSY",
    }
    for event in events:
        for form in (True, False):
            assert parse_event(*encode_event(event, form=form)) == event


async def test_no_event_is_built_while_nobody_listens(http, fake, monkeypatch):
    def refuse(**fields: object) -> WebhookEvent:
        raise AssertionError("built without a listener")

    for module, name in [
        (_agents_events, "AgentLoggedIn"),
        (_calls_events, "EnterQueue"),
        (_calls_events, "AgentRinging"),
        (_calls_events, "OutboundConnecting"),
    ]:
        monkeypatch.setattr(module, name, refuse)
    await act(http, "login")
    fake.ring_agent("jkowalski", "600100201", queue_id=7)
    await act(http, "hangup")
    await act(http, "call", phone_number="500100100")
    await act(http, "hangup")
    fake.collect_webhooks()
    with pytest.raises(AssertionError, match="built without a listener"):
        fake.add_waiting_caller(7, "600100201")
