"""Opening a client: to a real account, or to an in-process fake (``--fake``)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from .._client import Client
from .._config import RateLimit
from ._console import err
from ._errors import FAILED, USAGE, CliError
from ._options import Connection

__all__ = ["check_campaign", "open_client", "sample_fake"]

#: What ``--fake`` holds: (id, name, crm, records).
SAMPLE_CAMPAIGNS = (
    ("00001", "Spring promotion", False, 250),
    ("00002", "Win-back", False, 120),
    ("00003", "CRM follow-up", True, 40),
)
SPARE_CUSTOMERS = 60  # CRM customers in no campaign yet, for imports into 00003


def sample_fake() -> Any:
    """A FakeThulium with two regular campaigns, a CRM one, agents and spare customers."""
    from thulium_async.testing import FakeThulium

    fake = FakeThulium()
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski", number=3113)
    fake.add_agent("anowak", name="Anna", surname="Nowak", number=3422)
    for campaign_id, name, crm, records in SAMPLE_CAMPAIGNS:
        fake.add_campaign(campaign_id, name=name, crm=crm, agents=("jkowalski",))
        fake.seed_records(campaign_id, records)
    for index in range(SPARE_CUSTOMERS):
        fake.add_customer(name="Klient", surname=f"Nr {index + 1}")
    return fake


@contextlib.asynccontextmanager
async def open_client(
    settings: Connection, *, rate_limit: RateLimit | None = None
) -> AsyncIterator[Client]:
    """A client for ``settings``; with ``fake``, one wired to a fresh sample fake."""
    if settings.fake:
        async with sample_fake().client(rate_limit=rate_limit) as client:
            yield client
        return
    missing = [
        flag
        for flag, value in (
            ("--base-url (THULIUM_BASE_URL)", settings.base_url),
            ("--user (THULIUM_USER)", settings.user),
            ("--password (THULIUM_PASSWORD)", settings.password),
        )
        if not value
    ]
    if missing:
        raise CliError(f"no connection settings: set {', '.join(missing)}, or try --fake", USAGE)
    auth = (str(settings.user), str(settings.password))
    async with Client(str(settings.base_url), auth=auth, rate_limit=rate_limit) as client:
        yield client


async def check_campaign(client: Client, campaign_id: str, *, crm: bool) -> None:
    """Refuse a campaign that does not exist (exit 1) or is of the other kind (exit 2).

    The kind is ``crm`` from ``GET outbounds``. Some accounts leave it out (or
    send a value that is not a boolean, kept as received by the lenient
    client); the records then tell: a CRM campaign's record carries its
    ``customer_id``. A campaign that says neither (no ``crm``, no records) is
    taken to be of the kind the command line says (``--crm`` or not), with a
    note on stderr, because refusing would leave the user no way forward.
    """
    found = {c.id: c for c in await client.outbounds.list()}.get(campaign_id)
    if found is None:
        raise CliError(f"no campaign {campaign_id} (thulium campaigns list shows them)", FAILED)
    is_crm = found.crm if isinstance(found.crm, bool) else await _crm_by_records(client, found.id)
    if is_crm is None:
        err.print(
            f"note: campaign {campaign_id} does not say whether it is a CRM campaign "
            f"(no 'crm' in GET outbounds, no records to tell by); "
            f"taking it as {'a CRM' if crm else 'a regular'} campaign, as "
            f"{'--crm' if crm else 'the absence of --crm'} says"
        )
        return
    if is_crm and not crm:
        raise CliError(f"campaign {campaign_id} is a CRM campaign: add --crm", USAGE)
    if crm and not is_crm:
        raise CliError(f"campaign {campaign_id} is not a CRM campaign: drop --crm", USAGE)


async def _crm_by_records(client: Client, campaign_id: str) -> bool | None:
    """True when the campaign's first record names a CRM customer; None with no records."""
    async for record in client.outbounds.records.list(campaign_id, page_size=1, max_items=1):
        return record.raw.get("customer_id") not in (None, "")
    return None
