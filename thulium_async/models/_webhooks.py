"""What the ``webhooks`` endpoints answer: webhook subscriptions."""

from __future__ import annotations

import attrs

from ._base import Response

__all__ = ["Webhook"]


@attrs.frozen(kw_only=True)
class Webhook(Response):
    """A webhook subscription: which actions are posted to which URL.

    ``actions`` are action names such as ``CHAT_CONVERSATION_CREATED`` (see
    ``thulium_async.webhooks`` for their payloads). The API returns the
    callback password in clear; it is kept out of ``repr``. Unset credentials
    (``""`` on the wire) are None.
    """

    id: int
    actions: list[str] | None = None
    subscription_url: str | None = None
    http_auth_user: str | None = None
    http_auth_password: str | None = attrs.field(default=None, repr=False)
