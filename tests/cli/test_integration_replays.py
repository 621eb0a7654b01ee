"""Request sequences shaped like public Thulium integrations', against ``thulium fake-server``.

Eight third-party integrations (PHP, TypeScript, Node, Python) were replayed
against the fake; these sequences are written by us from the shapes of their
traffic: the endpoints they call, the undocumented parameters they send
(``page``, ``per_page``, ``q``, ``status``, ``queue_id``, ``external_id``),
dates with seconds, and URIs the API does not have. The fake must answer as
Thulium would: never 501, 404 for unknown URIs, seconds accepted, unknown
parameters ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx2
import pytest

from tests.cli.support import served_process

AUTH = ("api_user", "api_pass")
DAY = {"date_from": "2026-12-05 00:00:00", "date_to": "2026-12-06 23:59:59"}

# integration -> [(method, path, query, json body, the status Thulium would give)]
SEQUENCES: dict[str, list[tuple[str, str, dict[str, Any], Any, int]]] = {
    "php-sdk": [
        ("GET", "agents", {}, None, 200),
        ("GET", "agents_statuses", {}, None, 200),
        ("GET", "queues", {}, None, 200),
        ("GET", "connections", {**DAY, "page": "1", "per_page": "50"}, None, 200),
    ],
    "typescript-crm-bridge": [
        ("GET", "customers", {"q": "Kowalski", "limit": "10"}, None, 200),
        ("POST", "customers", {}, {"name": "Jan", "surname": "Kowalski"}, 201),
        ("GET", "customer_field_groups", {}, None, 200),
        ("GET", "customer_field_group_items", {"customer_id": "1"}, None, 200),
        (
            "PUT",
            "customer_field_group_items/99",
            {},
            {"values": [{"field_id": 1, "value": "x"}]},
            404,
        ),
        ("DELETE", "customer_field_group_items/99", {}, None, 404),
    ],
    "vendor-website-widget": [
        ("GET", "queues", {}, None, 200),
        ("GET", "queues/1/waiting_stats", {}, None, 404),  # the sample account has no queue 1
    ],
    "python-reports": [
        ("GET", "connections", {**DAY, "limit": "100", "offset": "0"}, None, 200),
        ("GET", "recordings", DAY, None, 200),
        ("GET", "chats", {**DAY, "status": "CLOSED"}, None, 200),
        ("GET", "chats/reports/summary", {**DAY, "aggregate_by": "day"}, None, 200),
        ("GET", "agents_work_report", {**DAY, "agent_logins[]": "jkowalski"}, None, 200),
    ],
    "node-tickets-consumer": [
        ("GET", "tickets", {**DAY, "status": "open", "queue_id": "1", "page": "2"}, None, 200),
        ("GET", "tickets", {"external_id": "A-17", "per_page": "20"}, None, 200),
        ("GET", "ticket_statuses", {}, None, 200),
    ],
    "php-campaign-sync": [
        ("GET", "outbounds", {}, None, 200),
        ("GET", "outbounds/00001/records", {"page": "2", "status": "TO_CALL"}, None, 200),
        ("POST", "outbounds/00001/records", {}, {"phone_number": "600100200"}, 201),
        ("GET", "outbounds/00001/statuses", {}, None, 200),
    ],
    "python-presence-bot": [
        ("GET", "agents/jkowalski/status", {}, None, 200),
        ("POST", "agents/jkowalski/login", {}, None, 201),
        ("GET", "agents/jkowalski/last_queue_call", {}, None, 200),
    ],
    "guessed-uris": [
        ("GET", "v2/tickets", {}, None, 404),
        ("GET", "calls", {}, None, 404),
        ("GET", "users", {}, None, 404),
    ],
}


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """One ``thulium fake-server`` process for every sequence, with sample data."""
    command = ["thulium_async.cli", "fake-server", "--campaigns", "1", "--records", "5"]
    with served_process([*command, "--calls", "20"]) as url:
        yield url


@pytest.mark.parametrize("integration", sorted(SEQUENCES))
def test_sequence_answers_as_thulium_would(base_url: str, integration: str) -> None:
    """Each request gets the status Thulium would give; none is a 501."""
    answered = []
    with httpx2.Client(base_url=base_url + "/", auth=AUTH) as http:
        for method, path, query, body, _ in SEQUENCES[integration]:
            response = http.request(method, path, params=query, json=body)
            answered.append((method, path, response.status_code))
    expected = [(m, p, status) for m, p, _, _, status in SEQUENCES[integration]]
    assert answered == expected
    assert all(status != 501 for _, _, status in answered)


def test_dates_with_seconds_filter_like_minutes(base_url: str) -> None:
    """``2026-12-05 00:00:00`` bounds select what ``2026-12-05 00:00`` does."""
    with httpx2.Client(base_url=base_url + "/", auth=AUTH) as http:
        wide = {"date_from": "2000-01-01 00:00:00", "date_to": "2100-01-01 00:00:00"}
        seconds = http.get("connections", params=wide).json()
        minutes = http.get("connections", params={k: v[:16] for k, v in wide.items()}).json()
    assert seconds["count"] == minutes["count"] == 20
    dates = [row["date"] for row in seconds["result"]]
    assert dates == sorted(dates, reverse=True)  # newest first
