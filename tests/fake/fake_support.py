"""Helpers shared by the fake server's tests (a plain module: conftest is not importable)."""

from __future__ import annotations

import httpx2

from thulium_async.testing import FakeThulium

AUTH = ("api_user", "api_pass")

# Status ids of the default sets: campaign 00001 gets 1-8, campaign 00002 gets 9-16,
# in the order TO_CALL, IN_PROGRESS, CALL, MY_RECORD, NO_CALL, ABANDONED_AFTER_N_TRIES,
# CALL_NO_SOONER_THAN, CALL_PROGRESSIVE.
TO_CALL, CALL, MY_RECORD, NO_CALL, CALL_NO_SOONER_THAN = 1, 3, 4, 5, 7
CRM_TO_CALL, CRM_MY_RECORD, CRM_NO_CALL = 9, 12, 13


def populate(fake: FakeThulium) -> FakeThulium:
    """Two agents, a regular campaign 00001 (fields field1, field2), a CRM campaign 00002."""
    fake.add_agent("jkowalski", name="Jan", surname="Kowalski", number=3113)
    fake.add_agent("anowak", name="Anna", surname="Nowak", number=3422)
    fake.add_campaign("00001", fields=("field1", "field2"))
    fake.add_campaign("00002", crm=True)
    return fake


def error(response: httpx2.Response) -> tuple[int, str, int]:
    """(status, message, code) of a Thulium error answer, checking the body's format."""
    body = response.json()
    assert set(body) == {"request_id", "errors"}
    assert response.headers["x-request-id"] == body["request_id"]
    assert len(body["request_id"]) == 13
    assert int(body["request_id"], 16) >= 0
    (only,) = body["errors"]
    assert set(only) == {"message", "code"}
    assert isinstance(only["code"], int)
    return response.status_code, only["message"], only["code"]
