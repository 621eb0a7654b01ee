"""The fake account's odds and ends: tasks, webhook subscriptions, tags, sent SMS."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["AccountStore", "SentSms", "Todo", "WebhookConfig"]


@attrs.define(eq=False)
class Todo:
    """A task assigned to a user (``created_at``: ``YYYY-MM-DD hh:mm``)."""

    todo_id: int
    user_login: str
    created_at: str


@attrs.define(eq=False)
class WebhookConfig:
    """A webhook subscription as configured through the API or the panel (stored only)."""

    webhook_id: int
    actions: list[str]
    subscription_url: str
    http_auth_user: str = ""
    # The API shows it in clear (as the docs do); a repr in a test log must not.
    http_auth_password: str = attrs.field(default="", repr=False)


@attrs.define(eq=False)
class SentSms:
    """An SMS the account sent (``sent_at``: ``YYYY-MM-DD hh:mm:ss``)."""

    phone_number: str
    text: str
    sent_at: str


class AccountStore:
    """Tasks and webhooks by id, the tag dictionary in creation order, the SMS log."""

    def __init__(self) -> None:
        self.todos: dict[int, Todo] = {}
        self.webhooks: dict[int, WebhookConfig] = {}
        self.tags: dict[str, None] = {}
        self.sms: list[SentSms] = []
        self._next_todo_id = 1
        self._next_webhook_id = 1

    def add_todo(self, user_login: str, created_at: str) -> Todo:
        """Create a task with the next id."""
        todo = Todo(self._next_todo_id, user_login, created_at)
        self._next_todo_id += 1
        self.todos[todo.todo_id] = todo
        return todo

    def add_webhook(
        self, actions: list[str], subscription_url: str, user: str, password: str
    ) -> WebhookConfig:
        """Create a webhook subscription with the next id (ids are never reused)."""
        webhook = WebhookConfig(self._next_webhook_id, actions, subscription_url, user, password)
        self._next_webhook_id += 1
        self.webhooks[webhook.webhook_id] = webhook
        return webhook

    def add_tags(self, names: Iterable[str]) -> list[str]:
        """Add tags to the dictionary; returns those that were new (existing ones are skipped)."""
        added = []
        for name in names:
            if name not in self.tags:
                self.tags[name] = None
                added.append(name)
        return added
