"""``FakeThulium`` setup helpers for the agents area (direct state writes, no HTTP).

They stand for what happens outside the API: an administrator creating agents,
groups and pause reasons in the panel, an agent clicking in their panel, a
customer calling in or hanging up. The ``agent_*`` helpers show state.
Those standing for an agent's or a caller's action emit the webhook events
the API would for the same change (see ``_handlers``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..calls._events import queue_caller
from ..server._clock import parse_moment, setup_moment, stamp
from ..shared._setup import SetupBase, checked
from ..shared._validate import check_phone
from ._calls import finish, ring
from ._events import change_presence, phone_connected
from ._models import Agent, SipAccount
from ._store import CALL_STATUSES
from ._views import status_view

__all__ = ["AgentsSetup"]

_PHONE_TYPES = ("hardphone", "softphone")
_SETTABLE = ("OFF", "FREE", "PAUSED")
_DISPOSITIONS = ("ANSWERED", "BUSY", "FAILED", "NO ANSWER")


class AgentsSetup(SetupBase):
    """Setup helpers of the agents area, mixed into ``FakeThulium``."""

    def add_agent(
        self,
        login: str,
        *,
        name: str = "",
        surname: str = "",
        email: str = "",
        active: bool = True,
        number: int | None = None,
        outbound_mode: str = "manual",
        group_id: int | None = None,
        phone_type: str = "softphone",
        sip_accounts: Sequence[tuple[str, str]] | None = None,
    ) -> int:
        """Create an agent; returns its ``agent_id``.

        ``number`` is the extension; it becomes the agent's SIP account of type
        ``phone_type`` (``"softphone"`` or ``"hardphone"``) unless ``sip_accounts``
        lists ``(phone_number, phone_type)`` pairs (the first is the phone the
        agent works on). An unknown ``group_id`` creates the group
        ("Group N"), as the panel only offers existing groups. The agent
        starts logged out.
        """
        state = self._state
        if not login or login in state.agents:
            raise ValueError(f"agent login {login!r} is empty or taken")
        if sip_accounts is None:
            sip_accounts = [] if number is None else [(str(number), phone_type)]
        accounts = _sip_accounts(sip_accounts)
        taken = {sip.phone_number for a in state.agents.values() for sip in a.sip_accounts}
        for sip in accounts:
            if sip.phone_number in taken:
                raise ValueError(f"number {sip.phone_number} already belongs to another agent")
        if group_id is not None and group_id not in state.agents_store.groups:
            state.agents_store.add_group(f"Group {group_id}", group_id)
        agent = state.add_agent(
            login,
            name=name,
            surname=surname,
            email=email,
            active=active,
            number=number,
            outbound_mode=outbound_mode,
            group_id=group_id,
            sip_accounts=accounts,
            callerid=f"{name[:1]}.{surname}" if surname else "",
        )
        return agent.agent_id

    def set_sip_accounts(self, login: str, sip_accounts: Sequence[tuple[str, str]]) -> None:
        """Replace the agent's SIP accounts with ``(phone_number, phone_type)`` pairs."""
        agent = self._agent(login)
        agent.sip_accounts = _sip_accounts(sip_accounts)

    def add_agent_group(self, name: str, *, group_id: int | None = None) -> int:
        """Create an agent group (``GET agents_groups``); returns its id."""
        if not name:
            raise ValueError("an agent group needs a name")
        return self._state.agents_store.add_group(name, group_id).group_id

    def add_pause_reason(self, name: str, *, pause_id: int | None = None) -> int:
        """Create a pause reason for ``POST agents/{login}/pause``; returns its id.

        Pause 0 ("No reason") always exists; new ones get 1, 2, ... unless given.
        """
        if not name:
            raise ValueError("a pause reason needs a name")
        if pause_id is not None and pause_id < 0:
            raise ValueError("pause ids are >= 0")
        return self._state.agents_store.add_pause(name, pause_id).pause_id

    def set_agent_status(
        self,
        login: str,
        status: str,
        *,
        pause_id: int | None = None,
        at: dt.datetime | str | None = None,
    ) -> None:
        """Put the agent in OFF, FREE or PAUSED (with ``pause_id``), as their panel would.

        ``at`` (a datetime or ``YYYY-MM-DD hh:mm:ss``; default now) dates the
        change, so a past working day can be written for ``agents_work_report``;
        it must not be earlier than the agent's last change. Emits the agent
        events the change implies (log in, log out, pause switch), dated ``at``.
        """
        agent = self._agent(login)
        store = self._state.agents_store
        if status not in _SETTABLE:
            raise ValueError(f"status must be one of {_SETTABLE}; calls come from the API")
        if (status == "PAUSED") != (pause_id is not None):
            raise ValueError("pause_id goes with PAUSED, and only with it")
        if pause_id is not None and pause_id not in store.pauses:
            raise ValueError(f"no pause reason {pause_id}")
        if store.status(login) in CALL_STATUSES:
            raise ValueError(f"agent {login!r} is in a call")
        moment = self._state.moment() if at is None else setup_moment(at, "at")
        current = store.presence(login)
        if current is not None and moment < current.at:
            raise ValueError(f"{moment} is before the agent's last change ({current.at})")
        change_presence(self._state, agent.login, status, moment, pause_id)

    def connect_agent_phone(self, login: str, phone_number: str | None = None) -> None:
        """The agent's phone registers with Thulium: emits AGENT_PHONE_CONNECTED.

        ``phone_number`` is where the agent is reachable (default: the first
        SIP account's number). The fake keeps no registration state: calls
        ring any agent with a SIP account.
        """
        agent = self._agent(login)
        if phone_number is None:
            if not agent.sip_accounts:
                raise ValueError(f"agent {login!r} has no SIP account; give phone_number")
            phone_number = agent.sip_accounts[0].phone_number
        checked(check_phone, phone_number)
        phone_connected(self._state, login, phone_number)

    def ring_agent(
        self,
        login: str,
        phone_number: str,
        *,
        queue_id: int | None = None,
        customer_id: int | None = None,
    ) -> str:
        """An inbound call from ``phone_number`` rings on a FREE agent's phone (RINGING).

        ``queue_id`` makes it a queue call (INBOUND_CALL once answered, shown by
        ``last_queue_call``); without it the call is direct (CALL). The customer
        is the given one, else the first whose numbers include the caller's.
        Returns the connection id.

        A queue call is the first caller with this number waiting in the queue
        (``add_waiting_caller``, a due scheduled call), keeping its connection
        id and start; else a caller entering the queue now (ENTER_QUEUE). It
        stays in the waiting list until answered or gone.
        """
        agent = self._agent(login)
        checked(check_phone, phone_number)
        if not agent.sip_accounts:
            raise ValueError(f"agent {login!r} has no SIP account")
        status = self._state.agents_store.status(login)
        if status != "FREE":
            raise ValueError(f"agent {login!r} is {status}, not FREE")
        if customer_id is not None and customer_id not in self._state.customers:
            raise ValueError(f"no customer {customer_id}")
        if queue_id is not None and queue_id not in self._state.calls.queues:
            raise ValueError(f"no queue {queue_id} (add_queue creates one)")
        state = self._state
        if queue_id is None:
            live = ring(state, agent, phone_number, customer_id=customer_id)
            return live.call.connection_id
        caller = queue_caller(state, state.calls.queues[queue_id], phone_number)
        live = ring(
            state,
            agent,
            phone_number,
            queue_id=queue_id,
            customer_id=customer_id,
            connection_id=caller.connection_id,
            started=parse_moment(caller.started_at),
        )
        return live.call.connection_id

    def end_agent_call(
        self, login: str, *, disconnected_by: str = "Customer", disposition: str | None = None
    ) -> str:
        """The other party ends the agent's call (an unanswered one goes NO ANSWER).

        ``disposition`` (BUSY, FAILED, NO ANSWER) marks the call as never
        connected, e.g. an outbound call the customer did not pick up: a
        campaign call then emits OUTBOUND_BUSY, OUTBOUND_FAILURE or
        OUTBOUND_NO_ANSWER (after the OUTBOUND_CUSTOMER_CONNECTED sent when it
        was placed, as the fake's customers pick up at once). A ringing queue
        call hung up by the ``"Customer"`` is ABANDONED. Returns the connection id.
        """
        self._agent(login)
        if login not in self._state.agents_store.live:
            raise ValueError(f"agent {login!r} has no call")
        if disconnected_by not in ("Agent", "Customer"):
            raise ValueError("disconnected_by is 'Agent' or 'Customer'")
        if disposition is not None and disposition not in _DISPOSITIONS:
            raise ValueError(f"disposition must be one of {_DISPOSITIONS}")
        call = finish(self._state, login, disconnected_by=disconnected_by, disposition=disposition)
        return call.connection_id

    # -- inspection ----------------------------------------------------------------------

    def agent_status(self, login: str) -> dict[str, Any]:
        """The agent's presence as ``GET agents/{login}/status`` shows it."""
        self._agent(login)
        return status_view(self._state.agents_store, login)

    def agent_status_history(self, login: str) -> list[dict[str, Any]]:
        """Every presence change of the agent, oldest first: ``status``, ``pause_id``, ``at``."""
        self._agent(login)
        changes = self._state.agents_store.history.get(login, [])
        return [{"status": c.status, "pause_id": c.pause_id, "at": stamp(c.at)} for c in changes]

    def agent_call(self, login: str) -> dict[str, Any] | None:
        """The call on the agent's phone now (None without one), with its live flags."""
        self._agent(login)
        live = self._state.agents_store.live.get(login)
        if live is None:
            return None
        call = live.call
        return {
            "connection_id": call.connection_id,
            "type": call.type,
            "phone_number": call.src if call.type == "INBOUND" else call.dst,
            "caller_id": call.src,
            "status": self._state.agents_store.status(login),
            "queue_id": call.queue_id,
            "customer_id": call.customer_id,
            "outbound_id": call.outbound_id,
            "record_id": None if live.record is None else live.record[1],
            "held": live.held,
            "muted": live.muted,
            "recording": live.recording,
            "custom_data": live.custom_data,
        }

    def _agent(self, login: str) -> Agent:
        agent = self._state.agents.get(login)
        if agent is None or not login:
            raise KeyError(f"no agent {login!r}")
        return agent


def _sip_accounts(pairs: Sequence[tuple[str, str]]) -> list[SipAccount]:
    accounts = []
    for number, phone_type in pairs:
        if phone_type not in _PHONE_TYPES:
            raise ValueError(f"phone_type must be one of {_PHONE_TYPES}, got {phone_type!r}")
        if not str(number).isdigit():
            raise ValueError(f"a SIP account number is digits, got {number!r}")
        accounts.append(SipAccount(str(number), phone_type))
    return accounts
