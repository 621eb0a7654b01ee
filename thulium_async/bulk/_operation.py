"""What every bulk operation provides to the engine, and helpers the operations share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import _validation as check
from ..errors import APIError, InputError, ThuliumError
from ..models import BatchItemResult
from ._entry import Entry, Settled
from ._models import Outcome

if TYPE_CHECKING:
    from ._client_api import BulkClient

__all__ = [
    "UTC",
    "Operation",
    "Prepared",
    "Sent",
    "check_unknown",
    "error_text",
    "failed",
    "item_failure",
    "normal_phone",
    "campaign",
    "present",
]

# Inputs are checked with the resource layer's encoders before anything is sent;
# the zone only changes how a datetime is written, never whether it is valid.
UTC = dt.UTC


class Prepared(NamedTuple):
    """A valid item: its campaign, route (which endpoint family), key and what to send.

    ``payload`` is the item's canonical wire form, hashed for the journal.
    """

    campaign_id: str | None
    route: str
    key: str
    value: Any
    payload: Any


class Sent(NamedTuple):
    """A request's answer: settled entries, and entries the API left unanswered."""

    settled: list[Settled]
    unanswered: list[Entry]


class Operation:
    """One kind of bulk call: checks items (``prepare``) and sends chunks (``send``)."""

    name = "bulk"
    #: Items come as (campaign_id, item) pairs; False: each element is the item.
    keyed = True
    #: Safe to resend after a request that may have been applied (the API refuses
    #: or ignores a repeat). False: such items end UNKNOWN instead of going again.
    repeatable = True
    #: Routes that have a batch endpoint; the others always go one item per request.
    batch_routes: frozenset[str] = frozenset()

    def prepare(self, campaign_id: Any, item: Any) -> Prepared:
        """Check one input item; raise InputError naming the field when it is invalid."""
        raise NotImplementedError

    async def send(self, client: BulkClient, route: str, batch: bool, entries: list[Entry]) -> Sent:
        """Send one chunk (one request); raise the request's error if it failed as a whole."""
        raise NotImplementedError

    def identity(self, prepared: Prepared) -> int | None:
        """What makes an item a repeat of an earlier one in its campaign; None: never."""
        return None

    def as_update(self, prepared: Prepared) -> Any:
        """A repeated item's value sent as an update (``on_repeat="update"``); None: nothing."""
        return None

    def malformed(self, index: int, element: Any) -> InputError:
        """The error for an input element that is not a (campaign_id, item) pair."""
        return InputError(f"items[{index}]", "a (campaign_id, item) pair", element)


def campaign(value: Any) -> str:
    """A campaign id as the API writes it ("00012" for 12)."""
    return check.campaign_id(value, "campaign_id")


def normal_phone(phone: str) -> str:
    """The key of a phone number: the batch answers drop a leading +."""
    return phone.lstrip("+")


def present(item: Any, names: Iterable[str]) -> dict[str, Any]:
    """The named attributes (or keys) of an item that are set (None means "not sent")."""
    if isinstance(item, dict):
        return {name: item[name] for name in names if item.get(name) is not None}
    return {name: value for name in names if (value := getattr(item, name)) is not None}


def error_text(error: BaseException) -> str:
    """Thulium's own messages for an API error, else the error's text."""
    if isinstance(error, APIError) and error.messages:
        return "; ".join(error.messages)
    return str(error)


def failed(entry: Entry, error: ThuliumError) -> Settled:
    """A failure settled with a request-level error."""
    status = error.status_code if isinstance(error, APIError) else None
    return Settled(entry, Outcome.FAILED, None, error_text(error), status, error)


def item_failure(entry: Entry, result: BatchItemResult[Any]) -> Settled:
    """A failure settled with a 207 item's own status and message."""
    text = result.message or (str(result.status) if result.status else "failed")
    return Settled(entry, Outcome.FAILED, result.record_id, text, result.http_status)


def check_unknown(item: dict[str, Any], allowed: Iterable[str], kind: str) -> None:
    """Refuse mapping keys an input model does not have."""
    unknown = sorted(set(item) - set(allowed))
    if unknown:
        raise InputError(unknown[0], f"one of {kind}'s fields {sorted(allowed)}", None)
