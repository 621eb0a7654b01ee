"""Handlers: todos, webhook configuration, tags and SMS.

Choices where the documentation is silent:

- ``todos`` (inferred endpoints): the body is the catalogue's guess, the
  assignee ``user_login`` only, which must be an agent of the account (400
  naming the field otherwise). ``POST todos`` answers 201 ``{"id": "7"}`` (a
  string, as create endpoints answer ids); ``GET todos/{id}`` answers
  ``{"id": 7, "user_login", "created_at"}`` (``YYYY-MM-DD hh:mm``).
- ``webhooks``: ``actions`` must be known webhook actions (the ones
  ``thulium_async.webhooks`` parses), ``subscription_url`` an http(s) URL; a
  password without a user is refused. Ids are never reused. A webhook
  configured through the API is **stored only**: its URL is usually a public
  host the fake must not call. To receive events, pass a listed webhook to
  ``fake.subscribe_webhooks`` (which takes a transport for in-process
  receivers); ``FakeThulium.webhooks()`` documents how.
- ``POST tags`` skips names that exist or repeat within the request, and
  answers ``{"status": "success"}`` even when every name was skipped.
- ``POST sms_messages`` (inferred endpoint): the body is ``phone_number`` and
  ``text`` (the client's guess, as in the rest of the API); the message is
  stored for ``FakeThulium.sent_sms()`` and the answer is 201
  ``{"status": "success"}``, the answer of its documented sibling ``POST tags``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ...webhooks import EVENT_TYPES
from ..server._errors import bad_request, not_found
from ..server._routing import Ctx, Reply
from ..shared._validate import as_str, check_phone
from ._store import SentSms
from ._views import todo_view, webhook_view

__all__ = [
    "check_webhook_url",
    "create_tags",
    "create_todo",
    "create_webhook",
    "delete_webhook",
    "get_todo",
    "list_webhooks",
    "send_sms",
]


def _required(fields: dict[str, Any], name: str) -> Any:
    value = fields.get(name)
    if value is None or value == "":
        raise bad_request("required", name=name)
    return value


def _optional_str(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name)
    return "" if value is None else as_str(value, name)


def _by_id(raw: str, items: dict[int, Any], missing: str) -> Any:
    item = items.get(int(raw)) if raw.isdigit() else None
    if item is None:
        raise not_found(missing)
    return item


# -- todos ---------------------------------------------------------------------------------


def get_todo(ctx: Ctx) -> Reply:
    """GET todos/{id}."""
    return 200, todo_view(_by_id(ctx.params["id"], ctx.state.account.todos, "todo_not_found"))


def create_todo(ctx: Ctx) -> Reply:
    """POST todos: a task for an agent; 201 with the new id as a string."""
    login = as_str(_required(ctx.fields(), "user_login"), "user_login")
    if login not in ctx.state.agents:
        raise bad_request("unknown_user", login=login, name="user_login")
    todo = ctx.state.account.add_todo(login, ctx.state.now())
    return 201, {"id": str(todo.todo_id)}


# -- webhooks ------------------------------------------------------------------------------


def check_webhook_url(value: Any, name: str = "subscription_url") -> str:
    """An http(s) URL with a host."""
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_request("invalid_value", name=name, expected="an http(s) URL")
    return str(value)


def _actions(value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise bad_request("empty_list", name="actions")
    if not all(isinstance(action, str) for action in value):
        raise bad_request("invalid_value", name="actions", expected="a list of action names")
    unknown = [action for action in value if action not in EVENT_TYPES]
    if unknown:
        raise bad_request("unknown_webhook_actions", names=", ".join(unknown))
    return list(dict.fromkeys(value))


def list_webhooks(ctx: Ctx) -> Reply:
    """GET webhooks: a plain array in creation order."""
    return 200, [webhook_view(w) for w in ctx.state.account.webhooks.values()]


def create_webhook(ctx: Ctx) -> Reply:
    """POST webhooks: 201 with the subscription as listed."""
    fields = ctx.fields()
    actions = _actions(_required(fields, "actions"))
    url = check_webhook_url(_required(fields, "subscription_url"))
    user, password = (
        _optional_str(fields, name) for name in ("http_auth_user", "http_auth_password")
    )
    if password and not user:
        raise bad_request("required", name="http_auth_user")
    webhook = ctx.state.account.add_webhook(actions, url, user, password)
    return 201, webhook_view(webhook)


def delete_webhook(ctx: Ctx) -> Reply:
    """DELETE webhooks/{id}: 204."""
    webhooks = ctx.state.account.webhooks
    webhook = _by_id(ctx.params["id"], webhooks, "webhook_not_found")
    del webhooks[webhook.webhook_id]
    return 204, None


# -- tags and SMS --------------------------------------------------------------------------


def create_tags(ctx: Ctx) -> Reply:
    """POST tags: existing names are skipped."""
    names = _required(ctx.fields(), "tags")
    if not isinstance(names, list) or not names:
        raise bad_request("empty_list", name="tags")
    if not all(isinstance(name, str) and name.strip() for name in names):
        raise bad_request("invalid_value", name="tags", expected="a list of non-empty names")
    ctx.state.account.add_tags(names)
    return 201, {"status": "success"}


def send_sms(ctx: Ctx) -> Reply:
    """POST sms_messages: 201 ``{"status": "success"}``; the message is kept for inspection."""
    fields = ctx.fields()
    phone = check_phone(_required(fields, "phone_number"))
    text = as_str(_required(fields, "text"), "text")
    ctx.state.account.sms.append(SentSms(phone, text, ctx.state.now_seconds()))
    return 201, {"status": "success"}
