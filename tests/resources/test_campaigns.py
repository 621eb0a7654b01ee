"""Area ``campaigns``: ``client.outbounds`` and its agents, statuses and stats sub-resources."""

from __future__ import annotations

import datetime as dt

import httpcore2
import httpx
import pytest
import respx

import thulium_async as th
from tests.support import (
    assert_wire_headers,
    catalog_response,
    make_client,
    request_example,
    sent_json,
    sent_query,
)
from thulium_async import errors
from thulium_async.models import (
    Campaign,
    CampaignAgent,
    CampaignStats,
    CampaignStatus,
    CreatedCampaign,
    Dialer,
    SystemStatus,
)


@pytest.mark.endpoint("list_campaigns")
async def test_list_campaigns_parses_the_catalog_example(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET outbounds with no query returns typed campaigns."""
    route = router.get("outbounds").mock(return_value=catalog_response("list_campaigns"))
    campaigns = await client.outbounds.list()
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.url.path == "/api/outbounds"
    assert sent_query(request) == []
    assert_wire_headers(request)
    assert campaigns == [Campaign(id="00002", name="API test", crm=True, order=100, parity=50)]
    assert type(campaigns[0].order) is int


@pytest.mark.endpoint("create_campaign")
async def test_create_campaign_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST outbounds carries exactly the doc's request example; both returned ids are parsed."""
    route = router.post("outbounds").mock(return_value=catalog_response("create_campaign"))
    created = await client.outbounds.create(
        id=9098,
        name="Some outbound name",
        start_date=dt.date(2015, 9, 10),
        end_date="2015-09-12",
        dialer="predictive",
        crm=True,
        parameters={"caller_id": "1234"},
    )
    request = route.calls.last.request
    assert request.method == "POST"
    assert_wire_headers(request, json_body=True)
    assert sent_json(request) == request_example("create_campaign")
    assert created == CreatedCampaign(id="09098", outbound_id=21)


@pytest.mark.endpoint("create_campaign")
async def test_create_campaign_sends_every_optional_field(
    router: respx.MockRouter, client: th.Client
) -> None:
    """active, order, parity, group_id and a Dialer member go out as JSON values."""
    route = router.post("outbounds").mock(return_value=catalog_response("create_campaign"))
    await client.outbounds.create(
        name="Sprzedaż",
        dialer=Dialer.PREVIEW,
        crm=False,
        active=False,
        order=99999,
        parity=1,
        group_id="15",
        parameters={"preview_timeout": 30, "predictive_max_calls": 2},
    )
    assert sent_json(route.calls.last.request) == {
        "name": "Sprzedaż",
        "dialer": "preview",
        "active": False,
        "order": 99999,
        "parity": 1,
        "parameters": {"preview_timeout": 30, "predictive_max_calls": 2},
        "group_id": 15,
        "crm": False,
    }


@pytest.mark.endpoint("update_campaign")
async def test_update_campaign_sends_only_the_given_fields(
    router: respx.MockRouter, client: th.Client
) -> None:
    """PUT outbounds/{id} carries the doc's request example and returns None on 204."""
    route = router.put("outbounds/00001").mock(return_value=catalog_response("update_campaign"))
    result = await client.outbounds.update(
        1, name="Some new name", active=True, parameters={"caller_id": "1234"}
    )
    request = route.calls.last.request
    assert result is None
    assert request.method == "PUT"
    assert_wire_headers(request, json_body=True)
    assert sent_json(request) == request_example("update_campaign")


@pytest.mark.endpoint("delete_campaign")
@pytest.mark.parametrize(
    ("delete_recordings", "query"),
    [(False, []), (True, [("delete_recordings", "true")])],
)
async def test_delete_campaign(
    router: respx.MockRouter,
    client: th.Client,
    delete_recordings: bool,
    query: list[tuple[str, str]],
) -> None:
    """DELETE outbounds/{id} sends delete_recordings=true only when asked, and no body."""
    route = router.delete("outbounds/00012").mock(return_value=catalog_response("delete_campaign"))
    assert await client.outbounds.delete("00012", delete_recordings=delete_recordings) is None
    request = route.calls.last.request
    assert sent_query(request) == query
    assert_wire_headers(request)


@pytest.mark.endpoint("clone_campaign")
async def test_clone_campaign_sends_the_documented_body(
    router: respx.MockRouter, client: th.Client
) -> None:
    """POST outbounds/{id}/clone carries the doc's example and returns the new id."""
    route = router.post("outbounds/00001/clone").mock(
        return_value=catalog_response("clone_campaign")
    )
    new_id = await client.outbounds.clone(
        "00001",
        new_id="77744",
        name="New cloned outbound",
        start_date="2015-09-10",
        end_date=dt.datetime(2015, 9, 12, 23, 59),
        parameters={"caller_id": "1234"},
    )
    request = route.calls.last.request
    assert_wire_headers(request, json_body=True)
    assert sent_json(request) == request_example("clone_campaign")
    assert new_id == "77744"


@pytest.mark.parametrize(
    ("method", "endpoint"),
    [
        pytest.param(method, endpoint, marks=pytest.mark.endpoint(endpoint), id=method)
        for method, endpoint in [
            ("add_agents", "add_campaign_agents"),
            ("remove_agents", "remove_campaign_agents"),
            ("set_agents", "set_campaign_agents"),
        ]
    ],
)
async def test_agent_actions_send_the_logins(
    router: respx.MockRouter, client: th.Client, method: str, endpoint: str
) -> None:
    """add/remove/set_agents POST {"logins": [...]} and accept the empty answer."""
    route = router.post(f"outbounds/00001/{method}").mock(return_value=catalog_response(endpoint))
    call = getattr(client.outbounds, method)
    assert await call("00001", ("anowak", "jkowalski")) is None
    request = route.calls.last.request
    assert request.method == "POST"
    assert_wire_headers(request, json_body=True)
    assert sent_json(request) == request_example(endpoint)


async def test_agent_actions_are_repeated_after_a_lost_answer(router: respx.MockRouter) -> None:
    """Setting membership is idempotent: a POST whose answer was lost is sent again."""
    route = router.post("outbounds/00001/set_agents").mock(
        side_effect=[httpcore2.ReadError("lost"), httpx.Response(201)]
    )
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        await client.outbounds.set_agents("00001", ["anowak"])
    assert route.call_count == 2


@pytest.mark.endpoint("list_campaign_agents")
async def test_list_agents_keeps_number_a_string(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET outbounds/{id}/agents parses agents; number stays the string the endpoint sends."""
    route = router.get("outbounds/00001/agents").mock(
        return_value=catalog_response("list_campaign_agents")
    )
    agents = await client.outbounds.agents.list("00001")
    assert_wire_headers(route.calls.last.request)
    assert agents == [
        CampaignAgent(
            login="jkowalski", number="3113", active=True, active_in_outbound=True, agent_id=12
        ),
        CampaignAgent(
            login="anowak", number="3422", active=False, active_in_outbound=False, agent_id=43
        ),
    ]


@pytest.mark.endpoint("list_campaign_statuses")
async def test_list_statuses_turns_string_ids_into_ints(
    router: respx.MockRouter, client: th.Client
) -> None:
    """status_id "3" becomes 3, null dictionary ids None and system_status an enum member."""
    route = router.get("outbounds/00001/statuses").mock(
        return_value=catalog_response("list_campaign_statuses")
    )
    statuses = await client.outbounds.statuses.list(1)
    assert route.calls.last.request.url.path == "/api/outbounds/00001/statuses"
    assert statuses == [
        CampaignStatus(
            status_id=3, name="Contact needed", system_status="CALL", dictionary_status_id=2
        ),
        CampaignStatus(
            status_id=4, name="Not interested", system_status="NO_CALL", dictionary_status_id=None
        ),
    ]
    assert statuses[0].system_status is SystemStatus.CALL
    assert type(statuses[0].status_id) is int


@pytest.mark.endpoint("list_active_campaign_stats")
async def test_active_campaign_stats_send_no_id(
    router: respx.MockRouter, client: th.Client
) -> None:
    """GET outbounds/stats sends no id (the doc's required id is a doc bug); percents are floats."""
    route = router.get("outbounds/stats").mock(
        return_value=catalog_response("list_active_campaign_stats")
    )
    stats = await client.outbounds.stats.list()
    request = route.calls.last.request
    assert request.url.path == "/api/outbounds/stats"
    assert sent_query(request) == []
    assert_wire_headers(request)
    assert stats == [
        CampaignStats(id="00001", records_count=1324, completion_percent=14.87),
        CampaignStats(id="00002", records_count=20, completion_percent=23.0),
    ]
    assert type(stats[1].completion_percent) is float


@pytest.mark.endpoint("get_campaign_stats")
async def test_campaign_stats_of_one_campaign(router: respx.MockRouter, client: th.Client) -> None:
    """GET outbounds/{id}/stats returns one CampaignStats."""
    route = router.get("outbounds/00001/stats").mock(
        return_value=catalog_response("get_campaign_stats")
    )
    stats = await client.outbounds.stats.get(1)
    assert_wire_headers(route.calls.last.request)
    assert stats == CampaignStats(id="00001", records_count=1324, completion_percent=14.87)


async def test_create_campaign_is_not_retried_on_500(router: respx.MockRouter) -> None:
    """A 500 on POST outbounds may have created the campaign, so it is not repeated."""
    route = router.post("outbounds").respond(500, json={"request_id": "r5", "errors": []})
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        with pytest.raises(errors.ServerError) as caught:
            await client.outbounds.create(name="x", dialer="preview", crm=False)
    assert route.call_count == 1
    assert caught.value.request_id == "r5"


async def test_create_campaign_is_not_retried_after_a_lost_answer(
    router: respx.MockRouter,
) -> None:
    """A POST outbounds whose answer was lost is not repeated (a second campaign could appear)."""
    route = router.post("outbounds").mock(side_effect=httpcore2.ReadError("lost"))
    async with make_client(retry=th.RetryPolicy.no_wait()) as client:
        with pytest.raises(errors.TransportError) as caught:
            await client.outbounds.create(name="x", dialer="preview", crm=False)
    assert route.call_count == 1
    assert caught.value.reached_server is None


async def test_polish_language_header(router: respx.MockRouter) -> None:
    """language="pl" adds Accept-Language: pl to every request."""
    route = router.get("outbounds").mock(return_value=catalog_response("list_campaigns"))
    async with make_client(language="pl", user_agent="crm-sync/2") as client:
        await client.outbounds.list()
    request = route.calls.last.request
    assert_wire_headers(request, language="pl")
    assert request.headers["user-agent"].endswith(" crm-sync/2")
