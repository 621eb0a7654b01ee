"""``client.tickets.get_many``: many tickets by id, concurrently, every outcome reported."""

from __future__ import annotations

import httpx
import pytest
import respx
from anyio.lowlevel import checkpoint

import thulium_async as th
from tests.support import example, json_response
from thulium_async import errors
from thulium_async.models import GetManyItem, GetManyResult, Ticket

ERROR = {"request_id": "53678450401cf", "errors": [{"message": "Ticket not found.", "code": 1}]}


def _ticket_answers(missing: set[int], broken: set[int]) -> object:
    """A side effect answering GET tickets/{id}: the example ticket, a 404 or a 500."""

    def answer(request: httpx.Request) -> httpx.Response:
        ticket_id = int(request.url.path.rsplit("/", 1)[1])
        if ticket_id in missing:
            return json_response(ERROR, 404)
        if ticket_id in broken:
            return json_response(ERROR, 500)
        return json_response({**example("get_ticket"), "ticket_id": ticket_id})

    return answer


async def test_get_many_reports_every_id_in_input_order(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Found, missing (404) and failed (500) ids all come back, in the order asked, none raised."""
    route = router.get(path__regex=r"tickets/\d+$").mock(
        side_effect=_ticket_answers(missing={404}, broken={500})
    )
    result = await client.tickets.get_many([3, 404, 1, 500, 3, 2], concurrency=3)
    assert isinstance(result, GetManyResult)
    assert [item.id for item in result] == [3, 404, 1, 500, 3, 2]
    assert [item.ok for item in result] == [True, False, True, False, True, True]
    assert result.missing == [404]
    assert list(result.failed) == [500]
    assert isinstance(result.failed[500], errors.ServerError)
    assert sorted(result.found) == [1, 2, 3]
    assert all(isinstance(ticket, Ticket) for ticket in result.found.values())
    assert [ticket.ticket_id for ticket in result.values] == [3, 1, 3, 2]
    missing = result.items[1]
    assert isinstance(missing, GetManyItem)
    assert (missing.missing, missing.value) == (True, None)
    assert isinstance(missing.error, errors.NotFoundError)
    assert len(result) == 6
    assert route.call_count == 5  # the repeated 3 is fetched once


async def test_get_many_keeps_at_most_concurrency_requests_in_flight(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Twelve ids at concurrency 4: never more than four requests at once, and four reached."""
    in_flight = 0
    peak = 0

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        for _ in range(5):
            await checkpoint()  # let the other workers start theirs
        in_flight -= 1
        return json_response({**example("get_ticket"), "ticket_id": request.url.path[-2:]})

    router.get(path__regex=r"tickets/\d+$").mock(side_effect=answer)
    result = await client.tickets.get_many(range(10, 22), concurrency=4)
    assert peak == 4
    assert [ticket.ticket_id for ticket in result.values] == list(range(10, 22))


async def test_get_many_passes_include_custom_fields(
    router: respx.MockRouter, client: th.Client
) -> None:
    """The include_custom_fields switch reaches every request."""
    route = router.get(path__regex=r"tickets/\d+$").mock(
        side_effect=_ticket_answers(missing=set(), broken=set())
    )
    await client.tickets.get_many([7, 8], include_custom_fields=True)
    assert {call.request.url.params["include_custom_fields"] for call in route.calls} == {"true"}


async def test_get_many_stops_and_raises_on_wrong_credentials(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A 401 fails every id alike: the run stops and raises AuthenticationError itself."""
    router.get(path__regex=r"tickets/\d+$").mock(return_value=json_response(ERROR, 401))
    with pytest.raises(errors.AuthenticationError):
        await client.tickets.get_many(range(1, 50), concurrency=2)


async def test_get_many_of_nothing_sends_nothing(
    guard: respx.MockRouter, client: th.Client
) -> None:
    """An empty id list gives an empty result without a request."""
    result = await client.tickets.get_many([])
    assert (result.items, result.found, result.missing, result.failed) == ([], {}, [], {})
    assert guard.calls.call_count == 0
