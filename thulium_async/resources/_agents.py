"""``agents``, ``agents_groups``, ``agents_statuses``: agents, their state and call control.

None of the call-control POSTs is retried after an ambiguous failure (the
default for POST). Even the ones that look idempotent are not provably so: a
second ``pause`` or ``login`` may be counted again in the work report or
refused as "already paused", turning a success into a false error, and the
call-scoped actions (answer, hold, mute, transfer, ...) could hit the next
call if the first one ended in between.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .. import _validation as check
from .._validation import flag, positive_ids, text
from ..errors import InputError
from ..models import Agent, AgentGroup, AgentStatus, CreatedAgent, OutboundMode, QueueCall
from ._base import Context, Resource
from ._query_filters import flag_params

__all__ = ["Agents", "AgentsGroups", "AgentsLastQueueCall", "AgentsStatus", "AgentsStatuses"]

_LANGUAGES = frozenset({"pl", "en"})
_NUMBER = re.compile(r"[0-9]{1,20}")


def _login(value: Any) -> str:
    return check.login_segment(value, "login")


class AgentsStatus(Resource):
    """``agents/:login/status``."""

    async def get(self, login: str) -> AgentStatus:
        """An agent's live state (FREE, PAUSED, ...), pause id and when it last changed."""
        raw = await self._call("GET", f"agents/{_login(login)}/status")
        return self._structure(raw, AgentStatus)


class AgentsLastQueueCall(Resource):
    """``agents/:login/last_queue_call``."""

    async def get(self, login: str) -> QueueCall | None:
        """The agent's most recent queue call of the last 24 hours; None if there was none.

        The docs do not say what the API answers when there was no call: an
        empty body, ``{}`` or ``[]`` is read as None (a 404 still raises
        NotFoundError, since it also means "no such agent").
        """
        raw = await self._call("GET", f"agents/{_login(login)}/last_queue_call")
        body = raw.json()
        if body in (None, {}, []):
            return None
        return self._structure(raw, QueueCall, body)


class AgentsGroups(Resource):
    """``agents_groups``."""

    async def list(self) -> list[AgentGroup]:
        """Every agent group (not paginated)."""
        raw = await self._call("GET", "agents_groups")
        return self._structure(raw, list[AgentGroup])


class AgentsStatuses(Resource):
    """``agents_statuses``."""

    async def list(self, *, include_logged_off: bool | None = None) -> list[AgentStatus]:
        """Every logged-in agent's live state (logged-off ones too with ``include_logged_off``)."""
        params = flag_params(include_logged_off=include_logged_off)
        raw = await self._call("GET", "agents_statuses", params=params or None)
        return self._structure(raw, list[AgentStatus])


