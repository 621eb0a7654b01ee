"""The docs site's examples run as written, against FakeThulium."""

from __future__ import annotations

import pathlib
import re
import typing
from typing import Any

import thulium_async as th
from tests.catalog import table
from tests.support import resolve
from thulium_async.testing import FakeThulium

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs"


def example(page: str, name: str) -> str:
    """The Python block that follows ``<!-- example: name -->`` on a docs page."""
    text = (DOCS / page).read_text(encoding="utf-8")
    found = re.search(rf"<!-- example: {name} -->\n```python\n(.*?)```", text, re.DOTALL)
    assert found, f"{page} has no example {name!r}"
    return found.group(1)


async def test_bulk_example_loads_every_row_into_a_campaign_created_through_the_api(
    capsys: Any,
) -> None:
    """A fresh campaign has no structure fields: the example sends none, so no row fails."""
    namespace: dict[str, Any] = {}
    exec(example("guides/bulk.md", "bulk"), namespace)
    fake = FakeThulium()
    phones = [f"500{n:06d}" for n in range(250)]
    async with fake.client() as client:
        await namespace["load"](client, phones)
        (campaign,) = await client.outbounds.list()
    records = fake.records(campaign.id)
    assert sorted(r["phone_number"] for r in records) == phones
    out = capsys.readouterr().out
    assert "succeeded 250" in out
    assert "succeeded 10" in out
    assert out.count("failed 0,") == 2


def paginated_list_methods() -> set[str]:
    """Every ``list()`` of the client whose return type is a Paginator."""
    client = th.Client("https://acme.thulium.com/api", auth=("u", "p"))
    found = set()
    for dotted in table.methods().values():
        if dotted.endswith(".list"):
            returns = typing.get_type_hints(resolve(client, dotted)).get("return")
            if typing.get_origin(returns) is th.Paginator:
                found.add(dotted)
    return found


def test_pagination_guide_names_every_paginated_list_method() -> None:
    """The guide's list of paginated ``list()`` methods matches the client's types."""
    text = (DOCS / "guides" / "pagination.md").read_text(encoding="utf-8")
    block = text.split("<!-- paginated:start -->", 1)[1].split("<!-- paginated:end -->", 1)[0]
    listed = set(re.findall(r"`client\.([\w.]+)\(\.\.\.\)`", block))
    assert listed == paginated_list_methods()
