"""Bulk helpers: push many records into many campaigns, fast, and account for every item.

```python
from thulium_async.models import NewRecord, RecordUpdate

report = await client.bulk.create_records(items, concurrency=32)
report.total, report.succeeded, report.failed, report.elapsed
for failure in report.failures:          # campaign_id, item, index, error
    ...
report = await client.bulk.update_records(updates)      # (campaign_id, RecordUpdate)
async for result in client.bulk.iter_create_records(items):
    ...
```

``items`` are ``(campaign_id, item)`` pairs from an iterable or async iterable,
or a mapping ``{campaign_id: items}``. See ``Bulk`` for the operations and
``BulkOptions`` for the options (concurrency, chunk size, batch or single
requests, fail fast, cancellation, a resume journal, progress callbacks).
"""

from ._api import Bulk, CampaignItems, Items, StatusItems
from ._job import BulkJob, BulkResults
from ._models import ItemResult, Outcome, Progress, RecordKey
from ._report import BulkReport
from ._settings import DEFAULT_CHUNK_SIZE, BulkOptions

__all__ = [
    "Bulk",
    "BulkJob",
    "BulkOptions",
    "BulkReport",
    "BulkResults",
    "CampaignItems",
    "DEFAULT_CHUNK_SIZE",
    "ItemResult",
    "Items",
    "Outcome",
    "Progress",
    "RecordKey",
    "StatusItems",
]
