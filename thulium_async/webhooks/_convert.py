"""The webhooks' converter: the project's rules, plus what webhooks need on top."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

import cattrs

from .._converter import format_datetime, make_converter

__all__ = ["converter_for"]


def _strict_int(value: Any, _: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise ValueError(f"expected an integer, got {value!r}")


def _strict_str(value: Any, type_: Any) -> str:
    if type_ is not str:
        # A class hook for str also catches the str-based enums: let them parse.
        return type_(value)  # type: ignore[no-any-return]
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    # Floats are refused on purpose: "1416225570.340" as a JSON number loses its zero.
    raise ValueError(f"expected a string, got {value!r}")


@functools.lru_cache(maxsize=16)
def converter_for(tz: dt.tzinfo) -> cattrs.Converter:
    """The converter that reads and writes webhook events in the zone ``tz``."""
    converter = make_converter(tz)
    # cattrs consults its class registry before predicate hooks, and it ships
    # class hooks for int and str, so make_converter's strict int/str predicates
    # never run (3.7 -> 3, [1] -> "[1]"). Class hooks do: a wrong type must fail.
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(str, _strict_str)
    # ``raw`` is the received body: kept as is, never copied or coerced.
    converter.register_structure_hook_func(lambda t: t == Mapping[str, Any], lambda v, _: v)
    # Every webhook ``date`` carries seconds, unlike the REST API's fields.
    converter.register_unstructure_hook(
        dt.datetime, lambda value: format_datetime(value, tz, seconds=True)
    )
    return converter
