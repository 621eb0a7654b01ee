"""agents, agents_groups, agents_statuses: the request on the wire and the parsed answer."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
import respx

import thulium_async as th
from tests.support import WARSAW, assert_request, catalog_response, is_warsaw
from thulium_async.models import (
    Agent,
    AgentGroup,
    AgentState,
    AgentStatus,
    CreatedAgent,
    OutboundMode,
    QueueCall,
)

LOGIN = "jkowalski"


@pytest.mark.endpoint("list_agents")
async def test_list_agents(router: respx.MockRouter, client: th.Client) -> None:
    """GET agents: the Automat entry's empty strings become None, numbers become strings."""
    route = router.get("agents").mock(return_value=catalog_response("list_agents"))
    agents = await client.agents.list()
    assert_request(route.calls.last.request, "list_agents", "agents")
    automat, jan = agents
    assert automat == Agent(
        agent_id=1, name="Automat", surname="Automat", outbound_mode=OutboundMode.MANUAL
    )
    assert automat.login is None
    assert automat.active is None
    assert automat.group_id is None
    assert jan.login == "janko"
    assert jan.number == "559933"
    assert jan.active is True
    assert jan.outbound_mode is OutboundMode.AUTOMATIC
    assert jan.group_id == 3


@pytest.mark.endpoint("get_agent")
async def test_get_agent(router: respx.MockRouter, client: th.Client) -> None:
    """GET agents/{login}: one agent, typed."""
    route = router.get(f"agents/{LOGIN}").mock(return_value=catalog_response("get_agent"))
    agent = await client.agents.get(LOGIN)
    assert_request(route.calls.last.request, "get_agent", f"agents/{LOGIN}")
    assert isinstance(agent, Agent)
    assert (agent.agent_id, agent.login, agent.email) == (1, LOGIN, "jan.kowalski@example.org")
    assert agent.number == "559933"
    assert agent.group_id == 3


@pytest.mark.endpoint("get_agent_status")
async def test_get_agent_status(router: respx.MockRouter, client: th.Client) -> None:
    """GET agents/{login}/status: state enum, pause id, an aware last_change with seconds."""
    route = router.get(f"agents/{LOGIN}/status").mock(
        return_value=catalog_response("get_agent_status")
    )
    status = await client.agents.status.get(LOGIN)
    assert_request(route.calls.last.request, "get_agent_status", f"agents/{LOGIN}/status")
    assert status.status is AgentState.PAUSED
    assert status.pause_id == 1
    assert status.last_change == dt.datetime(2014, 10, 24, 10, 30, 44, tzinfo=WARSAW)
    assert is_warsaw(status.last_change)


@pytest.mark.endpoint("get_agent_last_queue_call")
async def test_get_agent_last_queue_call(router: respx.MockRouter, client: th.Client) -> None:
    """GET agents/{login}/last_queue_call: connection_id stays a string, dates are aware."""
    route = router.get(f"agents/{LOGIN}/last_queue_call").mock(
        return_value=catalog_response("get_agent_last_queue_call")
    )
    call = await client.agents.last_queue_call.get(LOGIN)
    assert_request(
        route.calls.last.request, "get_agent_last_queue_call", f"agents/{LOGIN}/last_queue_call"
    )
    assert isinstance(call, QueueCall)
    assert call.connection_id == "1563281993.1"
    assert call.customer_id == 123
    assert call.answered_date == dt.datetime(2019, 7, 16, 14, 59, 59, tzinfo=WARSAW)
    assert all(is_warsaw(d) for d in (call.start_date, call.answered_date, call.end_date))


@pytest.mark.parametrize("body", [b"", b"{}", b"[]"])
async def test_last_queue_call_none_when_empty(
    router: respx.MockRouter, client: th.Client, body: bytes
) -> None:
    """An empty answer (no call in the last 24 hours) is None, not an error."""
    router.get(f"agents/{LOGIN}/last_queue_call").respond(200, content=body)
    assert await client.agents.last_queue_call.get(LOGIN) is None


