"""th.SyncClient: the same surface without await, in process and over real HTTP."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

import thulium_async as th
from tests.support import campaign_fake
from thulium_async.errors import InputError, NotFoundError
from thulium_async.models import NewRecord
from thulium_async.testing import FakeThulium, FaultPlan

AUTH = ("api_user", "api_pass")
NUMBERS = ["600100200", "600100201", "600100202", "600100203", "600100204"]


@pytest.fixture
def fake() -> FakeThulium:
    """A fake with campaign 00001 holding five records."""
    return campaign_fake(*NUMBERS)


@pytest.fixture(params=["in_process", pytest.param("loopback", marks=pytest.mark.loopback)])
def client(request: pytest.FixtureRequest, fake: FakeThulium) -> Iterator[th.SyncClient]:
    """A SyncClient into ``fake``: in process, or over HTTP on 127.0.0.1."""
    if request.param == "in_process":
        with fake.sync_client() as client:
            yield client
    else:
        with fake.serve() as base_url, th.SyncClient(base_url, auth=AUTH) as client:
            yield client


def test_calls_without_await_return_the_models(client):
    statuses = client.outbounds.statuses.list("00001")
    assert statuses[0].name == "New"
    with pytest.raises(NotFoundError):
        client.agents.get("nobody")
    with pytest.raises(InputError):  # checked before any request, as in the async client
        client.request("FETCH", "agents")


def test_paginators_are_plain_iterators(client):
    records = client.outbounds.records.list("00001", page_size=2)
    assert isinstance(records, th.SyncPaginator)
    assert [record.phone_number for record in records] == NUMBERS
    assert records.count() == 5
    assert [r.phone_number for r in records.to_list()] == NUMBERS
    assert [len(page.items) for page in records.pages()] == [2, 2, 1]
    capped = client.outbounds.records.list("00001", page_size=2, max_items=3)
    assert [record.phone_number for record in capped] == NUMBERS[:3]


def test_breaking_out_of_a_scan_stops_it(client, fake):
    pages = client.outbounds.records.list("00001", page_size=1, concurrency=1).pages()
    assert next(pages).items[0].phone_number == NUMBERS[0]
    pages.close()
    time.sleep(0.1)
    # The first page, and at most the one page fetched ahead: not the other three.
    assert len(fake.requests) <= 2
    with pytest.raises(StopIteration):
        next(pages)


def test_bulk_jobs_return_reports_and_iterators_yield_results(client, fake):
    report = client.bulk.create_records([("00001", NewRecord(phone_number="600900900"))])
    assert report.succeeded == 1
    results = list(
        client.bulk.iter_create_records(
            [("00001", NewRecord(phone_number=n)) for n in ("600900901", "600900902")]
        )
    )
    assert sorted(result.item.phone_number for result in results) == ["600900901", "600900902"]
    assert len(fake.records("00001")) == 8


def test_request_stats_and_with_options_share_the_client(client):
    raw = client.request("GET", "outbounds/00001/statuses")
    assert raw.status_code == 200
    assert raw.json()[0]["name"] == "New"
    assert client.stats.requests == 1
    clone = client.with_options(timeout=5)
    assert len(clone.outbounds.statuses.list("00001")) == 8
    assert client.stats.requests == 2  # counters and connections are shared
    assert clone._loop is client._loop


def test_many_threads_share_one_client(client):
    counts: list[int] = []

    def work() -> None:
        for _ in range(5):
            counts.append(client.outbounds.records.list("00001").count())

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts == [5] * 40
    loop_threads = [t for t in threading.enumerate() if t.name == "thulium-sync-loop"]
    assert client._loop.thread in loop_threads
    assert client._loop.thread.daemon  # never holds up interpreter exit


def test_close_stops_the_loop_thread(fake):
    client = fake.sync_client()
    client.outbounds.list()
    thread = client._loop.thread
    assert thread is not None
    assert thread.is_alive()
    client.close()
    assert not thread.is_alive()


def test_from_env(monkeypatch, fake):
    monkeypatch.setenv("THULIUM_BASE_URL", "http://fake.thulium.local/api")
    monkeypatch.setenv("THULIUM_USER", "api_user")
    monkeypatch.setenv("THULIUM_PASSWORD", "api_pass")
    with th.SyncClient.from_env(transport=fake.transport()) as client:
        assert len(client.outbounds.records.list("00001").to_list()) == 5
    monkeypatch.delenv("THULIUM_USER")
    with pytest.raises(InputError):
        th.SyncClient.from_env()


def test_ctrl_c_cancels_the_call_cleanly(fake):
    fake.faults = FaultPlan(latency=5.0)
    with fake.sync_client() as client:
        timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT))  # a real Ctrl-C
        timer.start()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            client.outbounds.list()
        assert time.monotonic() - started < 2
        deadline = time.monotonic() + 2
        while client.limiter.in_flight and time.monotonic() < deadline:
            time.sleep(0.01)
        assert client.limiter.in_flight == 0  # the request was cancelled, its slot returned
        fake.faults = None
        assert client.outbounds.records.list("00001").count() == 5


@pytest.mark.loopback
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_gets_its_own_loop_thread_and_connections(fake):
    with fake.serve() as base_url, th.SyncClient(base_url, auth=AUTH) as client:
        assert client.outbounds.records.list("00001").count() == 5  # parent opens the pool
        parent_thread = client._loop.thread
        pid = os.fork()
        if pid == 0:  # the child: report through the exit status only
            try:
                ok = client.outbounds.records.list("00001").count() == 5
                ok = ok and client._loop.thread is not parent_thread
            except BaseException:
                ok = False
            os._exit(0 if ok else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert client.outbounds.records.list("00001").count() == 5  # the parent still works


def test_thulium_fake_fixture_serves_sync_tests(thulium_fake):
    thulium_fake.add_campaign("00007")
    with thulium_fake.sync_client() as client:
        assert [campaign.id for campaign in client.outbounds.list()] == ["00007"]
