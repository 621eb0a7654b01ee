"""Recipe: a Django view calling Thulium through one shared ``SyncClient``.

Django runs views in threads (and under gunicorn ``--preload`` in forked
workers): one module-level SyncClient serves them all. It is thread-safe, and a
forked worker gets its own loop thread and connections on first use.

In ``views.py``::

    from django.http import JsonResponse
    from examples.django_view import campaign_summary

    def campaign_view(request, campaign_id):
        return JsonResponse(campaign_summary(campaign_id))

``campaign_summary`` is the part that talks to Thulium, a plain function the
tests call directly.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from typing import Any

import thulium_async as th

_lock = threading.Lock()


@functools.cache
def _build() -> th.SyncClient:
    return th.SyncClient.from_env()


def thulium() -> th.SyncClient:
    """The process's client, built on first use from THULIUM_* environment variables."""
    # functools.cache alone would let two first requests build two clients.
    with _lock:
        return _build()


def campaign_summary(campaign_id: str) -> dict[str, Any]:
    """What the view returns as JSON: the record count and records per status name."""
    records = thulium().outbounds.records.list(campaign_id)
    by_status = Counter(record.status or "?" for record in records)  # a plain iterator
    return {"campaign": campaign_id, "records": records.count(), "by_status": dict(by_status)}
