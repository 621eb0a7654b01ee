"""The pytest plugin, the import boundaries, the reusable CLI parts and ``fake.client()``."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

import thulium_async
from thulium_async.testing import FakeThulium, add_server_arguments


def test_plugin_fixture_gives_a_fresh_fake(thulium_fake):
    assert isinstance(thulium_fake, FakeThulium)
    assert thulium_fake.campaign_ids() == []
    thulium_fake.add_campaign("00001")  # the next test gets a new one


def test_plugin_fixture_is_fresh_per_test(thulium_fake):
    assert thulium_fake.campaign_ids() == []


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return set(output.split())


@pytest.mark.parametrize(
    "statement",
    [
        "import thulium_async",
        "import thulium_async.testing._plugin",
        "from thulium_async.testing import FakeThulium; FakeThulium().transport()",
    ],
)
def test_server_dependencies_stay_out_until_serving(statement):
    loaded = _modules_after(statement)
    assert not {"uvicorn", "starlette"} & loaded


def test_plugin_import_does_not_load_the_fake():
    loaded = _modules_after("import thulium_async.testing._plugin")
    assert "thulium_async.testing._fake" not in loaded


def test_cli_arguments_are_reusable_by_another_parser():
    from thulium_async.testing._cli import build_fake

    parser = argparse.ArgumentParser(prog="thulium fake-server")
    add_server_arguments(parser)
    options = parser.parse_args(
        ["--campaigns", "2", "--records", "4", "--latency", "0.02", "--lenient", "--seed", "3"]
    )
    assert (options.host, options.port) == ("127.0.0.1", 8080)
    fake = build_fake(options)
    assert fake.campaign_ids() == ["00001", "00002"]
    assert len(fake.records("00002")) == 4
    assert fake.strict is False
    assert fake.faults is not None
    assert fake.faults.latency == 0.02
    assert build_fake(parser.parse_args([])).faults is None
    with_calls = build_fake(parser.parse_args(["--calls", "25"]))
    assert len(with_calls.connections()) == 25


@pytest.mark.skipif(
    not hasattr(thulium_async, "Client"), reason="thulium_async.Client is not written yet"
)
async def test_client_is_wired_to_the_fake(thulium_fake):
    thulium_fake.add_campaign("00001")
    async with thulium_fake.client() as client:
        assert isinstance(client, thulium_async.Client)
        statuses = await client.outbounds.statuses.list("00001")
    assert len(statuses) == 8
    assert [r.endpoint for r in thulium_fake.requests] == ["GET outbounds/{id}/statuses"]
