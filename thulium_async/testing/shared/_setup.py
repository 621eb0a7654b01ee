"""What every area's setup mixin builds on: the state it writes and setup-time checks.

The ``add_*`` helpers behind ``FakeThulium`` write the state directly (no HTTP, no
faults): they model what an administrator, an agent's phone or a customer does
outside the API, so they can also create states the API refuses.
"""

from __future__ import annotations

from typing import Any

from ..server._errors import ApiError
from ..server._state import State
from ._seed import SampleData

__all__ = ["SetupBase", "checked"]


class SetupBase:
    """What the per-area setup mixins of ``FakeThulium`` share: the state and sample data."""

    _state: State
    _samples: SampleData


def checked(check: Any, value: Any, *args: Any) -> Any:
    """``check(value, *args)`` with the API's 400 turned into a ValueError for setup code."""
    try:
        return check(value, *args)
    except ApiError as exc:
        raise ValueError(f"invalid value {value!r} ({exc.key})") from None
