"""``thulium fake-server``: the testing package's server and options under ``thulium``."""

from __future__ import annotations

import argparse

import httpx2

from tests.cli.support import invoke, served_process


def test_help_is_the_testing_servers_own():
    result = invoke(["fake-server", "--help"])
    assert result.exit_code == 0
    for option in ("--port", "--latency", "--error-503-rate", "--campaigns", "--rate-limit"):
        assert option in result.stdout
    assert "thulium fake-server" in result.stdout


def test_bad_options_are_refused_by_the_same_parser():
    result = invoke(["fake-server", "--port", "eighty"])
    assert result.exit_code == 2
    assert "invalid int value" in result.stderr


def test_serves_a_seeded_fake_until_interrupted():
    command = ["thulium_async.cli", "fake-server", "--campaigns", "2", "--records", "7"]
    with served_process(command) as base_url:
        response = httpx2.get(f"{base_url}/outbounds", auth=("api_user", "api_pass"))
        assert response.status_code == 200
        assert [c["id"] for c in response.json()] == ["00001", "00002"]
        page = httpx2.get(
            f"{base_url}/outbounds/00002/records", auth=("api_user", "api_pass")
        ).json()
        assert page["count"] == 7


def test_strict_refuses_undocumented_params_that_the_default_ignores():
    """--strict is the opt-in: the same request is a 400 naming the parameter."""
    for flags, status in (([], 200), (["--strict"], 400)):
        with served_process(["thulium_async.cli", "fake-server", *flags]) as base_url:
            response = httpx2.get(
                f"{base_url}/tickets", params={"per_page": "20"}, auth=("api_user", "api_pass")
            )
        assert response.status_code == status
        if status == 400:
            assert "per_page" in response.json()["errors"][0]["message"]


def test_help_is_drawn_in_typers_style_with_every_option_described():
    """Panels like every other command's, and a description on every option."""
    from thulium_async.testing import add_server_arguments

    result = invoke(["fake-server", "--help"])
    assert result.exit_code == 0
    assert "╭─ Faults" in result.stdout
    assert "usage:" not in result.stdout  # not argparse's own format
    parser = argparse.ArgumentParser()
    add_server_arguments(parser)
    flat = " ".join(result.stdout.replace("│", " ").split())
    for action in parser._actions:
        if action.option_strings and action.dest != "help" and action.help != argparse.SUPPRESS:
            assert action.help, action.option_strings
            assert " ".join(action.help.split()) in flat, action.help
