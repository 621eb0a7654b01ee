"""The ``thulium`` application: the root options and the command tree."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from .._version import __version__
from ._campaigns import campaigns_app
from ._demo import demo
from ._fake_server import fake_server
from ._help import show_flags_without_type
from ._options import Connection, Fake, RootBaseUrl, RootPassword, RootUser, Verbose
from ._records import records_app

__all__ = ["app", "main"]


# typer >= 0.16 vendors click (typer._click) and older releases use click itself:
# find the base of usage errors through a public class rather than importing either.
_CLICK_ERROR: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)


def _usage_error(error: Any) -> NoReturn:
    if type(error).__name__ == "NoArgsIsHelpError":
        raise error  # the help text itself, printed as usual
    context = getattr(error, "ctx", None)
    where = context.command_path if context is not None else "thulium"
    typer.echo(f"error: {error.format_message()} (see '{where} --help')", err=True)
    raise typer.Exit(getattr(error, "exit_code", 2))


class _OneLineErrors(TyperGroup):
    """Usage errors as one line on stderr (exit 2), like every other error of the command."""

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _CLICK_ERROR as error:
            _usage_error(error)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _CLICK_ERROR as error:
            _usage_error(error)


show_flags_without_type()

app = typer.Typer(
    name="thulium",
    cls=_OneLineErrors,
    help=(
        "The Thulium contact-center API from the command line: load, export and edit "
        "campaign records in bulk. Try [bold]thulium demo[/bold]."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(campaigns_app, name="campaigns")
app.add_typer(records_app, name="records")
app.command("demo")(demo)
app.command(
    "fake-server",
    add_help_option=False,
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)(fake_server)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"thulium {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    base_url: RootBaseUrl = None,
    user: RootUser = None,
    password: RootPassword = None,
    fake: Fake = False,
    verbose: Verbose = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = Connection(
        base_url=base_url, user=user, password=password, fake=fake, verbose=verbose
    )


def main() -> None:
    """Entry point of the ``thulium`` console script and ``python -m thulium_async.cli``."""
    app(prog_name="thulium")
