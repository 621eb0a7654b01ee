"""Call events of the fake: queue lines, queue calls at agents, campaign calls, recordings.

Each function here makes or reports one change and emits its events through
``State.emit`` (built only when a subscription listens), dated by the moment
of the change. Which change emits what is listed in ``agents._handlers``.

A queue's line (``Queue.waiting``) is the truth for ENTER_QUEUE, EXIT_QUEUE
and ABANDONED: a caller joining it enters the queue, and leaves it exactly
once, by ABANDONED (hung up while waiting, ``hold_time`` = seconds since
joining) or EXIT_QUEUE (any other way out: answered by an agent, rejected and
not offered again, taken out by setup code). A caller keeps the connection id
it got on joining, and an agent's phone ringing with it files the call under
that id, so every event of one call carries one ``connection_id``.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from ...webhooks import (
    Abandoned,
    AgentCompleted,
    AgentConnected,
    AgentNotAnswered,
    AgentRinging,
    CallEndedBy,
    EnterQueue,
    ExitQueue,
    OutboundBusy,
    OutboundCompleted,
    OutboundConnecting,
    OutboundCustomerConnected,
    OutboundEvent,
    OutboundFailure,
    OutboundNoAnswer,
    PreviewRecord,
    QueueTransferredToAgent,
    RecordingReady,
    TransferType,
)
from ..agents._store import LiveCall
from ..campaigns._models import Campaign, Record
from ..server._clock import parse_moment, stamp
from ..server._state import State
from ._models import Queue, WaitingCaller
from ._store import Call
from ._views import caller_customer, customer_label

__all__ = [
    "call_answered",
    "call_ended",
    "call_placed",
    "call_ringing",
    "enter_queue",
    "leave_queue",
    "line",
    "new_connection_id",
    "preview_shown",
    "queue_caller",
    "recording_ready",
    "transferred_to_agent",
]

# A campaign call's outcome event by the disposition its connection ends with.
_OUTCOMES: dict[str, type[OutboundEvent]] = {
    "ANSWERED": OutboundCompleted,
    "BUSY": OutboundBusy,
    "NO ANSWER": OutboundNoAnswer,
    "FAILED": OutboundFailure,
}
_ENDED_BY = {"Agent": CallEndedBy.AGENT, "Customer": CallEndedBy.CALLER}


def new_connection_id(state: State, moment: dt.datetime) -> str:
    """A Thulium-style connection id for a call starting at ``moment`` (local time)."""
    # The account's zone, not the machine's, so ids do not depend on where tests run.
    return state.calls.new_connection_id(int(state.aware(moment).timestamp()))


def _seconds(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, int((end - start).total_seconds()))


# -- queue lines ---------------------------------------------------------------------------


def line(state: State, queue: Queue) -> list[WaitingCaller]:
    """The queue's line, once the scheduled calls now due joined it (earliest first).

    The fake has no timer: a scheduled call joins when the fake next looks at
    its queue, its ENTER_QUEUE dated by its ``call_at``.
    """
    for scheduled in state.calls.take_due(queue, state.now_seconds()):
        enter_queue(state, queue, scheduled.phone_number, parse_moment(scheduled.call_at))
    return queue.waiting


def enter_queue(state: State, queue: Queue, phone_number: str, since: dt.datetime) -> WaitingCaller:
    """A caller joins the end of the queue's line at ``since``: ENTER_QUEUE.

    ``source_name`` is the matched CRM customer's name (as the waiting list shows it).
    """
    caller = WaitingCaller(phone_number, stamp(since), new_connection_id(state, since))
    queue.waiting.append(caller)

    def build() -> EnterQueue:
        customer = caller_customer(state, phone_number)
        return EnterQueue(
            connection_id=caller.connection_id,
            date=state.aware(since),
            queue_id=queue.queue_id,
            source_number=phone_number,
            source_name=None if customer is None else customer_label(customer),
        )

    state.emit(build)
    return caller


def queue_caller(state: State, queue: Queue, phone_number: str) -> WaitingCaller:
    """The caller an agent's phone rings with: the first in line with this number not
    ringing elsewhere, else a new caller entering the queue now."""
    busy = {live.call.connection_id for live in state.agents_store.live.values()}
    for caller in line(state, queue):
        if caller.phone_number == phone_number and caller.connection_id not in busy:
            return caller
    return enter_queue(state, queue, phone_number, state.moment())


def leave_queue(state: State, queue: Queue, caller: WaitingCaller, *, abandoned: bool) -> None:
    """The caller leaves the line now: ABANDONED (hung up while waiting) or EXIT_QUEUE."""
    queue.waiting.remove(caller)
    moment = state.moment()
    if abandoned:
        hold_time = _seconds(parse_moment(caller.started_at), moment)
        state.emit(
            lambda: Abandoned(
                connection_id=caller.connection_id,
                date=state.aware(moment),
                queue_id=queue.queue_id,
                source_number=caller.phone_number,
                hold_time=hold_time,
            )
        )
    else:
        state.emit(
            lambda: ExitQueue(
                connection_id=caller.connection_id,
                date=state.aware(moment),
                queue_id=queue.queue_id,
            )
        )


def _in_line(state: State, call: Call) -> tuple[Queue, WaitingCaller] | None:
    queue = state.calls.queues.get(call.queue_id) if call.queue_id is not None else None
    if queue is not None:
        for caller in queue.waiting:
            if caller.connection_id == call.connection_id:
                return queue, caller
    return None


# -- queue calls on agents' phones ---------------------------------------------------------


class _AgentFields(TypedDict):
    connection_id: str
    queue_id: int | None
    agent_login: str
    source_number: str
    destination_number: str


def _at_agent(call: Call, login: str) -> _AgentFields:
    """The fields every AGENT_* event of a queue call shares (``dst``: the agent's extension)."""
    return {
        "connection_id": call.connection_id,
        "queue_id": call.queue_id,
        "agent_login": login,
        "source_number": call.src,
        "destination_number": call.dst,
    }


def call_ringing(state: State, login: str, live: LiveCall, moment: dt.datetime) -> None:
    """A call started ringing on the agent's phone: AGENT_RINGING for a queue call."""
    call = live.call
    if call.queue_id is not None:
        state.emit(lambda: AgentRinging(date=state.aware(moment), **_at_agent(call, login)))


def call_answered(state: State, login: str, live: LiveCall, moment: dt.datetime) -> None:
    """The agent picked up: AGENT_CONNECTED for a queue call, then EXIT_QUEUE."""
    call = live.call
    if call.queue_id is None:
        return
    state.emit(
        lambda: AgentConnected(
            date=state.aware(moment), customer_id=call.customer_id, **_at_agent(call, login)
        )
    )
    waiting = _in_line(state, call)
    if waiting is not None:
        leave_queue(state, *waiting, abandoned=False)


def call_placed(state: State, login: str, live: LiveCall, moment: dt.datetime) -> None:
    """A campaign call was dialled and picked up at once (the fake's customers always
    answer): OUTBOUND_CONNECTING, then OUTBOUND_CUSTOMER_CONNECTED."""
    call = live.call
    if not call.outbound_id:
        return

    def connecting() -> OutboundConnecting:
        # Dialling attempts of this number under this campaign, this one included.
        attempt = sum(
            1
            for other in state.calls.calls.values()
            if other.outbound_id == call.outbound_id and other.dst == call.dst
        )
        return OutboundConnecting(**_campaign_call(state, login, live, moment), attempt=attempt)

    state.emit(connecting)
    state.emit(lambda: OutboundCustomerConnected(**_campaign_call(state, login, live, moment)))


def call_ended(state: State, login: str, live: LiveCall, moment: dt.datetime) -> None:
    """The agent's call ended (its connection completed): the events of its end.

    A queue call answered gives AGENT_COMPLETED; one never answered gives
    AGENT_NOT_ANSWERED and takes the caller out of the line (ABANDONED when the
    caller hung up, else EXIT_QUEUE: the fake does not offer it to another
    agent). A campaign call gives the OUTBOUND_* outcome of its disposition. A
    recorded call then gives RECORDING_READY.
    """
    call = live.call
    answered = call.disposition == "ANSWERED"
    if call.queue_id is not None:
        if answered:
            state.emit(
                lambda: AgentCompleted(
                    date=state.aware(moment),
                    customer_id=call.customer_id,
                    duration=call.duration,
                    billsec=call.billsec,
                    filename=call.filename or None,
                    reason=_ENDED_BY.get(call.disconnected_by),
                    **_at_agent(call, login),
                )
            )
        else:
            state.emit(lambda: AgentNotAnswered(date=state.aware(moment), **_at_agent(call, login)))
            waiting = _in_line(state, call)
            if waiting is not None:
                leave_queue(state, *waiting, abandoned=call.disconnected_by == "Customer")
    if call.outbound_id:
        outcome = _OUTCOMES[call.disposition]
        state.emit(
            lambda: outcome(
                **_campaign_call(state, login, live, moment),
                duration=call.duration,
                billsec=call.billsec,
                filename=call.filename or None,
            )
        )
    recording_ready(state, call, moment)


def transferred_to_agent(
    state: State, call: Call, login: str, destination: str, moment: dt.datetime
) -> None:
    """A queue call was handed to agent ``login`` at ``destination`` (their extension).

    The fake's transfer is blind: the call leaves the first agent before the
    second one's phone rings. The event carries the transferred call's id.
    """
    if call.queue_id is None:
        return
    state.emit(
        lambda: QueueTransferredToAgent(
            connection_id=call.connection_id,
            date=state.aware(moment),
            queue_id=call.queue_id,
            type=TransferType.BLIND,
            agent_login=login,
            destination_number=destination,
        )
    )


def recording_ready(state: State, call: Call, moment: dt.datetime) -> None:
    """RECORDING_READY when the ended call has a recording."""
    if call.filename:
        state.emit(
            lambda: RecordingReady(
                connection_id=call.connection_id,
                date=state.aware(moment),
                filename=call.filename,
            )
        )


# -- campaign calls ------------------------------------------------------------------------


class _CampaignCallFields(TypedDict):
    id: str
    name: str | None
    date: dt.datetime
    record_id: int | None
    phone_number: str
    agent_login: str
    connection_id: str
    customer_id: int | None
    caller_id: str


def _campaign_call(
    state: State, login: str, live: LiveCall, moment: dt.datetime
) -> _CampaignCallFields:
    """What every OUTBOUND_* event of the agent's campaign call carries.

    ``record_id`` only for a preview call: a call placed with ``POST .../call``
    dials a number, not a record. ``caller_id`` is the number presented.
    """
    call = live.call
    campaign = state.campaigns.get(call.outbound_id)
    return {
        "id": call.outbound_id,
        "name": None if campaign is None else campaign.name,
        "date": state.aware(moment),
        "record_id": None if live.record is None else live.record[1],
        "phone_number": call.dst,
        "agent_login": login,
        "connection_id": call.connection_id,
        "customer_id": call.customer_id,
        "caller_id": call.src,
    }


def preview_shown(state: State, login: str, campaign: Campaign, record: Record) -> None:
    """PREVIEW_RECORD: the preview record the agent is about to dial was shown to them."""
    moment = state.moment()
    state.emit(
        lambda: PreviewRecord(
            id=campaign.id,
            name=campaign.name,
            date=state.aware(moment),
            record_id=record.record_id,
            phone_number=record.phone_number or None,
            agent_login=login,
            customer_id=record.customer_id,
        )
    )
