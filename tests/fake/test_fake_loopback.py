"""Over real HTTP on 127.0.0.1: serve(), real connection drops, limits, the CLI process."""

from __future__ import annotations

import asyncio
import os
import selectors
import signal
import subprocess
import sys
import time

import httpx2
import pytest
from fake_support import AUTH, populate

from thulium_async.testing import FakeThulium, Fault, FaultPlan

pytestmark = pytest.mark.loopback


async def test_serve_binds_loopback_on_a_free_port_and_stops_cleanly(fake):
    async with fake.serve() as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        assert base_url.endswith("/api")
        async with httpx2.AsyncClient(base_url=base_url, auth=AUTH) as client:
            assert (await client.get("agents")).status_code == 200
    with pytest.raises(httpx2.ConnectError):
        async with httpx2.AsyncClient(base_url=base_url, auth=AUTH) as client:
            await client.get("agents")
    async with fake.serve() as second_url:  # serving again works
        assert second_url.startswith("http://127.0.0.1:")


async def test_state_is_shared_between_http_and_in_process(fake):
    async with fake.serve() as base_url, httpx2.AsyncClient(base_url=base_url, auth=AUTH) as client:
        await client.post("outbounds/00001/records", json={"phone_number": "600100200"})
    assert [r["phone_number"] for r in fake.records("00001")] == ["600100200"]


@pytest.mark.parametrize(
    ("fault", "applied"), [(Fault.DROP_BEFORE_COMMIT, False), (Fault.DROP_AFTER_COMMIT, True)]
)
async def test_drops_really_cut_the_connection(fault, applied):
    fake = populate(FakeThulium(strict=True, faults=FaultPlan(on_requests={1: fault})))
    async with fake.serve() as base_url, httpx2.AsyncClient(base_url=base_url, auth=AUTH) as client:
        with pytest.raises(httpx2.TransportError) as caught:
            await client.post("outbounds/00001/records", json={"phone_number": "600100200"})
        # a transport error, not a 500: nothing complete came back
        assert isinstance(caught.value, httpx2.RemoteProtocolError)
        assert (await client.get("agents")).status_code == 200  # the next request is served
    assert len(fake.records("00001")) == int(applied)
    assert fake.counters.drops == 1


async def test_concurrency_cap_over_loopback():
    fake = populate(FakeThulium(strict=True, faults=FaultPlan(latency=0.3, max_concurrency=3)))
    limits = httpx2.Limits(max_connections=8)
    async with (
        fake.serve() as base_url,
        httpx2.AsyncClient(base_url=base_url, auth=AUTH, limits=limits) as client,
    ):
        responses = await asyncio.gather(*(client.get("agents") for _ in range(8)))
    statuses = [r.status_code for r in responses]
    assert statuses.count(200) + statuses.count(503) == 8
    assert statuses.count(200) >= 3
    assert fake.counters.peak_concurrency > 3  # generous: timing decides the exact peak
    assert statuses.count(503) == fake.counters.over_concurrency >= 1


def _read_url(proc: subprocess.Popen[str], timeout: float) -> str:
    selector = selectors.DefaultSelector()
    assert proc.stdout is not None
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if selector.select(timeout=0.1):
            line = proc.stdout.readline()
            words = [w for w in line.split() if w.startswith("http://")]
            if words:
                return words[0]
            if not line:
                break
    raise AssertionError("the server did not print its URL")


def test_standalone_process_serves_seeded_data_and_stops_on_sigint():
    command = [sys.executable, "-m", "thulium_async.testing", "--port", "0"]
    command += ["--campaigns", "1", "--crm-campaigns", "1", "--records", "3", "--print-counters"]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        base_url = _read_url(proc, timeout=15)
        assert base_url.startswith("http://127.0.0.1:")
        with httpx2.Client(base_url=base_url, auth=AUTH) as client:
            assert client.get("outbounds/00001/records").json()["count"] == 3
            assert client.get("crm_outbounds/00002/records").json()["count"] == 3
            assert [a["login"] for a in client.get("agents").json()][1:] == ["jkowalski", "anowak"]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, stderr = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0
    assert '"total": 3' in stderr
