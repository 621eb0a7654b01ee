"""The agents (users) of the fake account and their SIP accounts."""

from __future__ import annotations

import attrs

__all__ = ["Agent", "SipAccount"]


@attrs.frozen
class SipAccount:
    """A SIP account of an agent: its number and ``hardphone`` or ``softphone``."""

    phone_number: str
    phone_type: str


@attrs.define(eq=False)
class Agent:
    """An agent (user) of the account.

    ``sip_accounts`` are the phones assigned (``GET users/{login}``); the first
    is the one the agent works on. ``callerid``, ``language``, ``roles`` and
    ``change_password`` keep what ``POST agents`` was given.
    """

    agent_id: int
    login: str
    name: str = ""
    surname: str = ""
    email: str = ""
    active: bool | str = True
    number: int | None = None
    outbound_mode: str = "manual"
    group_id: int | None = None
    sip_accounts: list[SipAccount] = attrs.field(factory=list)
    callerid: str = ""
    language: str = "pl"
    roles: tuple[int, ...] = ()
    change_password: bool = False

    @property
    def full_name(self) -> str:
        """``name surname`` as Thulium shows it in ``agent_name``."""
        return f"{self.name} {self.surname}".strip()
