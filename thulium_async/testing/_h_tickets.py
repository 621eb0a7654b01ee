"""Handlers: tickets, their dictionaries, attachments and temporary files."""

from __future__ import annotations

from ._routing import Route

__all__ = ["ROUTES"]

ROUTES: tuple[Route, ...] = ()
