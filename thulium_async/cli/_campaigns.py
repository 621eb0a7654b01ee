"""``thulium campaigns list`` and ``thulium campaigns statuses ID``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from ._connect import open_client
from ._console import out
from ._errors import run
from ._options import (
    BaseUrl,
    Connection,
    Fake,
    Password,
    User,
    Verbose,
    connection,
    normal_campaign_id,
)

__all__ = ["campaigns_app"]

campaigns_app = typer.Typer(help="Campaigns: list them, show their statuses.", no_args_is_help=True)


def _yes_no(value: bool | None) -> str:
    # A lenient answer may hold a non-boolean as received ('tak'): shown as sent, not read as yes.
    if not isinstance(value, bool):
        return "" if value is None else str(value)
    return "yes" if value else "no"


def _table(title: str, columns: list[str], rows: list[list[str]]) -> Table:
    """A table without the columns that are empty in every row (the API omits many fields)."""
    keep = [i for i, _ in enumerate(columns) if i < 3 or any(row[i] for row in rows)]
    table = Table(title=title, title_justify="left")
    for i in keep:
        table.add_column(columns[i], justify="right" if columns[i] in _NUMERIC else "left")
    for row in rows:
        table.add_row(*(Text(row[i]) for i in keep))
    return table


_NUMERIC = frozenset({"Records", "Done", "Order"})


async def _list(settings: Connection, stats: bool) -> Table:
    async with open_client(settings) as client:
        campaigns = await client.outbounds.list()
        counts = {s.id: s for s in await client.outbounds.stats.list()} if stats else {}
    columns = ["ID", "Name", "CRM", "Active", "Dialer", "Start", "End", "Order"]
    columns += ["Records", "Done"] if stats else []
    rows = []
    for campaign in campaigns:
        row = [
            campaign.id,
            campaign.name or "",
            _yes_no(campaign.crm),
            _yes_no(campaign.active),
            str(campaign.dialer or ""),
            str(campaign.start_date or ""),
            str(campaign.end_date or ""),
            "" if campaign.order is None else str(campaign.order),
        ]
        found = counts.get(campaign.id)
        if stats:
            row += (
                [f"{found.records_count:,}", f"{found.completion_percent:.0f} %"]
                if found
                else ["", ""]
            )
        rows.append(row)
    return _table(f"{len(campaigns)} campaigns", columns, rows)


@campaigns_app.command("list")
def list_campaigns(
    ctx: typer.Context,
    stats: Annotated[
        bool, typer.Option("--stats", help="Add record counts (active campaigns).")
    ] = False,
    base_url: BaseUrl = None,
    user: User = None,
    password: Password = None,
    fake: Fake = False,
    verbose: Verbose = False,
) -> None:
    """Every campaign of the account."""
    settings = connection(
        ctx, base_url=base_url, user=user, password=password, fake=fake, verbose=verbose
    )
    out.print(run(_list(settings, stats), verbose=settings.verbose))


async def _statuses(settings: Connection, campaign_id: str) -> Table:
    async with open_client(settings) as client:
        statuses = await client.outbounds.statuses.list(campaign_id)
    table = Table(title=f"Statuses of campaign {campaign_id}", title_justify="left")
    table.add_column("Status ID", justify="right")
    table.add_column("Name")
    table.add_column("System status")
    table.add_column("Dictionary ID", justify="right")
    for status in statuses:
        table.add_row(
            str(status.status_id),
            Text(status.name or ""),
            str(status.system_status),
            "" if status.dictionary_status_id is None else str(status.dictionary_status_id),
        )
    return table


@campaigns_app.command("statuses")
def campaign_statuses(
    ctx: typer.Context,
    campaign_id: Annotated[
        str,
        typer.Argument(metavar="ID", callback=normal_campaign_id, help="Campaign id, e.g. 00001."),
    ],
    base_url: BaseUrl = None,
    user: User = None,
    password: Password = None,
    fake: Fake = False,
    verbose: Verbose = False,
) -> None:
    """The record statuses of a campaign (the ids that records and set-status use)."""
    settings = connection(
        ctx, base_url=base_url, user=user, password=password, fake=fake, verbose=verbose
    )
    out.print(run(_statuses(settings, campaign_id), verbose=settings.verbose))
