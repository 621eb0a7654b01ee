"""The README's recipes, run: Django view, Celery tasks (prefork), a script, FastAPI."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from examples import celery_task, django_view, fastapi_shared_client, sync_script
from tests.support import campaign_fake
from thulium_async.testing import FakeThulium

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = ["600100200", "600100201", "600100202"]


@pytest.fixture
def fake() -> FakeThulium:
    """Campaign 00001 with three records."""
    return campaign_fake(*NUMBERS)


@pytest.fixture
def served(fake: FakeThulium, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The fake over HTTP on 127.0.0.1, named by THULIUM_* as in production."""
    with fake.serve() as base_url:
        monkeypatch.setenv("THULIUM_BASE_URL", base_url)
        monkeypatch.setenv("THULIUM_USER", fake.username)
        monkeypatch.setenv("THULIUM_PASSWORD", fake.password)
        yield base_url


@pytest.fixture(params=["in_process", pytest.param("loopback", marks=pytest.mark.loopback)])
def sync_recipes(request: pytest.FixtureRequest, fake: FakeThulium) -> Iterator[None]:
    """The recipes' module-level sync clients, into ``fake`` in process or over HTTP."""
    caches = (django_view._build, celery_task.thulium)
    for cache in caches:
        cache.cache_clear()
    if request.param == "in_process":
        client = fake.sync_client()
        for module in (django_view, celery_task):
            request.getfixturevalue("monkeypatch").setattr(module, "thulium", lambda: client)
        yield
        client.close()
    else:
        request.getfixturevalue("served")
        yield
        for cache in caches:
            if cache.cache_info().currsize:
                cache().close()
            cache.cache_clear()


def test_django_view_from_many_threads(sync_recipes):
    results: list[dict] = []
    threads = [
        threading.Thread(target=lambda: results.append(django_view.campaign_summary("00001")))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [{"campaign": "00001", "records": 3, "by_status": {"New": 3}}] * 4


def test_celery_task_sync(sync_recipes, fake):
    assert celery_task.mark_sale("00001", "600100201", 5) == 3
    assert [r["status_id"] for r in fake.records("00001")] == [1, 5, 1]


@pytest.mark.loopback
@pytest.mark.skipif(not hasattr(os, "fork"), reason="prefork needs os.fork")
def test_celery_prefork_workers_use_the_parents_client(served, fake):
    celery_task.thulium.cache_clear()
    assert celery_task.mark_sale("00001", "600100200", 5) == 3  # parent, as with --preload
    pids = []
    for number in NUMBERS[1:]:
        pid = os.fork()
        if pid == 0:  # a worker: the exit status says whether the task worked
            try:
                os._exit(0 if celery_task.mark_sale("00001", number, 5) == 3 else 1)
            except BaseException:
                os._exit(1)
        pids.append(pid)
    assert [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids] == [0, 0]
    assert [r["status_id"] for r in fake.records("00001")] == [5, 5, 5]
    celery_task.thulium().close()
    celery_task.thulium.cache_clear()


@pytest.mark.loopback
def test_celery_task_async_runs_a_new_loop_per_task(served, fake):
    celery_task.thulium_async.cache_clear()
    for number in NUMBERS:  # three asyncio.run() calls on one module-level client
        assert celery_task.mark_sale_async("00001", number, 5) == 3
    assert [r["status_id"] for r in fake.records("00001")] == [5, 5, 5]
    asyncio.run(celery_task.thulium_async().aclose())
    celery_task.thulium_async.cache_clear()


@pytest.mark.loopback
def test_script_writes_csv(served, capsys):
    assert sync_script.main(["00001"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["record_id", "phone_number", "status"]
    assert [row[1] for row in rows[1:]] == NUMBERS
    assert err == "3 records\n"
    assert sync_script.main([]) == 2
    assert sync_script.main(["1"]) == 1  # a bad campaign id is reported, not a traceback


def test_script_export_in_process(fake):
    out = io.StringIO()
    with fake.sync_client() as client:
        assert sync_script.export_records(client, "00001", out) == 3
    assert out.getvalue().splitlines()[1:] == [f"{i},{n},New" for i, n in enumerate(NUMBERS, 1)]


@pytest.mark.loopback
def test_script_as_a_process(served):
    done = subprocess.run(
        [sys.executable, "examples/sync_script.py", "00001"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 4
    assert done.stderr.endswith("3 records\n")


@pytest.mark.loopback
async def test_fastapi_lifespan_shares_one_client(served):
    app = SimpleNamespace(state=SimpleNamespace())
    async with fastapi_shared_client.lifespan(app):
        client = app.state.thulium
        first = await fastapi_shared_client.record_count("00001", client)
        second = await fastapi_shared_client.record_count("00001", app.state.thulium)
        assert first == second == {"campaign": "00001", "records": 3}
        assert client.stats.requests == 2  # one client for every request
    assert client._transport.http.is_closed  # the lifespan closed it


async def test_fastapi_route_in_process(fake):
    async with fake.client() as client:
        assert await fastapi_shared_client.record_count("00001", client) == {
            "campaign": "00001",
            "records": 3,
        }
