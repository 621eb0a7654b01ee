"""``sms_messages``: sending an SMS (inferred endpoint: no doc page describes it)."""

from __future__ import annotations

from typing import Any

from .. import _validation as check
from .._validation import text as non_empty
from ._base import Resource
from ._params import extra_fields, json_or_none

__all__ = ["SmsMessages"]


class SmsMessages(Resource):
    """``sms_messages``."""

    async def create(self, *, phone_number: str, text: str, **fields: Any) -> Any:
        """Send an SMS; returns the decoded answer (None when empty).

        Inferred endpoint: only "send an SMS" is documented, so the body's
        field names are a guess: ``phone_number`` as everywhere else in the
        API and ``text`` as in chat messages. Other fields are passed as
        keyword arguments and sent as given. Needs an SMS gateway set up in
        the panel. Not retried after an ambiguous failure: a repeat could send
        the message twice.
        """
        body = {
            "phone_number": check.phone_number(phone_number),
            "text": non_empty(text, "text"),
            **extra_fields(fields, self._context.timezone, ("phone_number", "text")),
        }
        raw = await self._call("POST", "sms_messages", json=body)
        return json_or_none(raw)
