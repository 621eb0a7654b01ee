"""``todos``: tasks for users (inferred endpoints: no doc page describes them)."""

from __future__ import annotations

from typing import Any

from .. import _validation as check
from ._base import Resource
from ._params import extra_fields, json_or_none

__all__ = ["Todos"]


class Todos(Resource):
    """``todos``.

    Only the purpose of these endpoints is documented (an index line each):
    no fields, no answer. Nothing is guessed into a model; answers come back
    as decoded JSON.
    """

    async def get(self, id: int) -> dict[str, Any]:
        """A task, as the decoded JSON object the API answers (inferred endpoint)."""
        raw = await self._call("GET", f"todos/{check.positive_id(id, 'id')}")
        return self._structure(raw, dict[str, Any])

    async def create(self, *, user_login: str, **fields: Any) -> Any:
        """Add a task for a user; returns the decoded answer (None when empty).

        Inferred endpoint: ``user_login`` (the assignee) is the catalog's
        guess; the other body fields are undocumented, so they are passed as
        keyword arguments and sent as given (datetimes as ``YYYY-MM-DD hh:mm``
        in the account's zone). Not retried after an ambiguous failure: a
        repeat would add a second task.
        """
        body = {
            "user_login": check.login(user_login, "user_login"),
            **extra_fields(fields, self._context.timezone, ("user_login",)),
        }
        raw = await self._call("POST", "todos", json=body)
        return json_or_none(raw)
