"""Call events: queues, IVR, agents ringing and answering, recordings."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from ._base import WebhookEvent, register
from ._enums import CallEndedBy, TransferType

__all__ = [
    "Abandoned",
    "AgentCallEvent",
    "AgentCompleted",
    "AgentConnected",
    "AgentNotAnswered",
    "AgentRinging",
    "CallEvent",
    "EnterIvr",
    "EnterQueue",
    "ExitQueue",
    "QueueCallEvent",
    "QueueTransferredToAgent",
    "RecordingReady",
]


@attrs.frozen(kw_only=True)
class CallEvent(WebhookEvent):
    """Base of the call events: ``connection_id`` identifies the call.

    It looks like a decimal number (``"1416225570.341"``) but is a string:
    parsing it as a float would lose trailing zeros.
    """

    connection_id: str
    date: dt.datetime


@attrs.frozen(kw_only=True)
class QueueCallEvent(CallEvent):
    """Base of the call events that happen in a call queue."""

    queue_id: int | None = None


@attrs.frozen(kw_only=True)
class AgentCallEvent(QueueCallEvent):
    """Base of the queue-call events offered to one agent.

    ``destination_number`` is the agent's extension.
    """

    agent_login: str | None = None
    source_number: str | None = None
    destination_number: str | None = None


@register
@attrs.frozen(kw_only=True)
class Abandoned(QueueCallEvent):
    """ABANDONED: the caller hung up while waiting in a queue after ``hold_time`` seconds."""

    ACTION: ClassVar[str] = "ABANDONED"
    source_number: str | None = None
    hold_time: int | None = None


@register
@attrs.frozen(kw_only=True)
class AgentRinging(AgentCallEvent):
    """AGENT_RINGING: a queue call is ringing at an agent."""

    ACTION: ClassVar[str] = "AGENT_RINGING"


@register
@attrs.frozen(kw_only=True)
class AgentNotAnswered(AgentCallEvent):
    """AGENT_NOT_ANSWERED: an agent did not answer a queue call offered to them."""

    ACTION: ClassVar[str] = "AGENT_NOT_ANSWERED"


@register
@attrs.frozen(kw_only=True)
class AgentConnected(AgentCallEvent):
    """AGENT_CONNECTED: an agent answered a queue call."""

    ACTION: ClassVar[str] = "AGENT_CONNECTED"
    customer_id: int | None = None


@register
@attrs.frozen(kw_only=True)
class AgentCompleted(AgentCallEvent):
    """AGENT_COMPLETED: a queue call handled by an agent ended.

    ``duration`` and ``billsec`` are seconds; ``reason`` says who hung up.
    """

    ACTION: ClassVar[str] = "AGENT_COMPLETED"
    customer_id: int | None = None
    duration: int | None = None
    billsec: int | None = None
    filename: str | None = None
    reason: CallEndedBy | None = None


@register
@attrs.frozen(kw_only=True)
class EnterQueue(QueueCallEvent):
    """ENTER_QUEUE: a call entered a queue."""

    ACTION: ClassVar[str] = "ENTER_QUEUE"
    source_number: str | None = None
    source_name: str | None = None


@register
@attrs.frozen(kw_only=True)
class ExitQueue(QueueCallEvent):
    """EXIT_QUEUE: a call left a queue."""

    ACTION: ClassVar[str] = "EXIT_QUEUE"


@register
@attrs.frozen(kw_only=True)
class EnterIvr(CallEvent):
    """ENTER_IVR: a call entered an IVR; ``destination_number`` is the number dialled."""

    ACTION: ClassVar[str] = "ENTER_IVR"
    source_number: str | None = None
    destination_number: str | None = None


@register
@attrs.frozen(kw_only=True)
class QueueTransferredToAgent(QueueCallEvent):
    """QUEUE_TRANSFERRED_TO_AGENT: a queue call was transferred to an agent."""

    ACTION: ClassVar[str] = "QUEUE_TRANSFERRED_TO_AGENT"
    type: TransferType | None = None
    agent_login: str | None = None
    destination_number: str | None = None


@register
@attrs.frozen(kw_only=True)
class RecordingReady(CallEvent):
    """RECORDING_READY: the recording of a call is available as ``filename``."""

    ACTION: ClassVar[str] = "RECORDING_READY"
    filename: str | None = None
