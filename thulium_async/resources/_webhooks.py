"""``webhooks``: webhook subscriptions (which actions are posted where)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import httpx2

from .. import _validation as check
from .._validation import texts
from ..errors import InputError
from ..models import Webhook
from ._base import Resource

__all__ = ["Webhooks"]

_ACTION = re.compile(r"[A-Z][A-Z0-9_]*")


class Webhooks(Resource):
    """``webhooks``."""

    async def list(self) -> list[Webhook]:
        """Every webhook subscription (not paginated); passwords are kept out of repr."""
        raw = await self._call("GET", "webhooks")
        return self._structure(raw, list[Webhook])

    async def create(
        self,
        *,
        actions: Iterable[str],
        subscription_url: str,
        http_auth_user: str | None = None,
        http_auth_password: str | None = None,
    ) -> Webhook:
        """Subscribe ``subscription_url`` to webhook actions (``CHAT_CONVERSATION_CREATED``, ...).

        ``http_auth_user`` and ``http_auth_password`` (both or neither) are
        sent by Thulium as Basic auth with each callback. Not retried after an
        ambiguous failure: a repeat would subscribe twice and every event
        would then arrive twice.
        """
        names = texts(actions, "actions")
        for index, name in enumerate(names):
            if not _ACTION.fullmatch(name):
                raise InputError(
                    f"actions[{index}]", "an action name such as CHAT_CONVERSATION_CREATED", name
                )
        body: dict[str, object] = {"actions": names, "subscription_url": _url(subscription_url)}
        if (http_auth_user is None) != (http_auth_password is None):
            raise InputError(
                "http_auth_password" if http_auth_password is None else "http_auth_user",
                "http_auth_user and http_auth_password together",
                None if http_auth_password is None else "<redacted>",
            )
        if http_auth_user is not None:
            if not isinstance(http_auth_user, str) or not http_auth_user:
                raise InputError("http_auth_user", "a non-empty user name", http_auth_user)
            if not isinstance(http_auth_password, str) or not http_auth_password:
                raise InputError("http_auth_password", "a non-empty password", "<redacted>")
            body["http_auth_user"] = http_auth_user
            body["http_auth_password"] = http_auth_password
        raw = await self._call("POST", "webhooks", json=body)
        return self._structure(raw, Webhook)

    async def delete(self, id: int) -> None:
        """Remove a webhook subscription (inferred endpoint: only its index line is documented)."""
        await self._call("DELETE", f"webhooks/{check.positive_id(id, 'id')}")


def _url(value: object) -> str:
    if isinstance(value, str):
        try:
            url = httpx2.URL(value)
        except (httpx2.InvalidURL, ValueError):
            url = None
        if url is not None and url.scheme in ("http", "https") and url.host:
            return value
    raise InputError(
        "subscription_url", "an http(s) URL such as 'https://example.com/hooks'", value
    )
