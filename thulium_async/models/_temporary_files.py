"""What ``POST temporary_files`` answers: the token of an uploaded file."""

from __future__ import annotations

import attrs

from ._base import Response

__all__ = ["TemporaryFile"]


@attrs.frozen(kw_only=True)
class TemporaryFile(Response):
    """An uploaded temporary file: pass ``token`` as a ticket attachment within 24 hours."""

    filename: str
    token: str
    size: int | None = None
