"""The root of every webhook event, the unknown-action event and the action registry."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

import attrs

__all__ = ["EVENT_TYPES", "UnknownEvent", "WebhookEvent", "register"]


@attrs.frozen(kw_only=True)
class WebhookEvent:
    """Base class of every webhook event.

    ``action`` is the event's discriminator (``"OUTBOUND_COMPLETED"``). ``raw``
    is the decoded body exactly as received, so fields Thulium adds later are
    readable before this library types them; it takes no part in equality.
    """

    ACTION: ClassVar[str] = ""
    """The ``action`` value this class stands for (empty on base classes)."""

    raw: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def action(self) -> str:
        """The action string Thulium sent."""
        return self.ACTION


@attrs.frozen(kw_only=True)
class UnknownEvent(WebhookEvent):
    """An action this library does not know yet: the action and the untyped body.

    Values stay as received (form bodies give strings, ``"null"`` included).
    """

    # An instance field where known events use a property over their ACTION.
    action: str
    raw: Mapping[str, Any] = attrs.field(factory=dict, hash=False)


_REGISTRY: dict[str, type[WebhookEvent]] = {}

EVENT_TYPES: Mapping[str, type[WebhookEvent]] = MappingProxyType(_REGISTRY)
"""Every known action mapped to its event class."""

_E = TypeVar("_E", bound=type[WebhookEvent])


def register(cls: _E) -> _E:
    """Class decorator: make ``cls`` the event type of ``cls.ACTION``."""
    if not cls.ACTION or cls.ACTION in _REGISTRY:
        raise RuntimeError(f"{cls.__name__}: missing or duplicate ACTION {cls.ACTION!r}")
    _REGISTRY[cls.ACTION] = cls
    return cls
