"""The exception handlers raise to answer with a Thulium error body."""

from __future__ import annotations

from typing import Any

__all__ = ["ApiError", "bad_request", "not_found"]


class ApiError(Exception):
    """Answer ``status`` with one error; the message is rendered per request language."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.params = params


def bad_request(key: str, **params: Any) -> ApiError:
    """A 400 validation error."""
    return ApiError(400, key, **params)


def not_found(key: str, **params: Any) -> ApiError:
    """A 404 for an unknown id."""
    return ApiError(404, key, **params)
