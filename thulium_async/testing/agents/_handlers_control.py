"""Handlers: the agent presence and in-call actions (``POST agents/{login}/...``).

A presence state machine: OFF -login-> FREE -pause-> PAUSED -free-> FREE;
FREE -call-> OUTBOUND_CALL, -call_preview-> OUTBOUND_PREVIEW (``_handlers_dial``);
an inbound call (``FakeThulium.ring_agent``) makes the agent RINGING, ``answer``
turns it into INBOUND_CALL (a queue call) or CALL (a direct one); ``hangup`` or
``transfer`` ends the call (FREE); ``logout`` -> OFF. Every change is dated by
the wall clock and kept in the agent's status history. Success is 201 with an
empty body, as documented.

Choices where the documentation is silent: an action that makes no sense in
the agent's current status answers 400 naming the action and the status
(Thulium documents 400 for refused requests and no conflict status): logging
in twice, logging out or pausing while logged out or in a call, ``free`` when
not paused, ``answer`` with nothing ringing, ``hangup`` / ``hold`` / ``mute`` /
``transfer`` / ``stop_recording`` with no call. Repeating a pause reason,
holding a held call, muting a muted phone and the like answer 400 too; so does
logging in an inactive agent. Pausing while paused switches the reason.
``answer``, ``hold``, ``unhold``, ``mute``, ``unmute`` and ``transfer`` need
the agent's phone (its first SIP account) to be a softphone, as documented,
else 400. A hung-up ringing call is NO ANSWER. A transfer to another agent's
extension rings that agent (400 if not FREE) and names them in the call's
``transferred_to``; any other destination is an external number.
``stop_recording`` keeps the recording made so far.

Presence changes emit their agent events (``_events.change_presence``),
call steps their call events (``_calls``); a transfer of a queue call to
another agent emits QUEUE_TRANSFERRED_TO_AGENT (blind) between the first
agent's AGENT_COMPLETED and the second one's AGENT_RINGING.
"""

from __future__ import annotations

from ..calls._events import transferred_to_agent
from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ..shared._validate import as_int
from ._calls import answer as answer_call
from ._calls import finish, ring
from ._checks import (
    DONE,
    number_field,
    path_agent,
    require_softphone,
    status_in,
    talking,
)
from ._events import change_presence
from ._store import CALL_STATUSES

__all__ = [
    "answer",
    "free",
    "hangup",
    "hold",
    "login",
    "logout",
    "mute",
    "pause",
    "stop_recording",
    "transfer",
    "unhold",
    "unmute",
]

_LOGGED_IN_IDLE = frozenset({"FREE", "PAUSED"})


def login(ctx: Ctx) -> Reply:
    """POST agents/{login}/login: OFF -> FREE (an inactive agent cannot log in)."""
    agent = path_agent(ctx)
    if agent.active is not True:
        raise bad_request("agent_inactive", login=agent.login)
    status_in(ctx.state, agent, "login", frozenset({"OFF"}))
    change_presence(ctx.state, agent.login, "FREE", ctx.state.moment())
    return DONE


def logout(ctx: Ctx) -> Reply:
    """POST agents/{login}/logout: any status without a call -> OFF."""
    agent = path_agent(ctx)
    status_in(ctx.state, agent, "logout", _LOGGED_IN_IDLE)
    change_presence(ctx.state, agent.login, "OFF", ctx.state.moment())
    return DONE


def pause(ctx: Ctx) -> Reply:
    """POST agents/{login}/pause: FREE or PAUSED (another reason) -> PAUSED."""
    agent = path_agent(ctx)
    raw = ctx.fields().get("pause_id")
    if raw is None:
        raise bad_request("required", name="pause_id")
    pause_id = as_int(raw, "pause_id", minimum=0)
    store = ctx.state.agents_store
    if pause_id not in store.pauses:
        raise bad_request("pause_not_found", pause_id=pause_id)
    status_in(ctx.state, agent, "pause", _LOGGED_IN_IDLE)
    current = store.presence(agent.login)
    if current is not None and current.pause_id == pause_id:
        raise bad_request("already_paused", pause_id=pause_id)
    change_presence(ctx.state, agent.login, "PAUSED", ctx.state.moment(), pause_id)
    return DONE


