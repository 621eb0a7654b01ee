"""Handlers: agents, their presence and groups, users.

Call control lives in ``_handlers_control``, dialling in ``_handlers_dial`` and
the work report in ``_handlers_report``; ``_routes`` declares the routes of the
whole agents area.

Choices where the documentation is silent: ``POST agents`` refuses a taken
login or extension number with 400; ``outbound_mode: "auto"`` is stored and
shown as ``"automatic"`` (how ``GET agents`` spells it); the new agent's
extension becomes a softphone SIP account; the password is checked to be
non-empty but not stored. ``agents_statuses`` lists agents in account order,
the built-in "Automat" never. ``last_queue_call`` answers 200 with ``[]``
(PHP's empty array) when the agent had no queue call in the last 24 hours.

Webhooks of the agents and calls area (built in ``_events`` and
``calls._events``, each dated by its change):

- AGENT_LOGGED_IN / AGENT_LOGGED_OUT / AGENT_STATUS_CHANGED: ``login``,
  ``logout``, ``pause``, ``free`` and ``FakeThulium.set_agent_status``; calls
  emit none of them.
- AGENT_PHONE_CONNECTED: ``FakeThulium.connect_agent_phone`` (the fake keeps
  no phone registration otherwise).
- ENTER_QUEUE: a caller joining a queue's line (``add_waiting_caller``, a due
  scheduled call, ``ring_agent`` with a ``queue_id`` for a caller not waiting).
  EXIT_QUEUE: the caller answered, rejected, or taken out with
  ``remove_waiting_caller(..., abandoned=False)``; ABANDONED: the caller hung
  up while waiting or ringing (``remove_waiting_caller``, ``end_agent_call``).
- AGENT_RINGING / AGENT_CONNECTED / AGENT_NOT_ANSWERED / AGENT_COMPLETED: a
  queue call ringing at an agent (``ring_agent``, a transfer), ``answer``, a
  ringing call ended, an answered one ended (``hangup``, ``transfer``,
  ``end_agent_call``). Direct calls emit none: Thulium documents them for
  queue calls.
- QUEUE_TRANSFERRED_TO_AGENT: ``transfer`` of a queue call to an agent's
  extension (``type`` blind).
- OUTBOUND_CONNECTING then OUTBOUND_CUSTOMER_CONNECTED: ``call`` and
  ``call_preview`` (customers pick up at once); the call's end gives
  OUTBOUND_COMPLETED, or OUTBOUND_BUSY / OUTBOUND_NO_ANSWER /
  OUTBOUND_FAILURE for ``end_agent_call(disposition=...)``. PREVIEW_RECORD:
  ``call_preview``, before dialling.
- RECORDING_READY: a recorded call ending (agent calls, ``finish_call``).
- Nothing simulated emits ENTER_IVR (no IVR), PREDICTIVE_AGENT_ANSWER and
  OUTBOUND_DROP (no predictive dialler), OUTBOUND_FAX, OUTBOUND_VOICE_MAIL,
  OUTBOUND_WRONG_NUMBER, OUTBOUND_CONNECTION_PROBLEM, OUTBOUND_BLACKLIST and
  OUTBOUND_AGENT_FAILED (no carrier or dialler outcomes beyond the four
  dispositions); ``FakeThulium.emit_webhook`` sends them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..server._clock import stamp
from ..server._errors import bad_request, not_found
from ..server._routing import Ctx, Reply
from ..shared._validate import as_bool, as_int, as_str, query_bool
from ._checks import path_agent
from ._models import SipAccount
from ._views import agent_view, group_view, last_queue_call_view, status_view, user_view

__all__ = [
    "AGENT_CREATE",
    "create",
    "get",
    "groups",
    "last_queue_call",
    "list_",
    "status",
    "statuses",
    "user",
]

AGENT_CREATE = frozenset(
    {
        "name",
        "surname",
        "login",
        "password",
        "number",
        "email",
        "change_password",
        "callerid",
        "language",
        "active",
        "outbound_mode",
        "roles",
    }
)
_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\Z")
_NUMBER = re.compile(r"[0-9]{1,20}\Z")
_MODES = {"manual": "manual", "auto": "automatic"}
_LAST_CALL_WINDOW = dt.timedelta(hours=24)


def list_(ctx: Ctx) -> Reply:
    """GET agents: a plain array, the built-in "Automat" entry first."""
    return 200, [agent_view(a) for a in ctx.state.agents.values()]


def get(ctx: Ctx) -> Reply:
    """GET agents/{login}."""
    return 200, agent_view(path_agent(ctx))


def _required_text(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name)
    if value is None or value == "":
        raise bad_request("required", name=name)
    return as_str(value, name)


def create(ctx: Ctx) -> Reply:
    """POST agents: 201 with ``agent_id`` as a string, as documented."""
    fields = ctx.fields()
    state = ctx.state
    name = _required_text(fields, "name")
    surname = _required_text(fields, "surname")
    login = _required_text(fields, "login")
    if not _LOGIN.match(login):
        expected = "letters, digits, '.', '_', '-' or '@' (up to 64)"
        raise bad_request("invalid_value", name="login", expected=expected)
    _required_text(fields, "password")
    number = _required_text(fields, "number")
    if not _NUMBER.match(number):
        raise bad_request("invalid_value", name="number", expected="digits, such as '5634'")
    email = as_str(fields.get("email", ""), "email")
    if email and "@" not in email.strip("@"):
        raise bad_request("invalid_value", name="email", expected="an e-mail address")
    change_password = as_bool(fields.get("change_password", True), "change_password")
    callerid = as_str(fields.get("callerid", f"{name[:1]}.{surname}"), "callerid")
    language = fields.get("language", "pl")
    if language not in ("pl", "en"):
        raise bad_request("invalid_value", name="language", expected="pl or en")
    active = as_bool(fields.get("active", True), "active")
    mode = fields.get("outbound_mode", "manual")
    if mode not in _MODES:
        raise bad_request("invalid_value", name="outbound_mode", expected="manual or auto")
    roles = fields.get("roles", [])
    if not isinstance(roles, list):
        raise bad_request("invalid_value", name="roles", expected="a list of role ids")
    role_ids = tuple(as_int(role, "roles", minimum=1) for role in roles)
    if login in state.agents:
        raise bad_request("login_taken", login=login)
    if any(number in (s.phone_number for s in a.sip_accounts) for a in state.agents.values()):
        raise bad_request("number_taken", number=number)
    agent = state.add_agent(
        login,
        name=name,
        surname=surname,
        email=email,
        active=active,
        number=int(number),
        outbound_mode=_MODES[mode],
        sip_accounts=[SipAccount(number, "softphone")],
        callerid=callerid,
        language=language,
        roles=role_ids,
        change_password=change_password,
    )
    return 201, {"agent_id": str(agent.agent_id), "agent_login": agent.login}


def status(ctx: Ctx) -> Reply:
    """GET agents/{login}/status."""
    agent = path_agent(ctx)
    return 200, status_view(ctx.state.agents_store, agent.login)


def statuses(ctx: Ctx) -> Reply:
    """GET agents_statuses: logged-in agents, every agent with ``include_logged_off``."""
    everyone = query_bool(ctx.query, "include_logged_off")
    store = ctx.state.agents_store
    return 200, [
        status_view(store, login)
        for login in ctx.state.agents
        if login and (everyone or store.status(login) != "OFF")
    ]


def groups(ctx: Ctx) -> Reply:
    """GET agents_groups: a plain array in id order."""
    found = ctx.state.agents_store.groups
    return 200, [group_view(found[group_id]) for group_id in sorted(found)]


def user(ctx: Ctx) -> Reply:
    """GET users/{login}: the user with their SIP accounts."""
    agent = ctx.state.agents.get(ctx.params["login"])
    if agent is None or not agent.login:
        raise not_found("user_not_found")
    return 200, user_view(agent)


def last_queue_call(ctx: Ctx) -> Reply:
    """GET agents/{login}/last_queue_call: the newest queue call of the last 24 hours."""
    agent = path_agent(ctx)
    state = ctx.state
    since = stamp(state.moment() - _LAST_CALL_WINDOW)
    newest = None
    for call in state.calls.calls.values():
        mine = call.user_login == agent.login and call.queue_id is not None
        if mine and call.date >= since and (newest is None or call.date >= newest.date):
            newest = call
    if newest is None:
        return 200, []
    return 200, last_queue_call_view(state, newest)
