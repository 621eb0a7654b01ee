"""``thulium records import | export | set-status``: the options, mapped onto the jobs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..models import SystemStatus
from ._errors import run
from ._export import ExportJob, run_export
from ._import import ImportJob, dry_run, run_import
from ._options import BaseUrl, CampaignId, Fake, Password, User, Verbose, connection
from ._rows import FileFormat, file_format
from ._set_status import Key, StatusJob, run_set_status

__all__ = ["records_app"]

records_app = typer.Typer(
    help="Campaign records in bulk: import a file, export a campaign, set statuses.",
    no_args_is_help=True,
)


def _in_a_directory(value: Path | None) -> Path | None:
    """Refuse an output path whose directory does not exist (before any work is done)."""
    if value is not None and str(value) != "-" and not value.absolute().parent.is_dir():
        raise typer.BadParameter(f"no directory {value.absolute().parent}")
    return value


InputFile = Annotated[
    Path,
    typer.Argument(
        exists=True, dir_okay=False, readable=True, show_default=False, help="The input file."
    ),
]
Concurrency = Annotated[
    int, typer.Option("--concurrency", min=1, max=256, help="Requests in flight at most.")
]
Rejects = Annotated[
    Path | None,
    typer.Option(
        "--rejects",
        help="Where rejected rows go (default: FILE.rejects.csv).",
        show_default=False,
        callback=_in_a_directory,
    ),
]
Format = Annotated[
    FileFormat | None,
    typer.Option(
        "--format", help="csv or jsonl (default: by the file name's extension).", show_default=False
    ),
]


def _rejects_path(file: Path, given: Path | None) -> Path:
    return given or file.with_name(file.name + ".rejects.csv")


@records_app.command("import")
def import_records(
    ctx: typer.Context,
    file: InputFile,
    campaign: CampaignId,
    crm: Annotated[
        bool, typer.Option("--crm", help="A CRM campaign: rows name a customer_id.")
    ] = False,
    fmt: Format = None,
    concurrency: Concurrency = 32,
    rate: Annotated[
        float | None,
        typer.Option("--rate", min=0.01, help="Requests per second at most.", show_default=False),
    ] = None,
    journal: Annotated[
        Path | None,
        typer.Option(
            "--journal",
            dir_okay=False,
            callback=_in_a_directory,
            help="A journal file: a rerun with the same journal skips the rows already done.",
            show_default=False,
        ),
    ] = None,
    dry_run_: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Check the rows (and the campaign's statuses, when connected); write nothing.",
        ),
    ] = False,
    rejects: Rejects = None,
    batch: Annotated[
        bool, typer.Option("--batch/--no-batch", help="Batch requests (100 rows) or one per row.")
    ] = True,
    update_repeats: Annotated[
        bool,
        typer.Option(
            "--update-repeats",
            help="Apply a row whose number came earlier in the file as an update of"
            " that record (default: reject it as repeating the earlier line).",
        ),
    ] = False,
    base_url: BaseUrl = None,
    user: User = None,
    password: Password = None,
    fake: Fake = False,
    verbose: Verbose = False,
) -> None:
    """Add the records of a CSV or JSON Lines file to a campaign.

    Columns (or keys) are NewRecord fields: [bold]phone_number[/bold] (required),
    status_id, dictionary_status_id, identifier, agent_login, next_call_date
    ("YYYY-MM-DD hh:mm"), order; any other column is a record field. With
    --crm: [bold]customer_id[/bold] (required), status_id, dictionary_status_id,
    agent_login, next_call_date, order. The file is streamed, never loaded
    whole. Rejected rows go to FILE.rejects.csv with the reason; the exit code
    is 1 when any row was rejected. A row whose number (customer) came earlier
    in the file is rejected as "repeats line N" unless --update-repeats.
    """
    settings = connection(
        ctx, base_url=base_url, user=user, password=password, fake=fake, verbose=verbose
    )
    job = ImportJob(
        file=file,
        fmt=file_format(file, fmt),
        campaign_id=campaign,
        crm=crm,
        rejects=_rejects_path(file, rejects),
        concurrency=concurrency,
        rate=rate,
        journal=journal,
        batch=batch,
        update_repeats=update_repeats,
    )
    work = dry_run(job, settings) if dry_run_ else run_import(job, settings)
    raise typer.Exit(run(work, verbose=settings.verbose))


@records_app.command("export")
def export_records(
    ctx: typer.Context,
    campaign: CampaignId,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
            callback=_in_a_directory,
            help="The file to write ('-': stdout).",
        ),
    ],
    fmt: Format = None,
    status: Annotated[
        list[SystemStatus] | None,
        typer.Option(
            "--status", help="Only records of this system status (repeatable).", show_default=False
        ),
    ] = None,
    status_id: Annotated[
        list[int] | None,
        typer.Option("--status-id", help="Only records of this status (repeatable).", min=1),
    ] = None,
    created_from: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    created_to: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    called_from: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    called_to: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    crm: Annotated[bool, typer.Option("--crm", help="A CRM campaign.")] = False,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, max=64, help="Pages fetched at once.")
    ] = 8,
    base_url: BaseUrl = None,
    user: User = None,
    password: Password = None,
    fake: Fake = False,
    verbose: Verbose = False,
) -> None:
    """Write a campaign's records to CSV or JSON Lines as the pages arrive."""
    settings = connection(
        ctx, base_url=base_url, user=user, password=password, fake=fake, verbose=verbose
    )
    dates = {
        name: value
        for name, value in (
            ("create_date_from", created_from),
            ("create_date_to", created_to),
            ("call_date_from", called_from),
            ("call_date_to", called_to),
        )
        if value is not None
    }
    job = ExportJob(
        campaign_id=campaign,
        output=output,
        fmt=file_format(output, fmt),
        crm=crm,
        system_status=list(status or ()),
        status_id=list(status_id or ()),
        dates=dates,
        concurrency=concurrency,
    )
    raise typer.Exit(run(run_export(job, settings), verbose=settings.verbose))


@records_app.command("set-status")
def set_status(
    ctx: typer.Context,
    file: InputFile,
    campaign: CampaignId,
    status_id: Annotated[
        int, typer.Option("--status-id", min=1, help="The status to give.", show_default=False)
    ],
    by: Annotated[
        Key | None,
        typer.Option(
            "--by", help="What the values are (default: the CSV column, else phone_number)."
        ),
    ] = None,
    agent_login: Annotated[
        str | None, typer.Option(help="For MY_RECORD statuses.", show_default=False)
    ] = None,
    next_call_date: Annotated[
        str | None,
        typer.Option(help="YYYY-MM-DD hh:mm, for MY_RECORD and CALL_NO_SOONER_THAN statuses."),
    ] = None,
    concurrency: Concurrency = 32,
    rejects: Rejects = None,
    base_url: BaseUrl = None,
    user: User = None,
    password: Password = None,
    fake: Fake = False,
    verbose: Verbose = False,
) -> None:
    """Give the records named in FILE a status (one value per line, or a CSV column)."""
    settings = connection(
        ctx, base_url=base_url, user=user, password=password, fake=fake, verbose=verbose
    )
    job = StatusJob(
        file=file,
        campaign_id=campaign,
        status_id=status_id,
        by=by,
        agent_login=agent_login,
        next_call_date=next_call_date,
        rejects=_rejects_path(file, rejects),
        concurrency=concurrency,
    )
    raise typer.Exit(run(run_set_status(job, settings), verbose=settings.verbose))
