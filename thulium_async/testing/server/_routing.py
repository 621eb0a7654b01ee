"""Routes of the fake and a small segment-matching router (no regexes per request)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from ..shared._validate import Query
from ._errors import bad_request
from ._messages import render
from ._state import State

__all__ = ["Blob", "Ctx", "Handler", "Reply", "Route", "Router"]

# (status, payload): payload is ready JSON bytes, a Blob, None for an empty body,
# or anything orjson can serialise.
Reply = tuple[int, Any]


@attrs.frozen
class Blob:
    """A non-JSON answer body (a recording's audio): bytes, media type, optional download name.

    The app sends it in chunks, so a large one reaches the client as a stream.
    """

    data: bytes
    content_type: str
    filename: str | None = None


class Ctx:
    """What a handler gets: the state, path parameters, query, body, language.

    ``body`` is the parsed JSON; routes declared ``raw=True`` get the bytes in
    ``raw`` (and ``content_type``) instead, with ``body`` None.
    """

    __slots__ = ("body", "content_type", "params", "polish", "query", "raw", "state", "strict")

    def __init__(
        self,
        state: State,
        params: dict[str, str],
        query: Query,
        body: Any,
        *,
        strict: bool,
        polish: bool,
        raw: bytes = b"",
        content_type: str = "",
    ) -> None:
        self.state = state
        self.params = params
        self.query = query
        self.body = body
        self.strict = strict
        self.polish = polish
        self.raw = raw
        self.content_type = content_type

    def fields(self) -> dict[str, Any]:
        """The JSON body as an object; ``{}`` when there is none (the app checked its type)."""
        return self.body if isinstance(self.body, dict) else {}

    def message(self, key: str, **params: Any) -> str:
        """A message in the request's language (for 207 items)."""
        return render(key, params, self.polish)[1]

    def batch_items(self, name: str, allowed: Iterable[str]) -> list[dict[str, Any]]:
        """The body's ``name`` list of a batch endpoint: non-empty, objects only, and
        (in strict mode) no field an item of the endpoint does not document."""
        items = self.fields().get(name)
        if not isinstance(items, list) or not items:
            raise bad_request("empty_list", name=name)
        for item in items:
            if not isinstance(item, dict):
                raise bad_request("invalid_value", name=name, expected="a list of objects")
            self.check_fields(item, allowed)
        return items

    def check_fields(self, item: Mapping[str, Any], allowed: Iterable[str]) -> None:
        """In strict mode, reject body fields the endpoint does not document."""
        if self.strict:
            unknown = sorted(set(item) - set(allowed))
            if unknown:
                raise bad_request("unknown_fields", names=", ".join(unknown))


Handler = Callable[[Ctx], Reply]


@attrs.frozen
class Route:
    """One simulated endpoint: method, templated path, handler and its known inputs.

    ``body`` is None for endpoints that take no JSON body; ``query_prefixes`` admits
    nested-bracket families such as ``custom_fields[...]``; ``raw`` routes take a
    non-JSON body (a file upload), handed to the handler unparsed.
    """

    method: str
    template: str
    handler: Handler
    query: frozenset[str] = frozenset()
    body: frozenset[str] | None = None
    query_prefixes: tuple[str, ...] = ()
    raw: bool = False

    @property
    def name(self) -> str:
        """``"METHOD template"``, the key used by counters and the coverage list."""
        return f"{self.method} {self.template}"

    def unknown_query(self, query: Query) -> list[str]:
        """Query parameter names this endpoint does not document."""
        prefixes = self.query_prefixes
        return sorted(
            {
                key
                for key, _ in query.pairs
                if key not in self.query and not (prefixes and key.startswith(prefixes))
            }
        )


_Pattern = tuple[tuple[str | None, ...], tuple[str, ...], Route]


class Router:
    """Matches ``METHOD path`` (relative to ``/api/``) against route templates."""

    def __init__(self, routes: Iterable[Route]) -> None:
        self.routes = tuple(routes)
        self._table: dict[tuple[str, int], list[_Pattern]] = {}
        for route in self.routes:
            parts = route.template.split("/")
            literals = tuple(None if p.startswith("{") else p for p in parts)
            names = tuple(p[1:-1] for p in parts if p.startswith("{"))
            self._table.setdefault((route.method, len(parts)), []).append((literals, names, route))
        # Literal routes first, so "outbounds/stats" wins over "outbounds/{id}".
        for candidates in self._table.values():
            candidates.sort(key=lambda c: sum(p is None for p in c[0]))

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        """The route and its path parameters, or None when not simulated."""
        parts = path.split("/")
        for literals, names, route in self._table.get((method, len(parts)), ()):
            values: list[str] = []
            for literal, part in zip(literals, parts, strict=True):
                if literal is None:
                    if not part:
                        break
                    values.append(part)
                elif literal != part:
                    break
            else:
                return route, dict(zip(names, values, strict=True))
        return None
