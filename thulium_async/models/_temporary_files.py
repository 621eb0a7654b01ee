"""What ``POST temporary_files`` answers: the token of an uploaded file."""

from __future__ import annotations

import attrs

__all__ = ["TemporaryFile"]


@attrs.frozen(kw_only=True)
class TemporaryFile:
    """An uploaded temporary file: pass ``token`` as a ticket attachment within 24 hours."""

    filename: str
    token: str
    size: int | None = None
