"""``FakeThulium`` setup helpers for the calls area (direct state writes, no HTTP).

Calls added here are what Thulium's call detail records hold after the calls
happened; queues, topics and waiting callers are in ``_setup_queues``.
``add_call`` files history and emits nothing; ``finish_call`` ending a call
with a recording emits RECORDING_READY. Calls on agents' phones
(``ring_agent``, ``POST agents/{login}/call``) emit the full call events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..._converter import DEFAULT_TIMEZONE
from ..shared._setup import checked
from ..shared._validate import check_phone
from ._events import recording_ready
from ._models import SavedTopic
from ._setup_queues import QueuesSetup, moment
from ._store import Call
from ._views import connection_view, recording_view

__all__ = ["CallsSetup"]

_TYPES = ("INBOUND", "OUTBOUND")
_DISPOSITIONS = ("ANSWERED", "BUSY", "FAILED", "NO ANSWER")
# Mostly answered, as in a working contact center.
_SAMPLE_DISPOSITIONS = ("ANSWERED",) * 7 + ("BUSY", "FAILED", "NO ANSWER")
_CONNECTION_ID = re.compile(r"[0-9]+(\.[0-9]+)?\Z")


class CallsSetup(QueuesSetup):
    """Setup helpers of the calls area, mixed into ``FakeThulium``."""

    def seed_calls(self, n: int, *, days: int = 30) -> list[str]:
        """Add ``n`` finished sample calls over the last ``days`` days; returns their ids.

        Inbound and outbound, mostly answered, 10 s to 10 min long, taken by
        the account's agents in turn; numbers and times come from ``seed``, so
        runs repeat. For report jobs and benchmarks that pull long call lists.
        """
        if n < 0 or days < 1:
            raise ValueError("need n >= 0 and days >= 1")
        samples = self._samples
        logins = [login for login in self._state.agents if login] or [""]
        end = self._state.moment() - dt.timedelta(minutes=10)
        span = days * 86_400
        offsets = sorted(samples.between(0, span) for _ in range(n))
        ids = []
        for index, offset in enumerate(offsets):
            login = logins[index % len(logins)]
            agent = self._state.agents[login]
            extension = "" if agent.number is None else str(agent.number)
            customer = samples.phone()
            inbound = samples.between(0, 2) > 0
            disposition = samples.pick(_SAMPLE_DISPOSITIONS)
            ids.append(
                self.add_call(
                    src=customer if inbound else (extension or "3113"),
                    dst=(extension or "3113") if inbound else customer,
                    type="INBOUND" if inbound else "OUTBOUND",
                    date=end - dt.timedelta(seconds=span - offset),
                    disposition=disposition,
                    duration=samples.between(10, 600),
                    user_login=login,
                )
            )
        return ids

    def add_call(
        self,
        *,
        src: str = "500100200",
        dst: str = "3113",
        type: str = "INBOUND",
        date: str | dt.datetime | None = None,
        disposition: str = "ANSWERED",
        duration: int = 60,
        billsec: int | None = None,
        user_login: str = "",
        queue_id: int | None = None,
        topic_id: int | None = None,
        customer_id: int | None = None,
        ticket_id: int | None = None,
        outbound_result: str = "",
        operator: str = "siptrunk",
        tags: Sequence[str] = (),
        disconnected_by: str = "",
        transferred_to: str = "",
        recording: bytes | bool = False,
        folder: str = "nagrania",
        connection_id: str | None = None,
        ongoing: bool = False,
    ) -> str:
        """File a call as Thulium's call records hold it; returns its ``connection_id``.

        ``date`` is the call's start (``YYYY-MM-DD hh:mm[:ss]`` local time or a
        naive datetime; default: ``duration`` seconds before the fake's
        clock). ``billsec`` defaults to ``duration`` for an ANSWERED call, 0
        otherwise. ``recording``: ``True`` for ``billsec`` seconds of silence
        as a WAV file, or the file's bytes (answered calls only); it is named
        ``folder/YYYY-MM-DD/YYYY-MM-DD_hhmmss_<connection_id>.wav``. ``tags``
        join the account's tags. ``topic_id`` is saved as the call's topic by
        ``user_login`` (``set_call_topic`` adds a comment and field values).
        ``ongoing=True`` files a call still in progress: not listed until
        ``finish_call``.
        """
        state = self._state
        if type not in _TYPES:
            raise ValueError(f"type must be one of {_TYPES}, got {type!r}")
        if disposition not in _DISPOSITIONS:
            raise ValueError(f"disposition must be one of {_DISPOSITIONS}, got {disposition!r}")
        answered = disposition == "ANSWERED"
        billsec = (duration if answered else 0) if billsec is None else billsec
        if not 0 <= billsec <= duration or (billsec and not answered):
            raise ValueError("need 0 <= billsec <= duration, and billsec 0 unless ANSWERED")
        if recording is not False and (not answered or ongoing):
            raise ValueError("only a finished ANSWERED call has a recording")
        for number in (src, dst):
            checked(check_phone, number)
        self._check_refs(user_login, queue_id, topic_id, customer_id)
        if any(not isinstance(tag, str) or not tag for tag in tags):
            raise ValueError("tags must be non-empty strings")
        start = moment(date, state.wall_clock() - dt.timedelta(seconds=duration), "date")
        store = state.calls
        if connection_id is None:
            local = dt.datetime.fromisoformat(start).replace(tzinfo=DEFAULT_TIMEZONE)
            epoch = int(local.timestamp())
            connection_id = store.new_connection_id(epoch)
        elif not _CONNECTION_ID.match(connection_id) or connection_id in store.calls:
            raise ValueError(f"connection id {connection_id!r} is malformed or taken")
        call = Call(
            connection_id,
            start,
            src,
            dst,
            type,
            disposition=disposition,
            duration=duration,
            billsec=billsec,
            user_login=user_login,
            queue_id=queue_id,
            topic_id=topic_id,
            customer_id=customer_id,
            ticket_id=ticket_id,
            outbound_result=outbound_result,
            operator=operator,
            tags=list(dict.fromkeys(tags)),
            disconnected_by=disconnected_by,
            transferred_to=transferred_to,
            ended=not ongoing,
        )
        state.account.add_tags(call.tags)
        if recording is not False:
            store.record(call, folder, None if recording is True else recording)
        store.add(call)
        if topic_id is not None:
            store.saved_topics[connection_id] = SavedTopic(topic_id, user_login)
        return connection_id

    def finish_call(
        self,
        connection_id: str,
        *,
        duration: int | None = None,
        billsec: int | None = None,
        recording: bytes | bool = False,
        folder: str = "nagrania",
    ) -> None:
        """End a call added with ``ongoing=True``; it is listed from the next list read on.

        ``duration`` and ``billsec`` replace the call's when given; ``recording``
        works as in ``add_call`` and emits RECORDING_READY.
        """
        call = self._state.calls.calls.get(connection_id)
        if call is None or call.ended:
            raise ValueError(f"no ongoing call {connection_id!r}")
        duration = call.duration if duration is None else duration
        billsec = call.billsec if billsec is None else billsec
        if not 0 <= billsec <= duration:
            raise ValueError("need 0 <= billsec <= duration")
        if recording is not False and call.disposition != "ANSWERED":
            raise ValueError("only an ANSWERED call has a recording")
        call.duration, call.billsec = duration, billsec
        if recording is not False:
            self._state.calls.record(call, folder, None if recording is True else recording)
        call.ended = True
        recording_ready(self._state, call, self._state.moment())

    def set_call_topic(
        self,
        connection_id: str,
        topic_id: int,
        *,
        agent_login: str = "",
        comment: str = "",
        custom_fields: Mapping[int, str] | None = None,
    ) -> None:
        """Save a call's topic as an agent does (``GET connections/{id}/topic`` shows it).

        ``custom_fields`` maps topic field ids (``add_topic_field``) to values.
        The call's ``topic_id`` follows.
        """
        store = self._state.calls
        call = store.calls.get(connection_id)
        if call is None:
            raise ValueError(f"no call {connection_id!r}")
        self._check_refs(agent_login, None, topic_id, None)
        values = dict(custom_fields or {})
        unknown = sorted(set(values) - set(store.topic_fields))
        if unknown:
            raise ValueError(f"no topic field(s) {unknown}")
        store.saved_topics[connection_id] = SavedTopic(topic_id, agent_login, comment, values)
        call.topic_id = topic_id

    def _check_refs(
        self, login: str, queue_id: int | None, topic_id: int | None, customer_id: int | None
    ) -> None:
        state = self._state
        store = state.calls
        if login and login not in state.agents:
            raise ValueError(f"no agent {login!r}")
        if queue_id is not None and queue_id not in store.queues:
            raise ValueError(f"no queue {queue_id}")
        if topic_id is not None and topic_id not in store.topics:
            raise ValueError(f"no topic {topic_id}")
        if customer_id is not None and customer_id not in state.customers:
            raise ValueError(f"no customer {customer_id}")

    # -- inspection ----------------------------------------------------------------------

    def connections(self, *, ongoing: bool = False) -> list[dict[str, Any]]:
        """Finished calls as ``GET connections`` lists them (tags and topics included).

        ``ongoing=True`` appends the calls still in progress, in start order.
        """
        state = self._state
        calls = list(state.calls.finished())
        if ongoing:
            calls += [c for c in state.calls.calls.values() if not c.ended]
        return [connection_view(state, c, tags=True, topics=True) for c in calls]

    def recordings(self) -> list[dict[str, Any]]:
        """Recorded finished calls as ``GET recordings`` lists them."""
        state = self._state
        return [recording_view(state, c) for c in state.calls.finished() if c.filename]
