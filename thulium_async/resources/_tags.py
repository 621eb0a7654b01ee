"""``tags``: the account's tag dictionary."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._validation import texts
from ..errors import DecodeError
from ._base import Resource

__all__ = ["Tags"]


class Tags(Resource):
    """``tags``."""

    async def create(self, *, tags: Iterable[str]) -> None:
        """Add tags; names that already exist are skipped by the API.

        The doc example posts to ``sms_messages``, a copy-paste slip: this
        posts to ``tags``. An answer other than ``{"status": "success"}`` (or
        an empty one) is a DecodeError.
        """
        body = {"tags": texts(tags, "tags")}
        # Safe to repeat: the API skips existing tags, so a second create of
        # the same names changes nothing and still answers success.
        raw = await self._call("POST", "tags", json=body, safe_to_repeat=True)
        answer: Any = raw.json()
        if answer in (None, [], {}):
            return
        if not isinstance(answer, dict) or answer.get("status", "success") != "success":
            raise DecodeError(
                f"tags were not confirmed: {answer!r}",
                method=raw.method,
                url=raw.url,
                body=raw.content,
            )
