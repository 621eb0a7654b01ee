"""``users/:login``: a user and their SIP accounts."""

from __future__ import annotations

from .. import _validation as check
from ..models import User
from ._base import Resource

__all__ = ["Users"]


class Users(Resource):
    """``users``."""

    async def get(self, login: str) -> User:
        """A user with the SIP accounts (numbers, hard- or softphone) assigned to them."""
        raw = await self._call("GET", f"users/{check.login_segment(login)}")
        return self._structure(raw, User)
