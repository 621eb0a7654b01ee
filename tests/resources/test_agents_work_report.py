"""agents_work_report: the wire form, the parsed row, paging, and collect's split and merge."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import WARSAW, assert_request, catalog_response, example, is_warsaw, sent_query
from thulium_async.models import Duration, WorkReportRow


@pytest.mark.endpoint("get_agents_work_report")
async def test_work_report_request_and_row(router: respx.MockRouter, client: th.Client) -> None:
    """The documented request (logins[], dates, aggregate_by) and a fully typed row."""
    route = router.get("agents_work_report").mock(
        return_value=catalog_response("get_agents_work_report")
    )
    rows = await client.agents_work_report.list(
        agent_logins=["jkowalski", "anowak"],
        agent_group_ids=[2, 3],
        date_from=dt.date(2024, 11, 8),
        date_to="2024-12-08",
        aggregate_by="day",
        queues_ids=[1, 3],
        outbound_threshold=10,
    ).to_list()
    assert_request(
        route.calls.last.request,
        "get_agents_work_report",
        "agents_work_report",
        query=[
            ("agent_logins[]", "jkowalski"),
            ("agent_logins[]", "anowak"),
            ("agent_group_ids[]", "2"),
            ("agent_group_ids[]", "3"),
            ("date_from", "2024-11-08"),
            ("date_to", "2024-12-08"),
            ("aggregate_by", "day"),
            ("queues_ids[]", "1"),
            ("queues_ids[]", "3"),
            ("outbound_threshold", "10"),
            ("limit", "100"),
            ("offset", "0"),
        ],
    )
    [row] = rows
    assert isinstance(row, WorkReportRow)
    assert row.agent.login == "jkowalski"
    assert row.period == "2019-12"
    assert row.inbound is not None
    assert row.inbound.sum == "00:00:00"
    assert isinstance(row.inbound.sum, Duration)
    assert row.inbound.wait_sum == "0"
    assert row.ticket is not None
    assert row.ticket.total_responded == 0
    assert row.login_date == dt.datetime(2019, 12, 1, 9, 0, 18, tzinfo=WARSAW)
    assert is_warsaw(row.logout_date)
    assert [pause.id for pause in row.pauses] == ["all", "free", "0", "1"]
    assert row.pauses[2].average is None


def test_duration_converts_on_demand() -> None:
    """Durations stay strings; hours past 24 and bare seconds convert to timedelta."""
    assert Duration("123:33:44").timedelta == dt.timedelta(hours=123, minutes=33, seconds=44)
    assert Duration("0").seconds == 0
    assert Duration("75").seconds == 75
    with pytest.raises(ValueError, match="hh:mm:ss"):
        _ = Duration("soon").seconds


async def test_datetimes_go_out_with_seconds(router: respx.MockRouter, client: th.Client) -> None:
    """Datetime bounds are sent as 'YYYY-MM-DD hh:mm:ss' in the account's zone."""
    route = router.get("agents_work_report").respond(200, json=[])
    utc = dt.UTC
    await client.agents_work_report.list(
        agent_group_ids=[2],
        date_from=dt.datetime(2019, 11, 1, 10, 12, tzinfo=utc),
        date_to=dt.datetime(2019, 11, 2, 11, 12, 5),
    ).to_list()
    query = dict(sent_query(route.calls.last.request))
    assert query["date_from"] == "2019-11-01 11:12:00"
    assert query["date_to"] == "2019-11-02 11:12:05"


def _row(login: str, period: str) -> dict[str, Any]:
    row = copy.deepcopy(example("get_agents_work_report")[0])
    row["agent"]["login"] = login
    row["period"] = period
    return row


async def test_plain_array_pages_until_a_short_page(
    router: respx.MockRouter, client: th.Client
) -> None:
    """No count in the answer: pages are read one by one until one comes back short."""
    pages = {0: [_row("a", "1"), _row("a", "2")], 2: [_row("a", "3")]}

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        return httpx.Response(200, json=pages[offset])

    route = router.get("agents_work_report").mock(side_effect=answer)
    rows = await client.agents_work_report.list(
        agent_logins=["a"], date_from="2024-01-01", date_to="2024-01-02", page_size=2
    ).to_list()
    assert [row.period for row in rows] == ["1", "2", "3"]
    assert [dict(sent_query(call.request))["offset"] for call in route.calls] == ["0", "2"]
    assert all(dict(sent_query(call.request))["limit"] == "2" for call in route.calls)


async def test_collect_splits_and_merges_deterministically(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Three days x two login groups = six requests; rows come back per login, then per day."""
    seen: list[tuple[tuple[str, ...], str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        query = sent_query(request)
        logins = tuple(value for name, value in query if name == "agent_logins[]")
        params = dict(query)
        seen.append((logins, params["date_from"], params["date_to"]))
        day = params["date_from"][:10]
        # The server answers the group's logins in reverse order: the merge must not care.
        return httpx.Response(200, json=[_row(login, day) for login in reversed(logins)])

    router.get("agents_work_report").mock(side_effect=answer)
    rows = await client.agents_work_report.collect(
        date_from=dt.date(2024, 5, 6),
        date_to=dt.date(2024, 5, 8),
        logins=["zofia", "adam", "ewa", "zofia"],
        logins_per_request=2,
        concurrency=4,
    )
    assert sorted(seen) == sorted(
        (group, f"2024-05-0{day} 00:00:00", f"2024-05-0{day} 23:59:59")
        for group in (("zofia", "adam"), ("ewa",))
        for day in (6, 7, 8)
    )
    assert [(row.agent.login, row.period) for row in rows] == [
        (login, f"2024-05-0{day}") for login in ("zofia", "adam", "ewa") for day in (6, 7, 8)
    ]
    assert all(dict(sent_query(call.request))["aggregate_by"] == "day" for call in router.calls)


async def test_collect_without_split_pages_each_group_fully(
    router: respx.MockRouter, client: th.Client
) -> None:
    """split=None: one paginated scan per login group over the whole range, any aggregate_by."""

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        login = request.url.params["agent_logins[]"]
        rows = [_row(login, str(offset + i)) for i in range(100 if offset == 0 else 1)]
        return httpx.Response(200, json=rows)

    route = router.get("agents_work_report").mock(side_effect=answer)
    rows = await client.agents_work_report.collect(
        date_from=dt.datetime(2024, 1, 1, 8, 0),
        date_to=dt.datetime(2024, 12, 31, 18, 0),
        logins=["b", "a"],
        split=None,
        aggregate_by="month",
        logins_per_request=1,
    )
    assert route.call_count == 4
    assert [row.agent.login for row in rows] == ["b"] * 101 + ["a"] * 101
    assert rows[100].period == "100"
    first = dict(sent_query(route.calls[0].request))
    assert (first["date_from"], first["date_to"]) == ("2024-01-01 08:00:00", "2024-12-31 18:00:00")


async def test_collect_raises_the_first_error_itself(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A failing piece cancels the rest and its APIError is raised unwrapped."""
    router.get("agents_work_report").respond(403, json={"errors": [{"message": "denied"}]})
    with pytest.raises(th.errors.PermissionDeniedError, match="denied"):
        await client.agents_work_report.collect(
            date_from="2024-05-01", date_to="2024-05-03", logins=["a"], concurrency=1
        )
