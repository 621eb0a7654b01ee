"""The chat summary report (``GET chats/reports/summary``), computed from the conversations.

Each conversation counts in the period of its ``created_at`` and, per user, for
the agent it is assigned to (``user_login``); with ``sum_users`` one row per
period sums everyone. Rows exist only for periods (and users) with at least one
conversation, ordered by period, then by agent in account order, the row of
conversations no agent took (``user_name`` null) last; ``user_name`` is null in
summed rows too.

What each column counts (the docs name the columns and nothing more):

- ``incoming_including_empty``: every conversation; ``incoming``: those in which
  the client wrote; ``incoming_to_agent``: incoming ones assigned to an agent;
- ``answered``: an agent wrote; ``abandoned``: incoming, closed, no agent reply;
- ``incoming_to_bot``, ``transferred_by_bot``, ``finished_by_bot``: 0 (the fake
  has no chat bots);
- ``wait_time``: start to the first agent message, over answered conversations;
  ``chat_time``: first agent message to the close, over answered closed ones
  (whole seconds, averages rounded down, ``00:00:00`` when there is nothing);
- ``sla_percent``: answered within ``response_threshold`` seconds (default 20)
  per answered; ``service_level_percent``: incoming ones answered within the
  threshold per incoming;
- ``rating``: ratings 1, 2, 3 are sad, neutral, happy; ``satisfaction_percent``
  is happy per rated, ``rated_percent`` rated per conversation.

Percentages have two decimals at most and are whole numbers when exact, as in
the docs' example (``100``); an empty denominator gives 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..agents._models import Agent
from ..server._clock import hms
from ..shared._periods import period_label
from ._store import Conversation

__all__ = ["RATINGS", "summary_rows"]

RATINGS = {1: "sad", 2: "neutral", 3: "happy"}


def _stats(values: list[int]) -> dict[str, str]:
    if not values:
        return dict.fromkeys(("min", "max", "sum", "avg"), "00:00:00")
    total = sum(values)
    return {
        "min": hms(min(values)),
        "max": hms(max(values)),
        "sum": hms(total),
        "avg": hms(total // len(values)),
    }


def _percent(part: int, whole: int) -> int | float:
    if not whole:
        return 0
    value = round(100 * part / whole, 2)
    return int(value) if value.is_integer() else value


def _whole_seconds(later: dt.datetime, earlier: dt.datetime) -> int:
    return max(0, int((later - earlier).total_seconds()))


def _row(
    name: str, user_name: str | None, chats: list[Conversation], threshold: int
) -> dict[str, Any]:
    incoming = [c for c in chats if c.from_client]
    waits: dict[str, int] = {}
    talks: list[int] = []
    for chat in chats:
        reply = chat.first_reply
        if reply is None:
            continue
        waits[chat.conversation_id] = _whole_seconds(reply, chat.created_at)
        if chat.closed_at is not None:
            talks.append(_whole_seconds(chat.closed_at, reply))
    in_time = {cid for cid, wait in waits.items() if wait <= threshold}
    rates = dict.fromkeys(RATINGS.values(), 0)
    for chat in chats:
        if chat.rating in RATINGS:
            rates[RATINGS[chat.rating]] += 1
    rated = sum(rates.values())
    return {
        "series": name,
        "user_name": user_name,
        "incoming": len(incoming),
        "incoming_to_agent": sum(1 for c in incoming if c.user_login is not None),
        "incoming_including_empty": len(chats),
        "abandoned": sum(1 for c in incoming if c.closed_at is not None and c.first_reply is None),
        "answered": len(waits),
        "incoming_to_bot": 0,
        "transferred_by_bot": 0,
        "finished_by_bot": 0,
        "service_level_percent": _percent(
            sum(1 for c in incoming if c.conversation_id in in_time), len(incoming)
        ),
        "chat_time": _stats(talks),
        "wait_time": _stats(list(waits.values())),
        "sla_percent": _percent(len(in_time), len(waits)),
        "rating": {
            "rate": rates,
            "satisfaction_percent": _percent(rates["happy"], rated),
            "rated_percent": _percent(rated, len(chats)),
        },
    }


def summary_rows(
    chats: Iterable[Conversation],
    agents: dict[str, Agent],
    *,
    aggregate_by: str,
    sum_users: bool,
    threshold: int,
) -> list[dict[str, Any]]:
    """Every row of the report over ``chats`` (already filtered by range, users and queues)."""
    groups: dict[tuple[str, str | None], list[Conversation]] = {}
    for chat in chats:
        login = None if sum_users else chat.user_login
        groups.setdefault((period_label(chat.created_at, aggregate_by), login), []).append(chat)
    rank = {login: index for index, login in enumerate(agents)}

    def order(key: tuple[str, str | None]) -> tuple[str, bool, int, str]:
        period, login = key
        return period, login is None, rank.get(login or "", len(rank)), login or ""

    rows = []
    for key in sorted(groups, key=order):
        login = key[1]
        agent = agents.get(login) if login is not None else None
        user_name = agent.full_name if agent is not None else login
        rows.append(_row(key[0], user_name, groups[key], threshold))
    return rows
