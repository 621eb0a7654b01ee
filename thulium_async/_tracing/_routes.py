"""A concrete request path -> its endpoint's template and client method, by the catalog."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Routes"]


class Routes:
    """``POST outbounds/00001/records`` -> ``outbounds/{id}/records``, ``outbounds.records.create``.

    A literal segment beats a placeholder (``outbounds/stats`` is not
    ``outbounds/{id}``); an unknown path (``client.request`` on an endpoint
    the client does not wrap) matches nothing.
    """

    def __init__(self, routes: Iterable[tuple[str, str, str]]) -> None:
        table: dict[tuple[str, int], list[tuple[tuple[str | None, ...], str, str]]] = {}
        for method, template, operation in routes:
            segments = tuple(None if part.startswith("{") else part for part in template.split("/"))
            table.setdefault((method, len(segments)), []).append((segments, template, operation))
        for candidates in table.values():
            candidates.sort(key=lambda entry: -sum(part is not None for part in entry[0]))
        self._table = table

    def match(self, method: str, path: str) -> tuple[str, str] | None:
        """(template, client method) for ``method path`` (path relative to the base URL)."""
        parts = path.strip("/").split("/")
        for segments, template, operation in self._table.get((method, len(parts)), ()):
            if all(want is None or want == got for want, got in zip(segments, parts, strict=True)):
                return template, operation
        return None
