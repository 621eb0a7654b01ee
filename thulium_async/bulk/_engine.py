"""The run loop: one reader and ``concurrency`` workers in a task group.

The reader pulls items, checks them (an invalid item fails alone, before any
request), skips journaled ones and chunks the rest; it stops while
``window`` items are read but unsettled, so memory stays flat however long
the input. Workers take chunks fairly, send them (every request goes through
the client, hence its rate limiter and retries) and settle what the answer
says. Everything that changes the account happens in plain (non-await) code,
so a cancellation never leaves an item counted twice or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import time
from typing import TYPE_CHECKING, Any

import anyio
import anyio.lowlevel
from anyio.abc import ObjectSendStream

from .._tracing import NO_TRACING, Tracing
from ..errors import (
    AuthenticationError,
    ClientClosedError,
    InputError,
    PermissionDeniedError,
    RedirectError,
    ThuliumError,
)
from ._batcher import Batcher, Chunk
from ._entry import Entry, Settled
from ._journal import Journal, digest
from ._models import ItemResult, Outcome
from ._operation import Operation, error_text
from ._progress import Throttle
from ._recovery import Recovery
from ._report import ATTENTION, BulkReport
from ._seen import FirstSeen
from ._settings import Settings
from ._source import MALFORMED, Source

if TYPE_CHECKING:
    from ._client_api import BulkClient

__all__ = ["Engine"]

# A part-full chunk goes out once no item joined it for LINGER seconds (a slow
# input) or it is MAX_AGE seconds old (a trickle); a fast input fills chunks.
LINGER = 0.05
MAX_AGE = 1.0
_CHECKPOINT_EVERY = 256  # items the reader reads between yields to the workers
_IN_FLIGHT = "the run was abandoned while this item's request was in flight"


class Engine:
    """One bulk run of one operation over one input."""

    def __init__(
        self,
        client: BulkClient,
        op: Operation,
        items: Any,
        settings: Settings,
        tracing: Tracing = NO_TRACING,
    ) -> None:
        self._client = client
        self._tracing = tracing
        self._op = op
        self._settings = settings
        self._source = Source(items, keyed=op.keyed, per_turn=settings.chunk_size)
        self.report = BulkReport(
            op.name,
            keep_results=settings.keep_results,
            expected=self._source.expected,
            keep_failures=settings.keep_failures,
        )
        self._on_failure = settings.on_failure
        self._sink_error: Exception | None = None
        self._batcher = Batcher()
        self._recovery = Recovery(self._batcher, settings.resubmit, repeatable=op.repeatable)
        self._journal = Journal(settings.journal, op.name) if settings.journal else None
        self._window = settings.window
        # Wake the blocked reader only once an eighth of the window is free: reading
        # in runs costs one task switch per run instead of one per settled item.
        self._refill_at = self._window - max(1, self._window // 8)
        self._stream: ObjectSendStream[ItemResult] | None = None
        self._outstanding = self._in_flight = 0
        self._reader_done = self._reader_blocked = self._stopping = False
        self._reader_scope: anyio.CancelScope | None = None
        # (campaign, identity) -> index of its first item: later ones are repeats.
        self._seen = FirstSeen()

    async def run(self, stream: ObjectSendStream[ItemResult] | None = None) -> BulkReport:
        """Load everything; the report is final when this returns or raises."""
        with self._tracing.bulk(self._op.name) as span:
            try:
                return await self._run(stream)
            finally:
                span.report(_span_counts(self.report))

    async def _run(self, stream: ObjectSendStream[ItemResult] | None) -> BulkReport:
        self._stream = stream
        # Wake-ups are tokens in memory streams rather than bare events: a token
        # sent while a worker (or the reader) is between its check and its wait
        # stays buffered, so no wake-up is lost. Idle workers queue on one stream
        # and a token wakes one of them, not all; the reader waits for room on
        # another, where one pending token is enough.
        workers = self._settings.concurrency
        self._wake_send, self._wake_receive = anyio.create_memory_object_stream[None](workers)
        self._room_send, self._room_receive = anyio.create_memory_object_stream[None](1)
        stats = self._client.stats
        before = (stats.requests, stats.retries, stats.throttled, stats.transport_errors)
        started = time.monotonic()
        self._progress = Throttle(self._settings.on_progress, started)
        try:
            if self._journal is not None:
                await self._journal.open()
            async with anyio.create_task_group() as group:
                group.start_soon(self._read)
                for _ in range(self._settings.concurrency):
                    group.start_soon(self._worker)
        except BaseException as error:
            self.report.cancelled = isinstance(
                error, (anyio.get_cancelled_exc_class(), KeyboardInterrupt)
            )
            raise
        finally:
            for end in (self._wake_send, self._wake_receive, self._room_send, self._room_receive):
                end.close()
            self._seen.close()
            with anyio.CancelScope(shield=True):
                self._close(started, before)
                if self._journal is not None:
                    await self._journal.close()
                self._progress.tick(self.report, final=True)
        if self._sink_error is not None:
            raise self._sink_error
        return self.report

    def _close(self, started: float, before: tuple[int, int, int, int]) -> None:
        self._settle(self._recovery.leftovers())
        report, stats = self.report, self._client.stats
        report.elapsed = time.monotonic() - started
        report.requests = stats.requests - before[0]
        report.retries = stats.retries - before[1]
        report.throttled = stats.throttled - before[2]
        report.transport_errors = stats.transport_errors - before[3]

    # -- reading -------------------------------------------------------------------------

    async def _read(self) -> None:
        with anyio.CancelScope() as scope:
            self._reader_scope = scope
            try:
                await self._read_all()
            finally:
                self._reader_done, self._reader_blocked = True, False
                self._batcher.seal_all()
                self._wake_workers(self._settings.concurrency)

    async def _read_all(self) -> None:
        count = 0
        async for index, campaign_id, item in self._source:
            self.report.total += 1
            self._outstanding += 1
            count += 1
            settled, sealed = self._admit(index, campaign_id, item)
            if settled is not None:
                await self._emit(self._settle([settled]))
                if self._stopping:
                    return
            wake = sealed > 0 and self._idle_workers() > 0
            if sealed:
                self._wake_workers(sealed)
            while self._outstanding >= self._window and not self._stopping:
                self._reader_blocked = True
                self._wake_workers()  # someone may need to send a part-full chunk
                await self._room_receive.receive()
            self._reader_blocked = False
            if wake or count % _CHECKPOINT_EVERY == 0:
                await anyio.lowlevel.checkpoint()

    def _admit(self, index: int, campaign_id: Any, item: Any) -> tuple[Settled | None, int]:
        """(a settled item if it fails or is skipped, the number of chunks sealed)."""
        if campaign_id is MALFORMED:
            error = self._op.malformed(index, item)
            return self._recovery.invalid(index, None, item, error), 0
        try:
            prepared = self._op.prepare(campaign_id, item)
        except InputError as error:
            return self._recovery.invalid(index, campaign_id, item, error), 0
        journal = self._journal
        item_digest = digest(prepared.payload) if journal is not None else None
        cid, key = prepared.campaign_id, prepared.key
        entry = Entry(index, cid, item, key, prepared.value, item_digest)
        identity = self._op.identity(prepared)
        if identity is not None:
            earlier = self._seen.first(cid, identity, index)
            if earlier != index:
                update = self._settings.on_repeat == "update" and self._op.as_update(prepared)
                if not update:
                    text = f"repeats item {earlier}"
                    return Settled(entry, Outcome.REPEATED, error=text, repeats=earlier), 0
                entry.value, entry.repeat_of = update, earlier
        if journal is not None and item_digest and journal.finished(cid, key, item_digest):
            return Settled(entry, Outcome.SKIPPED), 0
        batch = self._settings.batch and prepared.route in self._op.batch_routes
        size = self._settings.chunk_size if batch else 1
        group = self._batcher.group(cid, prepared.route, size, batch)
        return None, self._batcher.add(group, entry)

    # -- sending -------------------------------------------------------------------------

    async def _worker(self) -> None:
        shield = self._settings.on_cancel == "finish"
        while True:
            # In process nothing may suspend between chunks: look for a cancellation.
            await anyio.lowlevel.checkpoint_if_cancelled()
            chunk = await self._next_chunk()
            if chunk is None:
                return
            self._in_flight += 1
            try:
                with anyio.CancelScope(shield=shield):
                    answer = await self._send(chunk)
            except BaseException:
                self._in_flight -= 1
                self._batcher.release(chunk)
                self._settle([Settled(e, Outcome.UNKNOWN, error=_IN_FLIGHT) for e in chunk.entries])
                raise
            self._in_flight -= 1
            self._batcher.release(chunk)
            settled = self._recovery.settle_answer(chunk, *answer)
            if isinstance(answer[1], (AuthenticationError, PermissionDeniedError, RedirectError)):
                # Every other request would be refused the same way: stop here.
                self._stop(f"{answer[1].status_code}: {error_text(answer[1])}")
            elif isinstance(answer[1], ClientClosedError):
                self._stop(str(answer[1]))
            self._wake_workers()  # freed keys or requeued entries may let a chunk go
            await self._emit(self._settle(settled))

    async def _send(self, chunk: Chunk) -> tuple[Any, Any]:
        group = chunk.group
        now = dt.datetime.now(dt.UTC)
        for entry in chunk.entries:
            if entry.first_sent is None:
                entry.first_sent = now
        try:
            sent = await self._op.send(self._client, group.route, group.batch, chunk.entries)
        except InputError as error:
            return None, error  # refused before any request was made
        except ThuliumError as error:
            self.report.calls += 1
            return None, error
        self.report.calls += 1
        return sent, None

    async def _next_chunk(self) -> Chunk | None:
        batcher = self._batcher
        while not self._stopping:
            now = time.monotonic()
            chunk = batcher.take(now)
            if chunk is not None:
                if batcher.has_ready and self._idle_workers():
                    self._wake_workers()  # pass it on: more chunks may be ready to go
                return chunk
            if self._reader_done and batcher.empty and self._in_flight == 0:
                self._wake_workers(self._settings.concurrency)  # the others see the end too
                return None
            if (self._reader_done or self._reader_blocked) and batcher.seal_one():
                continue
            timeout = batcher.wait_hint(now)
            linger = not self._reader_done and batcher.filling
            if linger and (timeout is None or timeout > LINGER):
                timeout = LINGER
            if not await self._wait_for_work(timeout) and linger:
                batcher.seal_stale(time.monotonic(), LINGER, MAX_AGE)
        return None

    def _idle_workers(self) -> int:
        return self._wake_receive.statistics().tasks_waiting_receive

    def _wake_workers(self, count: int = 1) -> None:
        for _ in range(count):
            try:
                self._wake_send.send_nowait(None)
            except anyio.WouldBlock:
                return  # every worker already has a token to wake to

    async def _wait_for_work(self, patience: float | None) -> bool:
        """Wait for a wake-up token; False when ``patience`` seconds passed first."""
        with anyio.move_on_after(math.inf if patience is None else patience):
            await self._wake_receive.receive()
            return True
        return False

    # -- settling ------------------------------------------------------------------------

    def _settle(self, settled: list[Settled]) -> list[ItemResult]:
        if not settled:
            return []
        report, journal = self.report, self._journal
        build = self._stream is not None
        results = []
        for item in settled:
            result = report.record(item, build=build)
            if result is not None and build:
                results.append(result)
            outcome, entry = item.outcome, item.entry
            if result is not None and self._on_failure is not None and outcome in ATTENTION:
                self._pass_on(result)
            if journal is not None and outcome.succeeded and entry.digest is not None:
                journal.add(
                    entry.campaign_id, entry.key, entry.digest, outcome.value, item.record_id
                )
            if self._settings.fail_fast and outcome in (Outcome.FAILED, Outcome.UNKNOWN):
                self._stop(f"fail_fast: item {entry.index} {outcome.value}")
        self._outstanding -= len(settled)
        if self._reader_blocked and self._outstanding <= self._refill_at:
            self._make_room()
        self._progress.tick(report)
        return results

    def _pass_on(self, result: ItemResult) -> None:
        # The settling loop must not be left half done (every item is counted
        # exactly once), so a sink that raises stops the run and its error is
        # raised once the report is final.
        assert self._on_failure is not None
        try:
            self._on_failure(result)
        except Exception as error:
            if self._sink_error is None:
                self._sink_error = error
                self._stop(f"on_failure raised {type(error).__name__}: {error}")

    def _stop(self, reason: str) -> None:
        if not self._stopping:
            self._stopping = True
            self.report.stopped = reason
            if self._reader_scope is not None:
                self._reader_scope.cancel()
            self._wake_workers(self._settings.concurrency)
            self._make_room()

    def _make_room(self) -> None:
        with contextlib.suppress(anyio.WouldBlock):  # a token is already pending
            self._room_send.send_nowait(None)

    async def _emit(self, results: list[ItemResult]) -> None:
        stream = self._stream
        if stream is not None:
            try:
                for result in results:
                    await stream.send(result)
            except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                self._stream = None  # the consumer left; the report still has everything
        if self._journal is not None and self._journal.due:
            await self._journal.flush()


def _span_counts(report: BulkReport) -> dict[str, int]:
    """The run's item counts by outcome (every outcome, zeros too) and its request counters."""
    counts = {f"items.{outcome.value}": report.counts[outcome] for outcome in Outcome}
    counts.update(
        items=report.total,
        requests=report.requests,
        retries=report.retries,
        throttled=report.throttled,
    )
    return counts
