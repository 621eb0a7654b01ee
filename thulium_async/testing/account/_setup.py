"""``FakeThulium`` setup helpers for the account area (direct state writes, no HTTP)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ...webhooks import EVENT_TYPES
from ..shared._setup import SetupBase, checked
from ._handlers import check_webhook_url
from ._views import sms_view, todo_view, webhook_view

__all__ = ["AccountSetup"]


class AccountSetup(SetupBase):
    """Setup helpers of the account area, mixed into ``FakeThulium``."""

    def add_todo(self, user_login: str, *, created_at: str | None = None) -> int:
        """Create a task for an agent; returns its id. ``created_at``: ``YYYY-MM-DD hh:mm``."""
        if not user_login or user_login not in self._state.agents:
            raise ValueError(f"no agent {user_login!r}")
        todo = self._state.account.add_todo(user_login, created_at or self._state.now())
        return todo.todo_id

    def add_webhook(
        self,
        subscription_url: str,
        actions: Sequence[str],
        *,
        http_auth_user: str = "",
        http_auth_password: str = "",
    ) -> int:
        """Configure a webhook subscription as the panel does; returns its id (stored only)."""
        checked(check_webhook_url, subscription_url)
        unknown = [a for a in actions if a not in EVENT_TYPES]
        if not actions or unknown:
            raise ValueError(f"actions must be known webhook actions, got {list(actions)}")
        webhook = self._state.account.add_webhook(
            list(dict.fromkeys(actions)), subscription_url, http_auth_user, http_auth_password
        )
        return webhook.webhook_id

    def add_tags(self, names: Iterable[str]) -> list[str]:
        """Add tags to the account's dictionary; returns the new ones (existing are skipped)."""
        names = list(names)
        if any(not isinstance(name, str) or not name.strip() for name in names):
            raise ValueError("tags must be non-empty strings")
        return self._state.account.add_tags(names)

    # -- inspection ----------------------------------------------------------------------

    def todos(self) -> list[dict[str, Any]]:
        """Every task as ``GET todos/{id}`` shows it, in creation order."""
        return [todo_view(t) for t in self._state.account.todos.values()]

    def webhooks(self) -> list[dict[str, Any]]:
        """Every webhook subscription as ``GET webhooks`` lists it.

        They are stored, not delivered to. To deliver events to one (e.g. an
        in-process receiver), subscribe it::

            for hook in fake.webhooks():
                fake.subscribe_webhooks(
                    hook["subscription_url"], actions=hook["actions"],
                    username=hook["http_auth_user"] or None,
                    password=hook["http_auth_password"] or None, transport=receiver,
                )
        """
        return [webhook_view(w) for w in self._state.account.webhooks.values()]

    def tags(self) -> list[str]:
        """The account's tag names, in creation order."""
        return list(self._state.account.tags)

    def sent_sms(self) -> list[dict[str, Any]]:
        """Every SMS sent through the API: ``{"phone_number", "text", "sent_at"}``, oldest first."""
        return [sms_view(s) for s in self._state.account.sms]