class Agents(Resource):
    """``agents``: agents (users) and call control on their phones.

    Sub-resources: ``status`` and ``last_queue_call``. The actions answer,
    hold, unhold, mute, unmute and transfer work only for agents on the Thulium
    Softphone.
    """

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.status = AgentsStatus(context)
        self.last_queue_call = AgentsLastQueueCall(context)

    async def list(self) -> list[Agent]:
        """Every agent of the account, the built-in "Automat" included (not paginated)."""
        raw = await self._call("GET", "agents")
        return self._structure(raw, list[Agent])

    async def get(self, login: str) -> Agent:
        """One agent by login."""
        raw = await self._call("GET", f"agents/{_login(login)}")
        return self._structure(raw, Agent)

    async def create(
        self,
        *,
        name: str,
        surname: str,
        login: str,
        password: str,
        number: str | int,
        email: str | None = None,
        change_password: bool | None = None,
        callerid: str | None = None,
        language: str | None = None,
        active: bool | None = None,
        outbound_mode: OutboundMode | str | None = None,
        roles: Iterable[int] | None = None,
    ) -> CreatedAgent:
        """Create an agent; ``number`` is the phone extension, ``roles`` role ids.

        ``outbound_mode`` is ``"manual"`` or ``"auto"`` as POST documents;
        ``"automatic"`` (how GET agents spells it) is sent as ``"auto"``.
        Not retried after an ambiguous failure: a repeat would be refused as
        a duplicate login, a false error.
        """
        body: dict[str, Any] = {
            "name": text(name, "name"),
            "surname": text(surname, "surname"),
            "login": check.login(login, "login"),
            "password": _password(password),
            "number": _number(number),
        }
        if email is not None:
            if not isinstance(email, str) or "@" not in email.strip(" @"):
                raise InputError("email", "an e-mail address", email)
            body["email"] = email
        if change_password is not None:
            body["change_password"] = flag(change_password, "change_password")
        if callerid is not None:
            body["callerid"] = text(callerid, "callerid")
        if language is not None:
            if language not in _LANGUAGES:
                raise InputError("language", "'pl' or 'en'", language)
            body["language"] = language
        if active is not None:
            body["active"] = flag(active, "active")
        if outbound_mode is not None:
            body["outbound_mode"] = _outbound_mode(outbound_mode)
        if roles is not None:
            body["roles"] = positive_ids(roles, "roles")
        raw = await self._call("POST", "agents", json=body)
        return self._structure(raw, CreatedAgent)

    async def answer(self, login: str) -> None:
        """Answer the call ringing on the agent's softphone."""
        await self._action(login, "answer")

    async def call(
        self,
        login: str,
        *,
        phone_number: str | None = None,
        outbound_id: str | int | None = None,
        customer_id: int | None = None,
        caller_id: str | None = None,
        custom_data: str | Mapping[str, Any] | None = None,
    ) -> None:
        """Call a number from the agent's phone, reported under a campaign.

        Give ``phone_number``, ``customer_id`` (the customer's main number is
        dialled) or both (the number must be the customer's). ``outbound_id``
        picks the (simplified) campaign for reporting, else the agent's
        assignment decides; ``custom_data`` (a string or a JSON object) comes
        back in the call's webhooks. Never retried: a repeat dials again.
        """
        if phone_number is None and customer_id is None:
            raise InputError("phone_number", "a number to call, or a customer_id", None)
        body: dict[str, Any] = {}
        if phone_number is not None:
            body["phone_number"] = check.phone_number(phone_number)
        if outbound_id is not None:
            body["outbound_id"] = check.campaign_id(outbound_id, "outbound_id")
        if customer_id is not None:
            body["customer_id"] = check.positive_id(customer_id, "customer_id")
        if caller_id is not None:
            body["caller_id"] = check.phone_number(caller_id, "caller_id")
        if custom_data is not None:
            if not isinstance(custom_data, (str, Mapping)):
                raise InputError("custom_data", "a string or a JSON object (mapping)", custom_data)
            body["custom_data"] = custom_data if isinstance(custom_data, str) else dict(custom_data)
        await self._action(login, "call", body)

    async def call_preview(self, login: str) -> None:
        """Dial the agent's current record in a preview campaign."""
        await self._action(login, "call_preview")

    async def free(self, login: str) -> None:
        """End the agent's pause (status FREE)."""
        await self._action(login, "free")

    async def hangup(self, login: str) -> None:
        """Hang up the agent's calls."""
        await self._action(login, "hangup")

    async def hold(self, login: str) -> None:
        """Put the agent's current call on hold (softphone only)."""
        await self._action(login, "hold")

    async def unhold(self, login: str) -> None:
        """Resume the agent's held call (softphone only)."""
        await self._action(login, "unhold")

    async def login(self, login: str) -> None:
        """Log the agent in."""
        await self._action(login, "login")

    async def logout(self, login: str) -> None:
        """Log the agent out."""
        await self._action(login, "logout")

    async def mute(self, login: str) -> None:
        """Mute the agent's softphone."""
        await self._action(login, "mute")

    async def unmute(self, login: str) -> None:
        """Unmute the agent's softphone."""
        await self._action(login, "unmute")

    async def pause(self, login: str, *, pause_id: int) -> None:
        """Pause the agent with a pause reason.

        ``pause_id`` goes out as a JSON number: the parameter is documented as
        an integer (the doc example's ``"1"`` string is one of its usual
        quoting slips), as the other resources send ids.
        """
        await self._action(login, "pause", {"pause_id": _pause_id(pause_id)})

    async def stop_recording(self, login: str) -> None:
        """Stop recording the agent's current call."""
        await self._action(login, "stop_recording")

    async def transfer(self, login: str, *, destination: str) -> None:
        """Transfer the agent's current call to a number or extension (softphone only).

        The doc example sends no body, but ``destination`` is documented as
        required: it is required here.
        """
        body = {"destination": check.phone_number(destination, "destination")}
        await self._action(login, "transfer", body)

    async def _action(self, login: str, action: str, body: dict[str, Any] | None = None) -> None:
        # Not safe to repeat (see the module docstring): POST's default applies.
        await self._call("POST", f"agents/{_login(login)}/{action}", json=body)


def _password(value: Any) -> str:
    if isinstance(value, str) and value:
        return value
    raise InputError("password", "a non-empty password", "<redacted>")


def _number(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return value
    raise InputError("number", "the agent's extension: digits, such as '5634'", value)


def _outbound_mode(value: Any) -> str:
    try:
        mode = OutboundMode(value)
    except ValueError:
        mode = None
    if mode in (OutboundMode.MANUAL, OutboundMode.AUTO):
        return str(mode)
    if mode is OutboundMode.AUTOMATIC:
        return str(OutboundMode.AUTO)
    raise InputError("outbound_mode", "'manual' or 'auto'", value)


def _pause_id(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    raise InputError("pause_id", "a pause id (a whole number >= 0)", value)
