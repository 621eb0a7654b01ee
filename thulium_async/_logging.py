"""The ``thulium_async`` logger and its ``THULIUM_LOG`` switch."""

from __future__ import annotations

import logging
import os

__all__ = ["configure_from_env", "logger"]

logger = logging.getLogger("thulium_async")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_configured = False


def configure_from_env() -> None:
    """``THULIUM_LOG=debug|info`` prints the library's log lines to stderr.

    Runs once per process and only adds a handler when the application has not
    configured the logger itself. Lines never contain credentials: requests
    are logged as method, URL (no user info) and status.
    """
    global _configured
    if _configured:
        return
    _configured = True
    level = _LEVELS.get(os.environ.get("THULIUM_LOG", "").strip().lower())
    if level is None or logger.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
