"""Form bodies the way PHP reads and writes them: ``a[b]=1``, ``a[]=x``, ``"null"``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlencode

__all__ = ["fold_pairs", "form_encode"]

FORM_NULL = "null"
MAX_DEPTH = 64
"""Deeper bracket keys stay literal keys (PHP's max_input_nesting_level is 64)."""


def fold_pairs(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Decoded form pairs as PHP's ``$_POST`` would see them.

    Plain keys map to their last value. Bracketed keys build nested values:
    ``a[b]=1`` gives ``{"a": {"b": "1"}}`` and ``a[]=x&a[]=y`` (or ``a[0]``,
    ``a[1]``) gives ``{"a": ["x", "y"]}``.
    """
    result: dict[Any, Any] = {}
    nested = False
    for key, value in pairs:
        path = _split_key(key)
        if path is None:
            result[key] = value
        else:
            nested = True
            _insert(result, path, value)
    if not nested:
        return result
    return {key: _listify(value) for key, value in result.items()}


def _split_key(key: str) -> list[str] | None:
    # PHP treats a key as nested only when it has a name before a closed "[...]".
    start = key.find("[")
    if start <= 0 or not key.endswith("]"):
        return None
    path = [key[:start]]
    rest = key[start:]
    while rest:
        end = rest.find("]")
        if not rest.startswith("[") or end < 0 or len(path) > MAX_DEPTH:
            return None
        path.append(rest[1:end])
        rest = rest[end + 1 :]
    return path


# Nested dicts keep their next free list index under this key, which no form key
# (always a str) can collide with: "a[]=" appends then stay O(1) each.
_NEXT = None


def _insert(target: dict[Any, Any], path: list[str], value: str) -> None:
    node = target
    last = len(path) - 1
    for depth, key in enumerate(path):
        if depth and key == "":
            index = node.get(_NEXT, 0)
            key = str(index)
            node[_NEXT] = index + 1
        elif depth and key.isdigit():
            node[_NEXT] = max(node.get(_NEXT, 0), int(key) + 1)
        if depth == last:
            node[key] = value
            return
        child = node.get(key)
        if not isinstance(child, dict):
            # A later bracketed key overrides a plain value, as in PHP.
            child = node[key] = {}
        node = child


def _listify(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    items = {key: _listify(value) for key, value in node.items() if key is not _NEXT}
    # PHP arrays with keys 0..n-1 are lists: json_encode writes them as such.
    if items and all(key == str(index) for index, key in enumerate(items)):
        return list(items.values())
    return items


def form_encode(data: Mapping[str, Any]) -> str:
    """``data`` as a form body: None as ``null``, nested values in bracket keys."""
    return urlencode(list(_flatten(data, None)))


def _flatten(value: Any, prefix: str | None) -> Iterator[tuple[str, str]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _flatten(item, str(key) if prefix is None else f"{prefix}[{key}]")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _flatten(item, f"{prefix}[{index}]")
    elif prefix is not None:
        yield prefix, _scalar(value)


def _scalar(value: Any) -> str:
    if value is None:
        return FORM_NULL
    if isinstance(value, bool):
        # PHP's http_build_query writes booleans as 1 / 0.
        return "1" if value else "0"
    return str(value)
