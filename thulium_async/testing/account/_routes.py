"""Routes of the account area: todos, webhook configuration, tags, SMS."""

from __future__ import annotations

from ..server._routing import Route
from . import _handlers as account

__all__ = ["ROUTES"]

ROUTES: tuple[Route, ...] = (
    Route("GET", "todos/{id}", account.get_todo),
    Route("POST", "todos", account.create_todo, body=frozenset({"user_login"})),
    Route("GET", "webhooks", account.list_webhooks),
    Route(
        "POST",
        "webhooks",
        account.create_webhook,
        body=frozenset({"actions", "subscription_url", "http_auth_user", "http_auth_password"}),
    ),
    Route("DELETE", "webhooks/{id}", account.delete_webhook),
    Route("POST", "tags", account.create_tags, body=frozenset({"tags"})),
    Route("POST", "sms_messages", account.send_sms, body=frozenset({"phone_number", "text"})),
)
