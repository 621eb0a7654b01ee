"""Handlers: connections, recordings, queues and topics."""

from __future__ import annotations

from ._routing import Route

__all__ = ["ROUTES"]

ROUTES: tuple[Route, ...] = ()
