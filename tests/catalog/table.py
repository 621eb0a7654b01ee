"""The endpoint -> method table: built from the catalog copy and the per-area maps.

``uv run python -m tests.catalog.table --write`` rewrites the README section
between the ``endpoints`` markers; ``test_coverage.py`` checks it is current.
"""

from __future__ import annotations

import argparse
import importlib
import pathlib
from typing import Any

import yaml

from thulium_async.testing import FakeThulium

ROOT = pathlib.Path(__file__).resolve().parents[2]
CATALOG = ROOT / "tests" / "data" / "thulium-api" / "endpoints.yaml"
README = ROOT / "README.md"
START, END = "<!-- endpoints:start -->", "<!-- endpoints:end -->"
MAP_MODULES = (
    "tests.catalog.campaign_map",
    "tests.resources.catalog_map",
)


def catalog() -> list[dict[str, Any]]:
    """Every catalog entry, in the catalog's order."""
    return list(yaml.safe_load(CATALOG.read_text(encoding="utf-8")))


def current_entries() -> list[dict[str, Any]]:
    """The entries the client must cover (legacy ones stay out)."""
    return [entry for entry in catalog() if entry.get("lifecycle") != "legacy"]


def methods() -> dict[str, str]:
    """Catalog name -> dotted client method, merged from every area's map."""
    merged: dict[str, str] = {}
    for name in MAP_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        merged.update(module.METHODS)
    return merged


# "observed": absent from the docs, seen in the traffic of public integrations.
_SOURCES = {"inferred": "inferred", "observed": "observed"}


def render() -> str:
    """The Markdown table, one row per current endpoint, sorted by area and path, and its totals."""
    mapping = methods()
    simulated = set(FakeThulium.endpoints())
    entries = current_entries()
    rows = ["| area | endpoint | client call | source | FakeThulium |", "|---|---|---|---|---|"]
    for entry in sorted(entries, key=lambda e: (e["area"], e["path"], e["method"])):
        call = mapping.get(entry["name"])
        shown = f"`client.{call}(...)`" if call else "**not covered**"
        source = _SOURCES.get(entry.get("detail", ""), "documented")
        endpoint = f"{entry['method']} {entry['path']}"
        fake = "simulated" if endpoint in simulated else "501"
        rows.append(f"| {entry['area']} | `{endpoint}` | {shown} | {source} | {fake} |")
    covered = sum(entry["name"] in mapping for entry in entries)
    faked = sum(f"{e['method']} {e['path']}" in simulated for e in entries)
    legacy = len(catalog()) - len(entries)
    rows += [
        "",
        f"{len(entries)} current endpoints ({legacy} legacy catalog entries left out): "
        f"{covered} with a client call, {faked} simulated by FakeThulium.",
    ]
    return "\n".join(rows)


def readme_section() -> str:
    """What README.md holds between the markers now."""
    text = README.read_text(encoding="utf-8")
    return text.split(START, 1)[1].split(END, 1)[0].strip()


def write() -> None:
    """Rewrite the README section from the catalog and the maps."""
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    README.write_text(f"{head}{START}\n{render()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="update README.md")
    if parser.parse_args().write:
        write()
    else:
        print(render())
