"""One help style for every command: typer's panels, flags without a type label.

``thulium fake-server`` parses its options with the testing package's argparse
parser (so ``python -m thulium_async.testing`` takes the same ones); its help is
drawn here in the panels typer draws for the other commands.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from typer import rich_utils
from typer.core import TyperOption

__all__ = ["print_argparse_help", "show_flags_without_type"]


def show_flags_without_type() -> None:
    """Stop typer labelling every flag ``<bool>``: a flag takes no value to type."""
    if getattr(TyperOption.display_type_rich, "_thulium_flags", False):
        return
    original = TyperOption.display_type_rich

    def display_type_rich(self: TyperOption, ctx: Any) -> str | None:
        return None if self.is_flag else original(self, ctx)

    display_type_rich._thulium_flags = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


def _type_label(action: argparse.Action) -> str:
    if action.nargs == 0:
        return ""
    if action.metavar is not None:
        return str(action.metavar)
    if action.choices is not None:
        return "<" + "|".join(str(choice) for choice in action.choices) + ">"
    kind = action.type if isinstance(action.type, type) else str
    return f"<{kind.__name__}>"


def _help_cell(action: argparse.Action) -> Text:
    text = Text(action.help or "", style=rich_utils.STYLE_OPTION_HELP)
    if action.nargs != 0 and action.default not in (None, [], argparse.SUPPRESS):
        text.append(f" [default: {action.default}]", style=rich_utils.STYLE_OPTION_DEFAULT)
    return text


def _panel(title: str, actions: list[argparse.Action]) -> Panel:
    table = Table(
        box=None,
        show_header=False,
        padding=rich_utils.STYLE_OPTIONS_TABLE_PADDING,
        pad_edge=rich_utils.STYLE_OPTIONS_TABLE_PAD_EDGE,
    )
    for action in actions:
        long = ",".join(opt for opt in action.option_strings if opt.startswith("--"))
        short = ",".join(opt for opt in action.option_strings if not opt.startswith("--"))
        table.add_row(
            Text(long, style=rich_utils.STYLE_OPTION),
            Text(short, style=rich_utils.STYLE_SWITCH),
            Text(_type_label(action), style=rich_utils.STYLE_TYPES),
            _help_cell(action),
        )
    return Panel(
        table,
        title=title,
        title_align="left",
        border_style=rich_utils.STYLE_OPTIONS_PANEL_BORDER,
    )


def print_argparse_help(parser: argparse.ArgumentParser, console: Console) -> None:
    """``parser``'s help in typer's style: usage, description, one panel per group."""
    usage = Text.assemble(("Usage: ", rich_utils.STYLE_USAGE), (f"{parser.prog} [OPTIONS]", "bold"))
    console.print(Padding(usage, 1))
    console.print(Padding(Text(parser.description or ""), (0, 1, 1, 1)))
    for group in parser._action_groups:  # argparse's only public view of its groups
        actions = [a for a in group._group_actions if a.option_strings]
        if actions:
            title = "Options" if group.title == "options" else group.title or ""
            console.print(_panel(title[:1].upper() + title[1:], actions))
