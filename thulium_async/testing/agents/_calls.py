"""Calls on agents' phones: placing, ringing, answering and ending them.

Each call is filed in the calls store when it starts (``ended=False``) and
completed in place when it ends, so ``GET connections`` and ``GET recordings``
show what the agent endpoints did. Outbound calls are answered at once (the
fake's customers always pick up); an inbound call rings until the agent
answers or either side hangs up. Answered calls are recorded unless the agent
stopped the recording, in which case the file holds the part before the stop.

Each step emits its call events (``calls._events``) once the change is made.
A queue call rings with the caller taken from the queue's line
(``FakeThulium.ring_agent``), so the call keeps the connection id and start
it got on entering the queue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calls._events import call_answered, call_ended, call_placed, call_ringing, new_connection_id
from ..calls._store import Call, silent_wav
from ..server._clock import stamp
from ..server._state import State
from ._models import Agent
from ._store import LiveCall

__all__ = ["answer", "finish", "place", "ring"]


def customer_with_phone(state: State, phone: str) -> int | None:
    """The first CRM customer having ``phone`` among its numbers (caller identification)."""
    for customer in state.customers.values():
        if phone in customer.phone_numbers:
            return customer.customer_id
    return None


def _file(
    state: State,
    agent: Agent,
    moment: dt.datetime,
    connection_id: str | None = None,
    **fields: Any,
) -> Call:
    if connection_id is None:
        connection_id = new_connection_id(state, moment)
    call = Call(connection_id, stamp(moment), user_login=agent.login, ended=False, **fields)
    return state.calls.add(call)


def place(
    state: State,
    agent: Agent,
    phone: str,
    *,
    status: str,
    customer_id: int | None = None,
    outbound_id: str = "",
    caller_id: str | None = None,
    custom_data: Any = None,
    record: tuple[str, int] | None = None,
) -> LiveCall:
    """An outbound call from the agent's phone to ``phone``, connected at once."""
    moment = state.moment()
    if customer_id is None:
        customer_id = customer_with_phone(state, phone)
    call = _file(
        state,
        agent,
        moment,
        src=caller_id or agent.sip_accounts[0].phone_number,
        dst=phone,
        type="OUTBOUND",
        customer_id=customer_id,
        outbound_id=outbound_id,
    )
    live = LiveCall(call, moment, moment, custom_data=custom_data, record=record)
    state.agents_store.live[agent.login] = live
    state.agents_store.change(agent.login, status, moment)
    call_placed(state, agent.login, live, moment)
    return live


def ring(
    state: State,
    agent: Agent,
    phone: str,
    *,
    queue_id: int | None = None,
    customer_id: int | None = None,
    connection_id: str | None = None,
    started: dt.datetime | None = None,
) -> LiveCall:
    """An inbound call from ``phone`` ringing on the agent's phone.

    ``connection_id`` and ``started`` are those of a caller taken from a queue's
    line (default: a new call starting now).
    """
    moment = state.moment()
    start = moment if started is None else started
    if customer_id is None:
        customer_id = customer_with_phone(state, phone)
    call = _file(
        state,
        agent,
        start,
        connection_id,
        src=phone,
        dst=agent.sip_accounts[0].phone_number,
        type="INBOUND",
        disposition="NO ANSWER",
        queue_id=queue_id,
        customer_id=customer_id,
    )
    live = LiveCall(call, start)
    state.agents_store.live[agent.login] = live
    state.agents_store.change(agent.login, "RINGING", moment)
    call_ringing(state, agent.login, live, moment)
    return live


def answer(state: State, login: str) -> None:
    """The agent picks up: a queue call is INBOUND_CALL, a direct one CALL."""
    live = state.agents_store.live[login]
    moment = state.moment()
    live.answered = moment
    live.call.disposition = "ANSWERED"
    status = "CALL" if live.call.queue_id is None else "INBOUND_CALL"
    state.agents_store.change(login, status, moment)
    call_answered(state, login, live, moment)


def finish(
    state: State,
    login: str,
    *,
    disconnected_by: str,
    disposition: str | None = None,
    transferred_to: str = "",
) -> Call:
    """End the agent's call: complete its connection, file the recording, agent FREE."""
    store = state.agents_store
    live = store.live.pop(login)
    moment = state.moment()
    call = live.call
    answered = live.answered if disposition in (None, "ANSWERED") else None
    call.duration = max(0, int((moment - live.started).total_seconds()))
    call.billsec = 0 if answered is None else max(0, int((moment - answered).total_seconds()))
    call.disposition = "ANSWERED" if answered is not None else (disposition or "NO ANSWER")
    call.disconnected_by = disconnected_by
    call.transferred_to = transferred_to
    call.ended = True
    if answered is not None:
        if live.recording_stopped is None:
            state.calls.record(call)
        else:
            kept = (live.recording_stopped - answered).total_seconds()
            state.calls.record(call, audio=silent_wav(kept))
    if live.record is not None:
        campaign = state.campaigns.get(live.record[0])
        record = campaign.records.get(live.record[1]) if campaign else None
        if record is not None:
            record.in_call = False
            record.cached = None
    store.change(login, "FREE", moment)
    call_ended(state, login, live, moment)
    return call
