"""The command as a whole: help, entry points, connection settings, errors and exit codes."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys

import pytest

import thulium_async as th
from tests.cli.support import PASSWORD, USER, invoke, one_error_line, run_cli
from thulium_async import errors
from thulium_async.cli import _campaigns, main


def test_help_lists_the_commands():
    result = invoke(["--help"])
    assert result.exit_code == 0
    for command in ("demo", "campaigns", "records", "fake-server"):
        assert command in result.stdout


def test_version():
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"thulium {th.__version__}"


def test_console_script_is_installed():
    (entry,) = importlib.metadata.entry_points(group="console_scripts", name="thulium")
    assert entry.value == "thulium_async.cli:main"
    assert entry.load() is main
    script = shutil.which("thulium", path=os.path.dirname(sys.executable))
    assert script is not None
    done = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.strip() == f"thulium {th.__version__}"


def test_python_dash_m():
    done = run_cli(["records", "--help"])
    assert done.returncode == 0
    assert "import" in done.stdout
    assert "export" in done.stdout


def test_the_library_works_without_the_cli_dependencies():
    # httpx imports rich and click for its own CLI when they are installed, so the
    # check blocks them: the library, bulk, models, webhooks and testing must not care.
    code = (
        "import sys\n"
        "sys.modules.update(dict.fromkeys(['typer', 'rich', 'click']))\n"
        "import thulium_async, thulium_async.bulk, thulium_async.models, thulium_async.webhooks\n"
        "from thulium_async.testing import FakeThulium\n"
        "FakeThulium()\n"
        "assert 'thulium_async.cli' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    plain = "import sys, thulium_async, thulium_async.bulk\nassert 'typer' not in sys.modules"
    done = subprocess.run(
        [sys.executable, "-c", plain], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_missing_connection_settings_is_a_usage_error():
    result = invoke(["campaigns", "list"])
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "--base-url (THULIUM_BASE_URL)" in line
    assert "--fake" in line


def test_usage_errors_are_one_line_with_exit_2(tmp_path):
    cases = [
        (["campaigns", "statuses", "1234567", "--fake"], "five-character campaign id"),
        (["records", "export", "--fake", "-o", str(tmp_path / "x.csv")], "--campaign"),
        (["campaigns", "list", "--no-such-option"], "--no-such-option"),
        (["records", "import", str(tmp_path / "missing.csv"), "-c", "1"], "does not exist"),
    ]
    for args, expected in cases:
        result = invoke(args)
        assert result.exit_code == 2, (args, result.output)
        assert expected in one_error_line(result)


def test_settings_from_environment_variables(served):
    result = invoke(["campaigns", "list"], env=served.env())
    assert result.exit_code == 0, result.output
    assert "00001" in result.stdout
    assert "00003" in result.stdout


def test_settings_from_flags_before_or_after_the_command(served):
    flags = ["--base-url", served.base_url, "--user", USER, "--password", PASSWORD]
    before = invoke([*flags, "campaigns", "statuses", "00001"])
    after = invoke(["campaigns", "statuses", "00001", *flags])
    assert before.exit_code == after.exit_code == 0
    assert "TO_CALL" in before.stdout
    assert before.stdout == after.stdout


def test_a_flag_after_the_command_overrides_the_environment(served):
    env = {**served.env(), "THULIUM_PASSWORD": "wrong"}
    assert invoke(["campaigns", "list"], env=env).exit_code == 1
    result = invoke(["campaigns", "list", "--password", PASSWORD], env=env)
    assert result.exit_code == 0


def test_api_errors_exit_1_without_the_password(served):
    env = {**served.env(), "THULIUM_PASSWORD": "not-the-" + PASSWORD}
    result = invoke(["campaigns", "list"], env=env)
    assert result.exit_code == 1
    line = one_error_line(result)
    assert "401" in line
    assert "not-the-" not in result.output


def test_verbose_logs_requests_and_never_the_password(served):
    result = invoke(["--verbose", "campaigns", "statuses", "1"], env=served.env())
    assert result.exit_code == 0
    assert "outbounds/00001/statuses" in result.stderr
    assert "200" in result.stderr
    assert PASSWORD not in result.output
    assert "Authorization" not in result.output


def test_fake_runs_any_command_in_process():
    result = invoke(["campaigns", "list", "--fake"])
    assert result.exit_code == 0
    assert "Spring promotion" in result.stdout


def test_unexpected_errors_are_one_line_and_verbose_shows_the_traceback(monkeypatch):
    async def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(_campaigns, "_list", broken)
    result = invoke(["--fake", "campaigns", "list"])
    assert result.exit_code == 1
    assert "unexpected RuntimeError: boom" in one_error_line(result)
    verbose = invoke(["--fake", "-v", "campaigns", "list"])
    assert verbose.exit_code == 1
    assert "Traceback" in verbose.stderr


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (KeyboardInterrupt(), 130, "error: interrupted"),
        (OSError(28, "No space left on device"), 1, "error: No space left on device"),
        (
            errors.TransportError(
                "connection refused",
                method="GET",
                url="http://x/api/outbounds",
                delivery=errors.Delivery.NOT_SENT,
            ),
            1,
            "error: GET http://x/api/outbounds: connection refused",
        ),
        (errors.InputError("status_id", "a positive integer id", 0), 2, "error: status_id: "),
    ],
)
def test_errors_map_to_exit_codes(monkeypatch, error, code, message):
    async def broken(*args):
        raise error

    monkeypatch.setattr(_campaigns, "_list", broken)
    result = invoke(["--fake", "campaigns", "list"])
    assert result.exit_code == code
    assert one_error_line(result).startswith(message)
