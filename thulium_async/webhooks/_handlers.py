"""Which handlers an event goes to, and running them with errors logged."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

import anyio.to_thread
import attrs

from ._base import WebhookEvent

__all__ = ["HandlerRegistry", "check_event_type", "logger"]

logger = logging.getLogger("thulium_async.webhooks")


@attrs.frozen
class _Registration:
    event_type: type[WebhookEvent]
    handler: Callable[[Any], Any]
    is_async: bool
    name: str


def _is_async(handler: Callable[..., Any]) -> bool:
    call = getattr(handler, "__call__", None)  # noqa: B004 - async callable objects count too
    return inspect.iscoroutinefunction(handler) or inspect.iscoroutinefunction(call)


def check_event_type(event_type: object) -> None:
    """Raise TypeError unless ``event_type`` is a WebhookEvent class."""
    if not (isinstance(event_type, type) and issubclass(event_type, WebhookEvent)):
        raise TypeError(f"expected a WebhookEvent class, got {event_type!r}")


class HandlerRegistry:
    """Handlers by event type; an event reaches the handlers of each of its classes.

    Handlers run in registration order. Lookups are cached per concrete class.
    """

    def __init__(self) -> None:
        self._registrations: list[_Registration] = []
        self._cache: dict[type[WebhookEvent], tuple[_Registration, ...]] = {}

    def add(self, event_type: type[WebhookEvent], handler: Callable[[Any], Any]) -> None:
        """Send events that are instances of ``event_type`` to ``handler``."""
        check_event_type(event_type)
        if not callable(handler):
            raise TypeError(f"handler must be callable, got {handler!r}")
        name = getattr(handler, "__qualname__", None) or repr(handler)
        self._registrations.append(_Registration(event_type, handler, _is_async(handler), name))
        self._cache.clear()

    def matching(self, event: WebhookEvent) -> tuple[_Registration, ...]:
        """The registrations ``event`` goes to, in order."""
        cls = type(event)
        found = self._cache.get(cls)
        if found is None:
            found = tuple(r for r in self._registrations if issubclass(cls, r.event_type))
            self._cache[cls] = found
        return found

    async def run(self, event: WebhookEvent) -> bool:
        """Run every matching handler; False when one of them raised.

        A failing handler is logged (its name and the event's action, never the
        payload or credentials) and does not stop the others. Sync handlers run
        in a worker thread so a blocking call does not stall the event loop.
        """
        ok = True
        for registration in self.matching(event):
            ok = await _run_one(registration, event) and ok
        return ok


async def _run_one(registration: _Registration, event: WebhookEvent) -> bool:
    try:
        if registration.is_async:
            await registration.handler(event)
        else:
            result = await anyio.to_thread.run_sync(registration.handler, event)
            if inspect.isawaitable(result):
                await result
    except Exception:
        logger.exception("webhook handler %s failed on %s", registration.name, event.action)
        return False
    return True
