"""``client.bulk``: the public entry points, one pair (run, iterate) per operation."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._tracing import NO_TRACING, Tracing
from ._engine import Engine
from ._job import BulkJob, BulkResults
from ._op_create import CreateRecords
from ._op_customers import CreateCustomers, DeleteCustomers, UpdateCustomers
from ._op_delete import DeleteRecords
from ._op_update import SetStatusByPhoneNumber, UpdateRecords
from ._operation import Operation
from ._settings import BulkOptions, settings_from

if TYPE_CHECKING:
    from typing import Unpack

    from ._client_api import BulkClient

__all__ = ["Bulk", "CampaignItems", "Items", "StatusItems"]

T = Any
CampaignItems = (
    Iterable[tuple[str | int, T]]
    | AsyncIterable[tuple[str | int, T]]
    | Mapping[Any, Iterable[T] | AsyncIterable[T]]
)
"""``(campaign_id, item)`` pairs (an iterable or async iterable), or a mapping
``{campaign_id: items}`` whose values are iterables or async iterables."""
StatusItems = Iterable[tuple[str, int]] | AsyncIterable[tuple[str, int]] | Mapping[str, int]
"""``(phone_number, dictionary_status_id)`` pairs, or a mapping of the two."""
Items = Iterable[Any] | AsyncIterable[Any]
"""Items without a campaign (customers): an iterable or async iterable."""


class Bulk:
    """Many records across many campaigns, at the highest rate the client allows.

    ```python
    report = await client.bulk.create_records(
        [("00001", NewRecord(phone_number="600100200")), ...], concurrency=32
    )
    print(report.summary())
    for failure in report.failures:
        print(failure.campaign_id, failure.index, failure.error)
    ```

    Items stream in (an iterable, async iterable or mapping of campaign ->
    items; never materialised), are checked one by one (an invalid item fails
    alone, before any request), go out in chunks through the batch endpoints
    (``batch=False``: one request per item) fanned out over campaigns in turn,
    and every item ends in exactly one Outcome in the BulkReport. Each method
    returns a BulkJob (``await`` it); each ``iter_*`` twin yields per-item
    results as they complete. Options: see BulkOptions.

    Operations: ``create_records`` (regular and CRM campaigns),
    ``update_records``, ``delete_records``, ``set_status_by_phone_number``,
    and for CRM customers ``create_customers``, ``update_customers``,
    ``delete_customers``.
    """

    def __init__(self, client: BulkClient, *, tracing: Tracing = NO_TRACING) -> None:
        self._client = client
        self._tracing = tracing

    def _engine(self, op: Operation, items: Any, options: dict[str, Any]) -> Engine:
        settings = settings_from(options, self._client.rate_limit.max_concurrency)
        return Engine(self._client, op, items, settings, self._tracing)

    def create_records(self, items: CampaignItems, **options: Unpack[BulkOptions]) -> BulkJob:
        """Add records: NewRecord items to regular campaigns, NewCrmRecord to CRM ones.

        Exactly once: a resent create (after a lost answer) is answered
        "already exists" and counts as CREATED with its record id, never as a
        second record. A number already in the campaign before its item was
        sent is ALREADY_EXISTED (a success).
        """
        return BulkJob(self._engine(CreateRecords(), items, dict(options)))

    def iter_create_records(
        self, items: CampaignItems, **options: Unpack[BulkOptions]
    ) -> BulkResults:
        """``create_records``, yielding each item's ItemResult as it completes."""
        return BulkResults(self._engine(CreateRecords(), items, dict(options)))

    def update_records(self, items: CampaignItems, **options: Unpack[BulkOptions]) -> BulkJob:
        """Change records: ``(campaign_id, RecordUpdate)`` items (status edits and more).

        Records named by ``phone_number`` go in batches; by ``identifier`` or
        ``customer_id`` (CRM campaigns) one request each (no batch endpoint).
        """
        return BulkJob(self._engine(UpdateRecords(), items, dict(options)))

    def iter_update_records(
        self, items: CampaignItems, **options: Unpack[BulkOptions]
    ) -> BulkResults:
        """``update_records``, yielding each item's ItemResult as it completes."""
        return BulkResults(self._engine(UpdateRecords(), items, dict(options)))

    def delete_records(self, items: CampaignItems, **options: Unpack[BulkOptions]) -> BulkJob:
        """Remove records: items are phone numbers, RecordKeys, or the NewRecord /
        NewCrmRecord items that created them.

        By phone number every record with the number goes; NOT_FOUND (a success)
        when nothing matched; a record in a call stays and its item fails.
        """
        return BulkJob(self._engine(DeleteRecords(), items, dict(options)))

    def iter_delete_records(
        self, items: CampaignItems, **options: Unpack[BulkOptions]
    ) -> BulkResults:
        """``delete_records``, yielding each item's ItemResult as it completes."""
        return BulkResults(self._engine(DeleteRecords(), items, dict(options)))

    def set_status_by_phone_number(
        self, items: StatusItems, **options: Unpack[BulkOptions]
    ) -> BulkJob:
        """Give every record with a main number a dictionary status, in every campaign.

        Items are ``(phone_number, dictionary_status_id)`` pairs or a mapping
        ``{phone_number: dictionary_status_id}``; one request per item. UPDATED
        lists the campaigns touched (``result.campaigns``); NOT_FOUND when none.
        """
        return BulkJob(self._engine(SetStatusByPhoneNumber(), items, dict(options)))

    def iter_set_status_by_phone_number(
        self, items: StatusItems, **options: Unpack[BulkOptions]
    ) -> BulkResults:
        """``set_status_by_phone_number``, yielding each item's ItemResult as it completes."""
        return BulkResults(self._engine(SetStatusByPhoneNumber(), items, dict(options)))

    def create_customers(self, items: Items, **options: Unpack[BulkOptions]) -> BulkJob:
        """Create CRM customers: NewCustomer items (or mappings); ``record_id`` is the new id.

        Not safe to repeat (customers have no unique key): a request that may have
        been applied is never resent, its items end UNKNOWN; check them (e.g. by
        identifier) before a rerun. A journal still skips customers created by
        an earlier run of the same input.
        """
        return BulkJob(self._engine(CreateCustomers(), items, dict(options)))

    def iter_create_customers(self, items: Items, **options: Unpack[BulkOptions]) -> BulkResults:
        """``create_customers``, yielding each item's ItemResult as it completes."""
        return BulkResults(self._engine(CreateCustomers(), items, dict(options)))

    def update_customers(self, items: Items, **options: Unpack[BulkOptions]) -> BulkJob:
        """Change CRM customers: CustomerUpdate items (or mappings) naming ``customer_id``."""
        return BulkJob(self._engine(UpdateCustomers(), items, dict(options)))

    def iter_update_customers(self, items: Items, **options: Unpack[BulkOptions]) -> BulkResults:
        """``update_customers``, yielding each item's ItemResult as it completes."""
        return BulkResults(self._engine(UpdateCustomers(), items, dict(options)))

    def delete_customers(self, items: Items, **options: Unpack[BulkOptions]) -> BulkJob:
        """Delete CRM customers by id (with their CRM campaign records); NOT_FOUND if gone."""
        return BulkJob(self._engine(DeleteCustomers(), items, dict(options)))

    def iter_delete_customers(self, items: Items, **options: Unpack[BulkOptions]) -> BulkResults:
        """``delete_customers``, yielding each item's ItemResult as it completes."""
        return BulkResults(self._engine(DeleteCustomers(), items, dict(options)))
