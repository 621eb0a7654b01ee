"""Every command's help: one style, every option described, no ``<bool>`` on flags."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from tests.cli.support import invoke
from thulium_async.cli import app


def commands() -> list[tuple[list[str], Any]]:
    """(path, click command) for every command of the tree."""
    found: list[tuple[list[str], Any]] = []

    def walk(path: list[str], command: Any) -> None:
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk([*path, name], sub)

    walk([], typer.main.get_command(app))
    return found


@pytest.mark.parametrize(
    ("path", "command"), [pytest.param(p, c, id=" ".join(p) or "thulium") for p, c in commands()]
)
def test_every_option_has_a_description(path: list[str], command: Any) -> None:
    """No option or argument of any command is left without help text."""
    undescribed = [
        param.name
        for param in command.params
        if not getattr(param, "help", None) and not getattr(param, "hidden", False)
    ]
    assert undescribed == []


@pytest.mark.parametrize(
    "path", [[], ["demo"], ["records", "import"], ["records", "export"], ["campaigns", "list"]]
)
def test_flags_carry_no_type_label(path: list[str]) -> None:
    """A flag takes no value: typer's ``<bool>`` label is gone from the help."""
    result = invoke([*path, "--help"])
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout
