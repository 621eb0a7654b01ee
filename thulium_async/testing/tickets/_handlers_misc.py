"""Handlers: the ticket dictionaries, today's ticket statistics and temporary files.

Choices where the documentation is silent: the three dictionaries answer plain
arrays (they are short and unpaginated, like ``GET agents``); an upload needs
a non-empty body and a plain file name in ``filename`` (no ``/`` or ``\\``),
takes any media type (recorded, ``application/octet-stream`` when none is
sent) and has no size limit; its token serves once, as an attachment, within
24 hours of wall clock.
"""

from __future__ import annotations

from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ._models import TemporaryFile
from ._views import category_view, file_view, queue_view, status_view, today_stats

__all__ = ["categories", "queues", "statuses", "today", "upload"]


def categories(ctx: Ctx) -> Reply:
    """GET ticket_categories."""
    return 200, [category_view(c) for c in ctx.state.tickets.categories.values()]


def queues(ctx: Ctx) -> Reply:
    """GET ticket_queues."""
    return 200, [queue_view(q) for q in ctx.state.tickets.queues.values()]


def statuses(ctx: Ctx) -> Reply:
    """GET ticket_statuses (each with its sub-statuses)."""
    return 200, [status_view(s) for s in ctx.state.tickets.statuses.values()]


def today(ctx: Ctx) -> Reply:
    """GET tickets/today_stats, over the account's current local day."""
    return 200, today_stats(ctx.state.tickets, ctx.state.moment())


def upload(ctx: Ctx) -> Reply:
    """POST temporary_files?filename=: ``{"filename", "token", "size"}``."""
    filename = ctx.query.get("filename")
    if not filename:
        raise bad_request("required", name="filename")
    if filename in (".", "..") or "/" in filename or "\\" in filename:
        expected = "a file name without '/' or '\\'"
        raise bad_request("invalid_value", name="filename", expected=expected)
    if not ctx.raw:
        raise bad_request("temporary_file_empty")
    store = ctx.state.tickets
    file = TemporaryFile(
        store.new_token(),
        filename,
        ctx.raw,
        ctx.content_type or "application/octet-stream",
        ctx.state.moment(),
    )
    store.files[file.token] = file
    return 201, file_view(file)
