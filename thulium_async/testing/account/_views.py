"""How the account's tasks, webhooks and sent SMS look on the wire and in inspection."""

from __future__ import annotations

from typing import Any

from ._store import SentSms, Todo, WebhookConfig

__all__ = ["sms_view", "todo_view", "webhook_view"]


def todo_view(todo: Todo) -> dict[str, Any]:
    """``GET todos/{id}`` (inferred: the fields the fake knows, id as an int)."""
    return {"id": todo.todo_id, "user_login": todo.user_login, "created_at": todo.created_at}


def webhook_view(webhook: WebhookConfig) -> dict[str, Any]:
    """An entry of ``GET webhooks`` and the answer of ``POST webhooks`` (password in clear)."""
    return {
        "id": webhook.webhook_id,
        "actions": list(webhook.actions),
        "subscription_url": webhook.subscription_url,
        "http_auth_user": webhook.http_auth_user,
        "http_auth_password": webhook.http_auth_password,
    }


def sms_view(sms: SentSms) -> dict[str, Any]:
    """A sent SMS for ``FakeThulium.sent_sms()``."""
    return {"phone_number": sms.phone_number, "text": sms.text, "sent_at": sms.sent_at}
