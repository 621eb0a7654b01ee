"""Routes of the agents area: agents, presence and call control, dialling, users, work report."""

from __future__ import annotations

from ..server._routing import Handler, Route
from . import _handlers as agents
from . import _handlers_control as control
from . import _handlers_dial as dial
from . import _handlers_report as report

__all__ = ["ROUTES"]


def _action(name: str, handler: Handler, body: frozenset[str] | None = None) -> Route:
    return Route("POST", f"agents/{{login}}/{name}", handler, body=body)


ROUTES: tuple[Route, ...] = (
    Route("GET", "agents", agents.list_),
    Route("POST", "agents", agents.create, body=agents.AGENT_CREATE),
    Route("GET", "agents/{login}", agents.get),
    Route("GET", "agents/{login}/status", agents.status),
    Route("GET", "agents/{login}/last_queue_call", agents.last_queue_call),
    Route("GET", "agents_groups", agents.groups),
    Route("GET", "agents_statuses", agents.statuses, query=frozenset({"include_logged_off"})),
    Route("GET", "users/{login}", agents.user),
    _action("answer", control.answer),
    _action("free", control.free),
    _action("hangup", control.hangup),
    _action("hold", control.hold),
    _action("unhold", control.unhold),
    _action("login", control.login),
    _action("logout", control.logout),
    _action("mute", control.mute),
    _action("unmute", control.unmute),
    _action("pause", control.pause, frozenset({"pause_id"})),
    _action("stop_recording", control.stop_recording),
    _action("transfer", control.transfer, frozenset({"destination"})),
    Route("POST", "agents/{login}/call", dial.call, body=dial.CALL_BODY),
    Route("POST", "agents/{login}/call_preview", dial.call_preview),
    Route("GET", "agents_work_report", report.work_report, query=report.REPORT_QUERY),
)
