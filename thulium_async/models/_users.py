"""What ``users/:login`` answers: a user and the SIP accounts assigned to them."""

from __future__ import annotations

import attrs

from ._base import Response
from ._enums import OpenStrEnum

__all__ = ["PhoneType", "SipAccount", "User"]


class PhoneType(OpenStrEnum):
    """The kind of phone behind a SIP account."""

    HARDPHONE = "hardphone"
    SOFTPHONE = "softphone"


@attrs.frozen(kw_only=True)
class SipAccount(Response):
    """A SIP account assigned to a user: its number and phone type."""

    phone_number: str
    phone_type: PhoneType | None = None


@attrs.frozen(kw_only=True)
class User(Response):
    """A user with their SIP accounts."""

    login: str
    name: str | None = None
    surname: str | None = None
    sip_accounts: list[SipAccount] = attrs.field(factory=list)