def free(ctx: Ctx) -> Reply:
    """POST agents/{login}/free: PAUSED -> FREE."""
    agent = path_agent(ctx)
    status_in(ctx.state, agent, "free", frozenset({"PAUSED"}))
    change_presence(ctx.state, agent.login, "FREE", ctx.state.moment())
    return DONE


# -- the call in progress ------------------------------------------------------------------


def answer(ctx: Ctx) -> Reply:
    """POST agents/{login}/answer: RINGING -> INBOUND_CALL (queue call) or CALL."""
    agent = path_agent(ctx)
    require_softphone(agent, "answer")
    status_in(ctx.state, agent, "answer", frozenset({"RINGING"}))
    answer_call(ctx.state, agent.login)
    return DONE


def hangup(ctx: Ctx) -> Reply:
    """POST agents/{login}/hangup: ends the call (a ringing one goes unanswered) -> FREE."""
    agent = path_agent(ctx)
    status_in(ctx.state, agent, "hangup", CALL_STATUSES)
    finish(ctx.state, agent.login, disconnected_by="Agent")
    return DONE


def _flag(ctx: Ctx, action: str, name: str, value: bool, refusal: str) -> Reply:
    live = talking(ctx, action)
    if getattr(live, name) == value:
        raise bad_request(refusal)
    setattr(live, name, value)
    return DONE


def hold(ctx: Ctx) -> Reply:
    """POST agents/{login}/hold (softphone)."""
    return _flag(ctx, "hold", "held", True, "already_on_hold")


def unhold(ctx: Ctx) -> Reply:
    """POST agents/{login}/unhold (softphone)."""
    return _flag(ctx, "unhold", "held", False, "not_on_hold")


def mute(ctx: Ctx) -> Reply:
    """POST agents/{login}/mute (softphone)."""
    return _flag(ctx, "mute", "muted", True, "already_muted")


def unmute(ctx: Ctx) -> Reply:
    """POST agents/{login}/unmute (softphone)."""
    return _flag(ctx, "unmute", "muted", False, "not_muted")


def stop_recording(ctx: Ctx) -> Reply:
    """POST agents/{login}/stop_recording: the recording keeps what came before."""
    live = talking(ctx, "stop_recording", softphone=False)
    if not live.recording:
        raise bad_request("not_recording")
    live.recording = False
    live.recording_stopped = ctx.state.moment()
    return DONE


def transfer(ctx: Ctx) -> Reply:
    """POST agents/{login}/transfer (softphone): the call leaves the agent (FREE)."""
    agent = path_agent(ctx)
    destination = number_field(ctx.fields(), "destination")
    if destination is None:
        raise bad_request("required", name="destination")
    state = ctx.state
    talking(ctx, "transfer")
    target = None
    for other in state.agents.values():
        numbers = {sip.phone_number for sip in other.sip_accounts}
        if other.login and other.login != agent.login and destination in numbers:
            target = other
    if target is not None:
        target_status = state.agents_store.status(target.login)
        if target_status != "FREE":
            raise bad_request(
                "transfer_target_busy", login=target.login, agent_status=target_status
            )
    ended = finish(
        state,
        agent.login,
        disconnected_by="Agent",
        transferred_to=destination if target is None else target.login,
    )
    if target is not None:
        transferred_to_agent(state, ended, target.login, destination, state.moment())
        caller = ended.src if ended.type == "INBOUND" else ended.dst
        ring(state, target, caller, queue_id=ended.queue_id, customer_id=ended.customer_id)
    return DONE
