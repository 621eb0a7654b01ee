"""Conformance tables of the account area: the state each catalog example needs, doc fixes."""

from __future__ import annotations

from collections.abc import Callable

from thulium_async.testing import FakeThulium


def webhooks(*actions: str) -> Callable[[FakeThulium], None]:
    def setup(fake: FakeThulium) -> None:
        for action in actions:
            fake.add_webhook("https://example.com/", [action])

    return setup


def todo(fake: FakeThulium) -> None:
    fake.add_todo("jkowalski")


# catalog name -> setup of the fake before the example request is replayed
SETUPS: dict[str, Callable[[FakeThulium], None]] = {
    "get_todo": todo,
    "list_webhooks": webhooks("CHAT_AGENT_ASSIGNED", "CHAT_CONVERSATION_CREATED"),
    # the example answers id 5: four subscriptions exist before it
    "create_webhook": webhooks(*["CHAT_AGENT_ASSIGNED"] * 4),
    "delete_webhook": webhooks(*["CHAT_AGENT_ASSIGNED"] * 5),
}
# catalog name -> "METHOD target", or (method, target, raw body), correcting the doc's example
REQUEST_FIXES: dict[str, str | tuple[str, str, bytes]] = {
    # inferred endpoints without a request example: the body from the catalog's
    # parameter examples (create_todo: user_login) and, for send_sms ("body
    # fields unknown (presumably a recipient number and message text)"), the
    # fake's documented guess
    "create_todo": ("POST", "todos", b'{"user_login": "jkowalski"}'),
    "send_sms": ("POST", "sms_messages", b'{"phone_number": "500333222", "text": "Hello"}'),
}
# catalog name -> keys whose example values the request does not determine
FREE_VALUES: dict[str, set[str]] = {}
# catalog name -> keys the answer has beyond a truncated example's (none in this area)
EXTRA_KEYS: dict[str, set[str]] = {}
