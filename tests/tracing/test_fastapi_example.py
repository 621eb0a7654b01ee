"""examples/fastapi_tracing.py against the fake: the trace the observability guide shows is
the one it makes."""

from __future__ import annotations

import importlib.util
import pathlib
from types import ModuleType

import httpx2
from opentelemetry.sdk.trace import ReadableSpan

import thulium_async as th
from tests.tracing.conftest import Telemetry
from thulium_async.testing import FakeThulium, Fault, FaultPlan
from thulium_async.testing._fake import IN_PROCESS_BASE_URL

ROOT = pathlib.Path(__file__).resolve().parents[2]
START, END = "<!-- trace:start -->", "<!-- trace:end -->"
SHOWN = (
    "thulium.operation",
    "http.response.status_code",
    "http.request.resend_count",
    "error.type",
    "thulium.attempts",
)


def _example() -> ModuleType:
    path = ROOT / "examples" / "fastapi_tracing.py"
    spec = importlib.util.spec_from_file_location("fastapi_tracing", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render(spans: list[ReadableSpan]) -> str:
    """The trace as an indented tree: name, kind, and the attributes a reader looks at."""
    ids = {s.context.span_id for s in spans}
    children: dict[int | None, list[ReadableSpan]] = {}
    for span in sorted(spans, key=lambda s: s.start_time or 0):
        parent = span.parent.span_id if span.parent and span.parent.span_id in ids else None
        children.setdefault(parent, []).append(span)
    lines: list[str] = []

    def walk(parent: int | None, depth: int) -> None:
        for span in children.get(parent, []):
            attributes = span.attributes or {}
            shown = [f"{key}={attributes[key]}" for key in SHOWN if key in attributes]
            if "thulium.request_id" in attributes:
                shown.append("thulium.request_id=...")
            kind = span.kind.name
            lines.append("  " * depth + " ".join([f"{span.name} ({kind})", *shown]))
            walk(span.context.span_id, depth + 1)

    walk(None, 0)
    return "\n".join(lines)


GUIDE = ROOT / "docs" / "guides" / "observability.md"


def guide_trace() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    block = text.split(START, 1)[1].split(END, 1)[0]
    return block.strip().removeprefix("```").removesuffix("```").strip()


async def test_the_example_apps_trace_is_the_one_in_the_guide(
    telemetry: Telemetry, fake: FakeThulium
) -> None:
    # Request 1 looks the campaign's statuses up; request 2, the create, is refused once.
    fake.faults = FaultPlan(retry_after=0, on_requests={2: Fault.TOO_MANY_REQUESTS_429})
    example = _example()

    def make_client() -> th.Client:
        return th.Client(
            IN_PROCESS_BASE_URL,
            auth=(fake.username, fake.password),
            transport=fake.transport(),
            retry=th.RetryPolicy.no_wait(),
        )

    app = example.create_app(make_client)
    async with (
        app.router.lifespan_context(app),
        httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://app") as http,
    ):
        response = await http.post("/campaigns/00001/leads", json={"phone_number": "600100200"})
    assert response.status_code == 200, response.text
    assert response.json()["record_id"] > 0
    trace = render(telemetry.spans())

    assert trace == guide_trace(), trace


def test_the_guide_shows_the_examples_code() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    shown = text.split("(`examples/fastapi_tracing.py`)", 1)[1].split("```python", 1)[1]
    shown = shown.split("```", 1)[0]
    source = {
        line.strip() for line in (ROOT / "examples" / "fastapi_tracing.py").read_text().splitlines()
    }
    missing = [line for line in shown.splitlines() if line.strip() and line.strip() not in source]
    assert missing == []
