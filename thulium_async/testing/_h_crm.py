"""Handlers: companies, customer notes and feed records, field groups, ids by campaign status."""

from __future__ import annotations

from ._routing import Route

__all__ = ["ROUTES"]

ROUTES: tuple[Route, ...] = ()
