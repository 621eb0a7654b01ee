"""Connection options, accepted before the command (``thulium --fake records ...``) or after it.

The root takes them from flags or THULIUM_BASE_URL / THULIUM_USER /
THULIUM_PASSWORD; a flag given after the command name overrides the root's.
"""

from __future__ import annotations

from typing import Annotated

import attrs
import typer

__all__ = [
    "BaseUrl",
    "CampaignId",
    "Connection",
    "Fake",
    "Password",
    "RootBaseUrl",
    "RootPassword",
    "RootUser",
    "User",
    "Verbose",
    "connection",
    "normal_campaign_id",
]

_PANEL = "Connection"
_URL_HELP = "API address, e.g. https://acme.thulium.com/api."
_USER_HELP = "API user."
_PASSWORD_HELP = "API password (never printed or logged)."
_FAKE_HELP = "Use an in-process fake account (campaigns 00001-00003 with records)."
_VERBOSE_HELP = "Log every request (the password never appears)."

RootBaseUrl = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        envvar="THULIUM_BASE_URL",
        help=_URL_HELP,
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
RootUser = Annotated[
    str | None,
    typer.Option(
        "--user",
        envvar="THULIUM_USER",
        help=_USER_HELP,
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
RootPassword = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="THULIUM_PASSWORD",
        help=_PASSWORD_HELP,
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
BaseUrl = Annotated[
    str | None,
    typer.Option("--base-url", help=_URL_HELP, show_default=False, rich_help_panel=_PANEL),
]
User = Annotated[
    str | None,
    typer.Option("--user", help=_USER_HELP, show_default=False, rich_help_panel=_PANEL),
]
Password = Annotated[
    str | None,
    typer.Option("--password", help=_PASSWORD_HELP, show_default=False, rich_help_panel=_PANEL),
]
Fake = Annotated[bool, typer.Option("--fake", help=_FAKE_HELP, rich_help_panel=_PANEL)]
Verbose = Annotated[
    bool, typer.Option("--verbose", "-v", help=_VERBOSE_HELP, rich_help_panel=_PANEL)
]


@attrs.frozen(kw_only=True)
class Connection:
    """Where and as whom to connect; ``fake`` means the in-process fake account."""

    base_url: str | None = None
    user: str | None = attrs.field(default=None, repr=False)
    password: str | None = attrs.field(default=None, repr=False)
    fake: bool = False
    verbose: bool = False


def connection(
    ctx: typer.Context,
    *,
    base_url: str | None,
    user: str | None,
    password: str | None,
    fake: bool,
    verbose: bool,
) -> Connection:
    """The root's connection settings overridden by those given after the command."""
    root = ctx.find_root().obj
    if not isinstance(root, Connection):
        root = Connection()
    return Connection(
        base_url=base_url or root.base_url,
        user=user or root.user,
        password=password or root.password,
        fake=fake or root.fake,
        verbose=verbose or root.verbose,
    )


def normal_campaign_id(value: str) -> str:
    """A campaign id as the API wants it: digits are zero-padded (``1`` -> ``00001``)."""
    value = value.strip()
    if value.isdigit() and len(value) < 5:
        return f"{int(value):05d}"
    if len(value) != 5 or not value.isalnum():
        raise typer.BadParameter(
            f"expected a five-character campaign id such as 00001, got {value!r}"
        )
    return value


CampaignId = Annotated[
    str,
    typer.Option(
        "--campaign",
        "-c",
        callback=normal_campaign_id,
        help="Campaign id, e.g. 00001 (1 means 00001).",
        show_default=False,
    ),
]
