"""Recipe: Celery tasks (prefork) calling Thulium, sync and async.

With ``celery worker --pool=prefork`` the module is imported once in the parent
and the workers are forked from it. The module-level ``SyncClient`` below is
fork-safe: each worker starts its own event-loop thread and connections on its
first call. In ``tasks.py``::

    from celery import Celery
    from examples.celery_task import mark_sale, mark_sale_async

    app = Celery("tasks")
    app.task(mark_sale)
    app.task(mark_sale_async)

``mark_sale_async`` is the other common pattern: async code run with
``asyncio.run()`` in each task. One module-level ``th.Client`` serves every
task: each ``asyncio.run()`` is a new event loop, and the client opens fresh
connections for it.
"""

from __future__ import annotations

import asyncio
import functools

import thulium_async as th


@functools.cache
def thulium() -> th.SyncClient:
    """The worker's sync client (built on first use; safe to build before the fork).

    A prefork worker runs one task at a time, so no lock guards the first build.
    """
    return th.SyncClient.from_env()


@functools.cache
def thulium_async() -> th.Client:
    """The worker's async client, shared by every ``asyncio.run()``."""
    return th.Client.from_env()


def mark_sale(campaign_id: str, phone_number: str, status_id: int) -> int:
    """Give a record its sale status; return how many records the campaign holds now."""
    client = thulium()
    client.outbounds.records.update(campaign_id, phone_number, status_id=status_id)
    return client.outbounds.records.list(campaign_id).count()


def mark_sale_async(campaign_id: str, phone_number: str, status_id: int) -> int:
    """``mark_sale`` written as async code, run in a fresh event loop per task."""

    async def run() -> int:
        client = thulium_async()
        await client.outbounds.records.update(campaign_id, phone_number, status_id=status_id)
        return await client.outbounds.records.list(campaign_id).count()

    return asyncio.run(run())