@pytest.mark.endpoint("list_agent_groups")
async def test_list_agent_groups(router: respx.MockRouter, client: th.Client) -> None:
    """GET agents_groups: a plain list of groups."""
    route = router.get("agents_groups").mock(return_value=catalog_response("list_agent_groups"))
    groups = await client.agents_groups.list()
    assert_request(route.calls.last.request, "list_agent_groups", "agents_groups")
    assert groups == [
        AgentGroup(group_id=1, name="First group"),
        AgentGroup(group_id=2, name="Second group"),
    ]


@pytest.mark.endpoint("list_agent_statuses")
async def test_list_agent_statuses(router: respx.MockRouter, client: th.Client) -> None:
    """GET agents_statuses?include_logged_off=true: every agent's state."""
    route = router.get("agents_statuses").mock(return_value=catalog_response("list_agent_statuses"))
    statuses = await client.agents_statuses.list(include_logged_off=True)
    assert_request(
        route.calls.last.request,
        "list_agent_statuses",
        "agents_statuses",
        query=[("include_logged_off", "true")],
    )
    assert [s.login for s in statuses] == ["jkowalski", "jjanowski"]
    assert all(isinstance(s, AgentStatus) and is_warsaw(s.last_change) for s in statuses)


async def test_list_agent_statuses_sends_no_flag_by_default(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Without include_logged_off the query string is empty (the API's default applies)."""
    route = router.get("agents_statuses").respond(200, json=[])
    assert await client.agents_statuses.list() == []
    assert route.calls.last.request.url.query == b""


@pytest.mark.endpoint("create_agent")
async def test_create_agent(router: respx.MockRouter, client: th.Client) -> None:
    """POST agents: the documented body; agent_id "11" comes back as an int."""
    route = router.post("agents").mock(return_value=catalog_response("create_agent"))
    created = await client.agents.create(
        name="Jan",
        surname="Kowalski",
        login=LOGIN,
        password="somepass123!QAZ",
        number=345,
        email="jk@foo.bar",
        change_password=False,
        callerid="J.Kowalski",
        language="en",
        active=True,
        outbound_mode="automatic",
        roles=[1, "2"],
    )
    assert_request(
        route.calls.last.request,
        "create_agent",
        "agents",
        body={
            "name": "Jan",
            "surname": "Kowalski",
            "login": LOGIN,
            "password": "somepass123!QAZ",
            "number": "345",
            "email": "jk@foo.bar",
            "change_password": False,
            "callerid": "J.Kowalski",
            "language": "en",
            "active": True,
            "outbound_mode": "auto",
            "roles": [1, 2],
        },
    )
    assert created == CreatedAgent(agent_id=11, agent_login=LOGIN)


NO_BODY_ACTIONS = [
    ("answer_agent_call", "answer", "answer"),
    ("agent_call_preview", "call_preview", "call_preview"),
    ("agent_unpause", "free", "free"),
    ("agent_hangup", "hangup", "hangup"),
    ("agent_hold", "hold", "hold"),
    ("agent_unhold", "unhold", "unhold"),
    ("agent_login", "login", "login"),
    ("agent_logout", "logout", "logout"),
    ("agent_mute", "mute", "mute"),
    ("agent_unmute", "unmute", "unmute"),
    ("agent_stop_recording", "stop_recording", "stop_recording"),
]


@pytest.mark.parametrize(
    ("name", "method", "word"),
    [
        pytest.param(*case, marks=pytest.mark.endpoint(case[0]), id=case[1])
        for case in NO_BODY_ACTIONS
    ],
)
async def test_agent_action_without_parameters(
    router: respx.MockRouter, client: th.Client, name: str, method: str, word: str
) -> None:
    """POST agents/{login}/<action> with an empty body; the empty 201 answer is success."""
    route = router.post(f"agents/{LOGIN}/{word}").mock(return_value=catalog_response(name))
    assert await getattr(client.agents, method)(LOGIN) is None
    assert_request(route.calls.last.request, name, f"agents/{LOGIN}/{word}")


@pytest.mark.endpoint("agent_call")
async def test_agent_call(router: respx.MockRouter, client: th.Client) -> None:
    """POST agents/{login}/call: number, campaign, customer, caller id and custom data."""
    route = router.post(f"agents/{LOGIN}/call").mock(return_value=catalog_response("agent_call"))
    await client.agents.call(
        LOGIN,
        phone_number="111222333",
        outbound_id=1,
        customer_id="321",
        caller_id="321",
        custom_data={"example": "json"},
    )
    assert_request(
        route.calls.last.request,
        "agent_call",
        f"agents/{LOGIN}/call",
        body={
            "phone_number": "111222333",
            "outbound_id": "00001",
            "customer_id": 321,
            "caller_id": "321",
            "custom_data": {"example": "json"},
        },
    )


async def test_agent_call_by_customer_only(router: respx.MockRouter, client: th.Client) -> None:
    """customer_id alone is enough (its main number is dialled); custom_data may be text."""
    route = router.post(f"agents/{LOGIN}/call").respond(201)
    await client.agents.call(LOGIN, customer_id=321, custom_data="ticket-9")
    assert_request(
        route.calls.last.request,
        "agent_call",
        f"agents/{LOGIN}/call",
        body={"customer_id": 321, "custom_data": "ticket-9"},
    )


@pytest.mark.endpoint("agent_pause")
async def test_agent_pause(router: respx.MockRouter, client: th.Client) -> None:
    """POST agents/{login}/pause: pause_id goes out as a JSON number (digit strings accepted)."""
    route = router.post(f"agents/{LOGIN}/pause").mock(return_value=catalog_response("agent_pause"))
    await client.agents.pause(LOGIN, pause_id="1")
    assert_request(
        route.calls.last.request, "agent_pause", f"agents/{LOGIN}/pause", body={"pause_id": 1}
    )


@pytest.mark.endpoint("agent_transfer")
async def test_agent_transfer(router: respx.MockRouter, client: th.Client) -> None:
    """POST agents/{login}/transfer: the required destination is sent."""
    route = router.post(f"agents/{LOGIN}/transfer").mock(
        return_value=catalog_response("agent_transfer")
    )
    await client.agents.transfer(LOGIN, destination="999888777")
    assert_request(
        route.calls.last.request,
        "agent_transfer",
        f"agents/{LOGIN}/transfer",
        body={"destination": "999888777"},
    )


async def test_actions_are_not_retried_after_an_ambiguous_failure(router: respx.MockRouter) -> None:
    """A 503 on pause is raised after one attempt, retries on: a repeat is not provably harmless."""
    route = router.post(f"agents/{LOGIN}/pause").respond(503)
    retry = th.RetryPolicy(max_attempts=3, initial_delay=0.001, max_delay=0.001)
    async with th.Client(
        "https://acme.thulium.com/api", auth=("api_user", "api_pass"), retry=retry
    ) as client:
        with pytest.raises(th.errors.ServerError):
            await client.agents.pause(LOGIN, pause_id=1)
    assert route.call_count == 1


async def test_login_with_a_dot_goes_into_the_path(
    router: respx.MockRouter, client: th.Client
) -> None:
    """Logins such as "jan.kowalski" are path segments as they are."""
    route = router.get("agents/jan.kowalski").respond(
        200, json={"agent_id": 5, "login": "jan.kowalski"}
    )
    agent = await client.agents.get("jan.kowalski")
    assert agent.login == "jan.kowalski"
    assert route.calls.last.request.url.raw_path == b"/api/agents/jan.kowalski"


async def test_unexpected_shape_is_a_decode_error(
    router: respx.MockRouter, client: th.Client
) -> None:
    """An agent without agent_id is a DecodeError naming the field."""
    router.get(f"agents/{LOGIN}").mock(return_value=httpx.Response(200, json={"login": LOGIN}))
    with pytest.raises(th.errors.DecodeError, match="agent_id"):
        await client.agents.get(LOGIN)
