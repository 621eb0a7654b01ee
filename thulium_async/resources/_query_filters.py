"""Query-string forms of the list filters: flags, sort orders, custom-field searches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._validation import flag
from ..errors import InputError
from ._base import bool_param

__all__ = ["custom_field_params", "flag_params", "order_param"]


def flag_params(**flags: bool | None) -> list[tuple[str, str]]:
    """``name=true|false`` for every flag given (None: not sent)."""
    return [
        (name, bool_param(flag(value, name))) for name, value in flags.items() if value is not None
    ]


def order_param(value: str | Sequence[str], sortable: Iterable[str]) -> str:
    """``order=name,-nip``: sort fields, a ``-`` prefix for descending."""
    fields = [value] if isinstance(value, str) else list(value)
    allowed = sorted(sortable)
    parts: list[str] = []
    for index, part in enumerate(fields):
        names = part.split(",") if isinstance(part, str) else [part]
        for name in names:
            if not isinstance(name, str) or name.lstrip("-") not in allowed:
                where = "order" if isinstance(value, str) else f"order[{index}]"
                raise InputError(where, f"fields among {allowed}, '-' for descending", part)
            parts.append(name)
    if not parts:
        raise InputError("order", f"at least one of {allowed}", value)
    return ",".join(parts)


def _custom_value(value: Any, field: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(field, "a string or number", value)
    return str(value)


def custom_field_params(custom_fields: Mapping[str, str | Sequence[str]]) -> list[tuple[str, str]]:
    """The custom-field search in the API's nested-bracket form.

    ``{"Kraj": ["POLSKA", "NORWEGIA"], "Miasto": "Kraków"}`` becomes
    ``custom_fields[Kraj][0]=POLSKA&custom_fields[Kraj][1]=NORWEGIA&custom_fields[Miasto]=Kraków``:
    alternatives of one field are ORed, different fields combined.
    """
    if not isinstance(custom_fields, Mapping):
        raise InputError("custom_fields", "a mapping of field name to value(s)", custom_fields)
    params: list[tuple[str, str]] = []
    entries: list[tuple[Any, Any]] = list(custom_fields.items())  # checked, not trusted
    for name, wanted in entries:
        if not isinstance(name, str) or not name or "[" in name or "]" in name:
            raise InputError("custom_fields key", "a field name without '[' or ']'", name)
        field = f"custom_fields[{name}]"
        if isinstance(wanted, (str, int, float)) and not isinstance(wanted, bool):
            params.append((field, _custom_value(wanted, field)))
            continue
        if not isinstance(wanted, Iterable):
            raise InputError(field, "a value or a list of alternative values", wanted)
        values = [_custom_value(item, f"{field}[{i}]") for i, item in enumerate(wanted)]
        if not values:
            raise InputError(field, "at least one value", wanted)
        params += [(f"{field}[{i}]", item) for i, item in enumerate(values)]
    return params
