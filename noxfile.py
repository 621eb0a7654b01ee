"""Automation: tests on every supported Python, lint, typing and benchmarks."""

from __future__ import annotations

import pathlib
import shutil

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["tests", "lint", "typecheck"]

PYTHONS = [version for version in ("3.11", "3.12", "3.13") if shutil.which(f"python{version}")]


@nox.session(python=PYTHONS or None)
def tests(session: nox.Session) -> None:
    """Run the test suite."""
    session.run_install(
        "uv",
        "sync",
        "--active",
        "--frozen",
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
    )
    session.run("pytest", "-q", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install("ruff")
    session.run("ruff", "check", "thulium_async", "tests", "benchmarks", "noxfile.py")
    session.run("ruff", "format", "--check", "thulium_async", "tests", "benchmarks", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the package, and its import-linter contracts (lint-imports)."""
    session.run_install(
        "uv",
        "sync",
        "--active",
        "--frozen",
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
    )
    session.run("mypy", "--strict", "thulium_async")
    session.run("lint-imports")


@nox.session
def bench(session: nox.Session) -> None:
    """Run every benchmark and print its table (loopback only, bounded in time)."""
    session.run_install(
        "uv",
        "sync",
        "--active",
        "--frozen",
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
    )
    for script in sorted(pathlib.Path("benchmarks").glob("bench_*.py")):
        session.run("python", str(script))
