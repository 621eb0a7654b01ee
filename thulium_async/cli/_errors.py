"""How the command fails: one line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Coroutine
from typing import Any, NoReturn, TypeVar

import typer

from ..errors import InputError, ThuliumError
from ._console import verbose_logging

__all__ = ["FAILED", "INTERRUPTED", "USAGE", "CliError", "fail", "require", "run"]

T = TypeVar("T")

USAGE = 2
"""Exit code of usage and input errors (bad options, unreadable files, invalid values)."""
FAILED = 1
"""Exit code of API and transport errors, and of runs where items failed."""
INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT), as shells report it."""


class CliError(Exception):
    """An error the command reports as one line, with its exit code."""

    def __init__(self, message: str, code: int = FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def fail(message: str, code: int) -> NoReturn:
    """Print ``error: message`` on stderr (one line) and exit with ``code``."""
    typer.echo(f"error: {_one_line(message)}", err=True)
    raise typer.Exit(code)


def _one_line(message: str) -> str:
    return "; ".join(part.strip() for part in message.splitlines() if part.strip()) or "failed"


def _innermost(error: BaseException) -> BaseException:
    """The first real error inside (nested) exception groups from task groups."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error


def run(main: Coroutine[Any, Any, T], *, verbose: bool = False) -> T:
    """Run ``main`` on asyncio; turn any error into a message and an exit code.

    Input errors exit 2, API and transport errors 1, Ctrl-C 130. An
    unexpected error is one line too. ``verbose`` logs every request and
    adds the traceback of an unexpected error.
    """
    try:
        with verbose_logging(verbose):
            return asyncio.run(main)
    except KeyboardInterrupt:
        fail("interrupted", INTERRUPTED)
    except (Exception, BaseExceptionGroup) as raised:
        error = _innermost(raised)
        if isinstance(error, CliError):
            fail(error.message, error.code)
        if isinstance(error, InputError):
            fail(str(error), USAGE)
        if isinstance(error, ThuliumError):
            fail(str(error), FAILED)
        if isinstance(error, KeyboardInterrupt):
            fail("interrupted", INTERRUPTED)
        if isinstance(error, OSError):
            where = f"{error.filename}: " if error.filename else ""
            fail(f"{where}{error.strerror or error}", FAILED)
        if verbose:
            typer.echo("".join(traceback.format_exception(error)), err=True)
        hint = "" if verbose else " (--verbose shows the traceback)"
        fail(f"unexpected {type(error).__name__}: {error}{hint}", FAILED)


def require(module: str, extra: str, what: str) -> None:
    """Fail with exit 1 and the extra to install when ``module`` is missing."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        fail(f"{what} needs {module}: pip install 'thulium-async[{extra}]'", FAILED)
