"""The installed distribution's version, in a leaf so any layer may read it."""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("thulium-async")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
"""The installed version of thulium-async."""
