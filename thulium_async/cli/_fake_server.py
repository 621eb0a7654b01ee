"""``thulium fake-server``: ``python -m thulium_async.testing`` under the ``thulium`` command.

The options are the testing package's own (``add_server_arguments``), parsed
by its argparse parser, so both commands always take the same ones; the help
is drawn in typer's style (``_help``).
"""

from __future__ import annotations

import argparse
import sys

import typer

from ._console import out
from ._errors import require
from ._help import print_argparse_help

__all__ = ["fake_server"]


def fake_server(ctx: typer.Context) -> None:
    """Serve a fake Thulium over HTTP for other programs (see --help for its options).

    [dim]e.g. thulium fake-server --port 8080 --campaigns 2 --records 1000 --latency 0.02[/dim]
    """
    require("uvicorn", "cli,testing", "thulium fake-server")
    from thulium_async.testing import add_server_arguments, run_server

    parser = argparse.ArgumentParser(
        prog="thulium fake-server",
        add_help=False,
        description="A stateful fake Thulium REST API for tests, demos and benchmarks "
        "(user api_user, password api_pass unless told otherwise).",
    )
    parser.add_argument("-h", "--help", action="store_true", help="Show this message and exit.")
    add_server_arguments(parser)
    if "-h" in ctx.args or "--help" in ctx.args:
        print_argparse_help(parser, out)
        raise typer.Exit(0)
    try:
        options = parser.parse_args(ctx.args)  # bad options exit here (2)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    raise typer.Exit(run_server(options))
