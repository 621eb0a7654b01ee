"""``GET outbounds/{id}/records`` and ``GET crm_outbounds/{id}/records``: filters and pages.

``count`` is the number of records matching the filters; rows come in insertion
order (CRM lists may sort by ``next_call_date``). A page without filters or
embedded customers is assembled from each record's cached JSON, which keeps the
hot path of the benchmarks cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

import orjson

from ..crm._views import customer_view
from ..server._errors import bad_request
from ..server._routing import Ctx, Reply
from ..shared._validate import as_int, check_date, page, query_bool
from ._models import SYSTEM_STATUSES, Campaign, Record
from ._views import record_json, record_view

__all__ = ["CRM_LIST_QUERY", "REGULAR_LIST_QUERY", "list_records"]

REGULAR_LIST_QUERY = frozenset(
    {
        "limit",
        "offset",
        "status_id[]",
        "system_status[]",
        "create_date_from",
        "create_date_to",
        "call_date_from",
        "call_date_to",
    }
)
_INCLUDES = (
    "include_customer",
    "include_custom_fields",
    "include_address",
    "include_invoice_address",
    "include_mail_drop_address",
)
CRM_LIST_QUERY = REGULAR_LIST_QUERY | {"order", *_INCLUDES}
MAX_LIMIT = 100


def _date_filter(ctx: Ctx, name: str) -> str | None:
    value = ctx.query.get(name)
    return None if value is None else check_date(value, name)


def _filtered(ctx: Ctx, records: Iterable[Record]) -> list[Record] | None:
    """The matching records, or None when no filter was given."""
    query = ctx.query
    status_ids = {as_int(v, "status_id[]") for v in query.getlist("status_id[]")}
    systems = set(query.getlist("system_status[]"))
    for system in systems:
        if system not in SYSTEM_STATUSES:
            expected = "one of " + ", ".join(SYSTEM_STATUSES)
            raise bad_request("invalid_value", name="system_status[]", expected=expected)
    created_from = _date_filter(ctx, "create_date_from")
    created_to = _date_filter(ctx, "create_date_to")
    called_from = _date_filter(ctx, "call_date_from")
    called_to = _date_filter(ctx, "call_date_to")
    if not (status_ids or systems or created_from or created_to or called_from or called_to):
        return None

    def keep(r: Record) -> bool:
        if status_ids and r.status.status_id not in status_ids:
            return False
        if systems and r.status.system_status not in systems:
            return False
        created = r.create_date[:10]
        if (created_from and created < created_from) or (created_to and created > created_to):
            return False
        if called_from or called_to:
            called = r.call_date[:10]
            if not called:
                return False
            if (called_from and called < called_from) or (called_to and called > called_to):
                return False
        return True

    return [r for r in records if keep(r)]


def _sorted(ctx: Ctx, records: Iterable[Record]) -> Iterable[Record]:
    order = ctx.query.get("order")
    if order is None:
        return records
    if order not in ("next_call_date", "-next_call_date"):
        raise bad_request(
            "invalid_value", name="order", expected="next_call_date or -next_call_date"
        )
    return sorted(records, key=lambda r: r.next_call_date, reverse=order.startswith("-"))


def list_records(ctx: Ctx, campaign: Campaign) -> Reply:
    """One page of a campaign's records with the total of matching ones."""
    limit, offset = page(ctx.query, MAX_LIMIT)
    everything = campaign.records.values()
    matching = _filtered(ctx, everything)
    count = len(campaign.records) if matching is None else len(matching)
    rows = _sorted(ctx, everything if matching is None else matching)
    chosen = list(islice(rows, offset, offset + limit))
    includes = frozenset(name for name in _INCLUDES if campaign.crm and query_bool(ctx.query, name))
    agents = ctx.state.agents
    if not includes:
        parts = b",".join(record_json(campaign, r, agents) for r in chosen)
        return 200, b'{"count":%d,"result":[%s]}' % (count, parts)
    result = []
    for record in chosen:
        view = record_view(campaign, record, agents)
        customer = ctx.state.customers.get(record.customer_id or 0)
        if "include_customer" in includes:
            view["customer"] = customer and customer_view(
                ctx.state, customer, listing=True, include=includes
            )
        result.append(view)
    return 200, orjson.dumps({"count": count, "result": result})
