"""``client.chats.reports.summary``: the paginated report and ``collect`` over long ranges."""

from __future__ import annotations

import datetime as dt

import anyio
import httpx
import pytest
import respx

import thulium_async as th
from tests.support import assert_request, catalog_response, example, json_response, sent_query
from thulium_async import errors
from thulium_async.models import AggregateBy, ChatRates, ChatSummaryRow, Duration

PATH = "chats/reports/summary"


def _row(series: str, user: str = "John Doe") -> dict[str, object]:
    return {**example("get_chats_summary_report")[0], "series": series, "user_name": user}


def _bounds(request: httpx.Request) -> tuple[str, str]:
    params = request.url.params
    return params["date_from"], params["date_to"]


@pytest.mark.endpoint("get_chats_summary_report")
async def test_summary_sends_the_documented_query_and_parses_rows(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET chats/reports/summary carries the doc example's query; rows come back typed."""
    route = router.get(PATH).mock(return_value=catalog_response("get_chats_summary_report"))
    rows = await client.chats.reports.summary.list(
        user_logins=["jkowalski"],
        date_from=dt.date(2024, 11, 8),
        date_to="2024-12-08",
        aggregate_by=AggregateBy.DAY,
    ).to_list()
    assert_request(
        route.calls.last.request,
        "GET",
        PATH,
        query=[
            ("date_from", "2024-11-08"),
            ("date_to", "2024-12-08"),
            ("user_logins[]", "jkowalski"),
            ("aggregate_by", "day"),
            ("limit", "100"),
            ("offset", "0"),
        ],
    )
    [row] = rows
    assert isinstance(row, ChatSummaryRow)
    assert (row.series, row.user_name, row.incoming, row.answered) == ("2021-12", "John Doe", 1, 1)
    assert row.service_level_percent == 100.0
    assert isinstance(row.service_level_percent, float)
    assert row.chat_time is not None
    assert row.wait_time is not None
    assert row.chat_time.avg == "00:00:48"
    assert isinstance(row.chat_time.avg, Duration)
    assert row.chat_time.avg.timedelta == dt.timedelta(seconds=48)
    assert row.rating is not None
    assert row.rating.rate == ChatRates(sad=0, neutral=0, happy=0)


async def test_summary_sends_every_filter_in_wire_form(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Datetimes go out with seconds in Warsaw time; arrays repeat ``name[]``; flags are true."""
    route = router.get(PATH).mock(return_value=json_response([]))
    moment = dt.datetime(2019, 11, 1, 10, 12, tzinfo=dt.UTC)
    await client.chats.reports.summary.list(
        date_from=moment,
        date_to="2019-11-02 11:12:00",
        user_logins=["jankowalski", "anowak"],
        sum_users=True,
        aggregate_by="hour",
        chat_queue_ids=[1, 3],
        response_threshold=50,
    ).to_list()
    assert sent_query(route.calls.last.request) == [
        ("date_from", "2019-11-01 11:12:00"),
        ("date_to", "2019-11-02 11:12:00"),
        ("user_logins[]", "jankowalski"),
        ("user_logins[]", "anowak"),
        ("sum_users", "true"),
        ("aggregate_by", "hour"),
        ("chat_queue_ids[]", "1"),
        ("chat_queue_ids[]", "3"),
        ("response_threshold", "50"),
        ("limit", "100"),
        ("offset", "0"),
    ]


async def test_summary_pages_until_a_short_page(
    router: respx.MockRouter, client: th.Client
) -> None:
    """The plain-array answer has no count: pages are read one by one until a short one."""

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        size = 2 if offset < 4 else 1
        return json_response([_row(f"s{offset + n}") for n in range(size)])

    route = router.get(PATH).mock(side_effect=page)
    rows = await client.chats.reports.summary.list(
        date_from="2024-01-01", date_to="2024-01-31", page_size=2
    ).to_list()
    assert [row.series for row in rows] == ["s0", "s1", "s2", "s3", "s4"]
    assert [call.request.url.params["offset"] for call in route.calls] == ["0", "2", "4"]


async def test_collect_splits_at_month_starts_and_merges_in_range_order(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Three monthly requests run concurrently; rows come back by month even when answers don't."""
    last_answered = anyio.Event()

    async def answer(request: httpx.Request) -> httpx.Response:
        date_from, _ = _bounds(request)
        if date_from.startswith("2024-01"):
            await last_answered.wait()  # January answers after March
        if date_from.startswith("2024-03"):
            last_answered.set()
        month = date_from[:7]
        return json_response([_row(month, "Anna"), _row(month, "John")])

    route = router.get(PATH).mock(side_effect=answer)
    rows = await client.chats.reports.summary.collect(
        date_from=dt.date(2024, 1, 15), date_to="2024-03-10", user_logins="anowak"
    )
    assert [(row.series, row.user_name) for row in rows] == [
        ("2024-01", "Anna"),
        ("2024-01", "John"),
        ("2024-02", "Anna"),
        ("2024-02", "John"),
        ("2024-03", "Anna"),
        ("2024-03", "John"),
    ]
    assert sorted(_bounds(call.request) for call in route.calls) == [
        ("2024-01-15", "2024-01-31 23:59:59"),
        ("2024-02-01 00:00:00", "2024-02-29 23:59:59"),
        ("2024-03-01 00:00:00", "2024-03-10"),
    ]
    for call in route.calls:
        assert ("aggregate_by", "month") in sent_query(call.request)
        assert ("user_logins[]", "anowak") in sent_query(call.request)


async def test_collect_splits_weeks_on_mondays_and_pages_within_a_chunk(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Weekly rows split at Monday midnights; a chunk with a full page reads its next page."""

    def answer(request: httpx.Request) -> httpx.Response:
        date_from, _ = _bounds(request)
        offset = int(request.url.params["offset"])
        size = 100 if date_from.startswith("2024-01-08") and offset == 0 else 1
        return json_response([_row(f"{date_from[:10]}#{offset + n}") for n in range(size)])

    route = router.get(PATH).mock(side_effect=answer)
    rows = await client.chats.reports.summary.collect(
        date_from=dt.datetime(2024, 1, 3, 8, 30),
        date_to=dt.datetime(2024, 1, 20, 18, 0),
        aggregate_by="week",
        concurrency=2,
    )
    assert len(route.calls) == 4
    assert sorted({_bounds(call.request) for call in route.calls}) == [
        ("2024-01-03 08:30:00", "2024-01-07 23:59:59"),
        ("2024-01-08 00:00:00", "2024-01-14 23:59:59"),
        ("2024-01-15 00:00:00", "2024-01-20 18:00:00"),
    ]
    assert [row.series for row in rows] == [
        "2024-01-03#0",
        *[f"2024-01-08#{n}" for n in range(101)],
        "2024-01-15#0",
    ]


async def test_collect_inside_one_period_sends_the_bounds_as_given(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A range within one split period is a single request identical to list()'s."""
    route = router.get(PATH).mock(return_value=catalog_response("get_chats_summary_report"))
    rows = await client.chats.reports.summary.collect(
        date_from="2024-11-08", date_to="2024-11-30", aggregate_by="day"
    )
    assert len(rows) == 1
    assert _bounds(route.calls.last.request) == ("2024-11-08", "2024-11-30")


async def test_collect_without_a_split_sends_one_request(
    router: respx.MockRouter, client: th.Client
) -> None:
    """split=None keeps the range whole, even for hour_of_day rows."""
    route = router.get(PATH).mock(return_value=catalog_response("get_chats_summary_report"))
    rows = await client.chats.reports.summary.collect(
        date_from="2024-01-01", date_to="2024-12-31", aggregate_by="hour_of_day", split=None
    )
    assert len(rows) == 1
    assert _bounds(route.calls.last.request) == ("2024-01-01", "2024-12-31")


async def test_collect_raises_the_first_failure_itself(
    router: respx.MockRouter, client: th.Client
) -> None:
    """A failing chunk raises its own error (not an exception group) and stops the rest."""

    def answer(request: httpx.Request) -> httpx.Response:
        if _bounds(request)[0].startswith("2024-02"):
            return json_response({"errors": [{"message": "boom", "code": 1}]}, 500)
        return json_response([])

    router.get(PATH).mock(side_effect=answer)
    with pytest.raises(errors.ServerError):
        await client.chats.reports.summary.collect(date_from="2024-01-01", date_to="2024-03-31")


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"aggregate_by": "hour_of_day"}, "aggregate_by"),
        ({"aggregate_by": "week", "split": "month"}, "split"),
        ({"aggregate_by": "month", "split": "day"}, "split"),
        ({"split": "quarter"}, "split"),
        ({"date_to": "2023-12-31"}, "date_to"),
        ({"date_from": "2024/01/01"}, "date_from"),
        ({"concurrency": 0}, "concurrency"),
        ({"user_logins": [""]}, "user_logins[0]"),
        ({"chat_queue_ids": ["x"]}, "chat_queue_ids[0]"),
        ({"response_threshold": -1}, "response_threshold"),
    ],
)
async def test_collect_refuses_bad_input_before_any_request(
    guard: respx.MockRouter, client: th.Client, options: dict[str, object], field: str
) -> None:
    """Unsplittable aggregations, mismatched splits and bad filters raise InputError up front."""
    arguments: dict[str, object] = {"date_from": "2024-01-01", "date_to": "2024-03-31", **options}
    with pytest.raises(errors.InputError) as caught:
        await client.chats.reports.summary.collect(**arguments)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert guard.calls.call_count == 0


async def test_summary_list_requires_valid_dates(
    guard: respx.MockRouter, client: th.Client
) -> None:
    """list() checks both required dates and the aggregation before any request."""
    summary = client.chats.reports.summary
    with pytest.raises(errors.InputError) as caught:
        summary.list(date_from="2024-01-01", date_to="tomorrow")
    assert caught.value.field == "date_to"
    with pytest.raises(errors.InputError) as caught:
        summary.list(date_from="2024-01-01", date_to="2024-01-02", aggregate_by="fortnight")
    assert caught.value.field == "aggregate_by"
    assert guard.calls.call_count == 0
