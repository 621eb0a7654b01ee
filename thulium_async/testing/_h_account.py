"""Handlers: users, todos, webhook configuration, tags and SMS."""

from __future__ import annotations

from ._routing import Route

__all__ = ["ROUTES"]

ROUTES: tuple[Route, ...] = ()
