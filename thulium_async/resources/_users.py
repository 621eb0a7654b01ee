"""``users/:login``: a user and their SIP accounts."""

from __future__ import annotations

from ..models import User
from ._base import Resource
from ._params import path_segment

__all__ = ["Users"]


class Users(Resource):
    """``users``."""

    async def get(self, login: str) -> User:
        """A user with the SIP accounts (numbers, hard- or softphone) assigned to them."""
        raw = await self._call("GET", f"users/{path_segment(login, 'login')}")
        return self._structure(raw, User)  # type: ignore[no-any-return]
