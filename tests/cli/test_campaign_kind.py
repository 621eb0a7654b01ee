"""The CLI decides a campaign's kind when GET outbounds leaves ``crm`` out."""

from __future__ import annotations

import httpx
import pytest
import respx

from tests.support import make_client
from thulium_async.cli._connect import check_campaign
from thulium_async.cli._errors import USAGE, CliError

pytestmark = pytest.mark.anyio

NO_CRM = [{"id": "00003", "name": "CRM follow-up"}]


def _records(router: respx.MockRouter, rows: list[dict[str, object]]) -> respx.Route:
    return router.get("outbounds/00003/records").mock(
        return_value=httpx.Response(200, json={"count": len(rows), "result": rows})
    )


async def test_a_record_naming_a_customer_makes_it_a_crm_campaign(
    router: respx.MockRouter,
) -> None:
    """Without ``crm``, the first record's customer_id decides: --crm is then required."""
    router.get("outbounds").mock(return_value=httpx.Response(200, json=NO_CRM))
    route = _records(router, [{"record_id": 1, "phone_number": "111", "customer_id": 7}])
    async with make_client(strict_responses=False) as client:
        await check_campaign(client, "00003", crm=True)
        with pytest.raises(CliError, match="is a CRM campaign: add --crm") as caught:
            await check_campaign(client, "00003", crm=False)
    assert caught.value.code == USAGE
    assert route.calls.last.request.url.params["limit"] == "1"


async def test_a_record_without_a_customer_makes_it_a_regular_campaign(
    router: respx.MockRouter,
) -> None:
    """A crm value that is not a boolean ('tak') is not trusted either: the records decide."""
    router.get("outbounds").mock(
        return_value=httpx.Response(200, json=[{**NO_CRM[0], "crm": "tak"}])
    )
    _records(router, [{"record_id": 1, "phone_number": "111"}])
    async with make_client(strict_responses=False) as client:
        await check_campaign(client, "00003", crm=False)
        with pytest.raises(CliError, match="is not a CRM campaign: drop --crm"):
            await check_campaign(client, "00003", crm=True)


async def test_an_empty_campaign_of_unknown_kind_goes_by_the_flag_and_says_so(
    router: respx.MockRouter, capsys: pytest.CaptureFixture[str]
) -> None:
    """No crm and no records: the command line's --crm is taken, with a note on stderr."""
    router.get("outbounds").mock(return_value=httpx.Response(200, json=NO_CRM))
    _records(router, [])
    async with make_client(strict_responses=False) as client:
        await check_campaign(client, "00003", crm=True)
    assert "does not say whether it is a CRM campaign" in capsys.readouterr().err
