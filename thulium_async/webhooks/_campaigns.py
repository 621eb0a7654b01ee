"""Campaign events: every OUTBOUND_* outcome, predictive answers, saved and previewed records."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from ..models import SystemStatus
from ._base import WebhookEvent, register

__all__ = [
    "CampaignEvent",
    "OutboundAgentFailed",
    "OutboundBlacklist",
    "OutboundBusy",
    "OutboundCompleted",
    "OutboundConnecting",
    "OutboundConnectionProblem",
    "OutboundCustomerConnected",
    "OutboundDrop",
    "OutboundEvent",
    "OutboundFailure",
    "OutboundFax",
    "OutboundNoAnswer",
    "OutboundOutcome",
    "OutboundRecordSaved",
    "OutboundVoiceMail",
    "OutboundWrongNumber",
    "PredictiveAgentAnswer",
    "PreviewRecord",
]


@attrs.frozen(kw_only=True)
class CampaignEvent(WebhookEvent):
    """Base of the campaign events: one record of one outbound campaign.

    ``id`` is the five-character campaign id (``"00001"``), also readable as
    :attr:`campaign_id`. ``phone_number`` identifies the record in a regular
    campaign; CRM campaigns identify it by ``customer_id`` where the event has one.
    """

    id: str
    date: dt.datetime
    name: str | None = None
    record_id: int | None = None
    phone_number: str | None = None
    agent_login: str | None = None

    @property
    def campaign_id(self) -> str:
        """The five-character campaign id (the payload's ``id``)."""
        return self.id


@attrs.frozen(kw_only=True)
class OutboundEvent(CampaignEvent):
    """Base of the dialler events: the shared OUTBOUND_* payload.

    The docs do not say which fields each action leaves out: ``duration``,
    ``billsec`` and ``filename`` are only meaningful once an answered call ended.
    """

    connection_id: str | None = None
    customer_id: int | None = None
    duration: int | None = None
    billsec: int | None = None
    filename: str | None = None
    caller_id: str | None = None


@attrs.frozen(kw_only=True)
class OutboundOutcome(OutboundEvent):
    """Base of the OUTBOUND_* events that end one dialling attempt, answered or not."""


@register
@attrs.frozen(kw_only=True)
class OutboundConnecting(OutboundEvent):
    """OUTBOUND_CONNECTING: dialling has started; ``attempt`` counts the tries."""

    ACTION: ClassVar[str] = "OUTBOUND_CONNECTING"
    attempt: int | None = None


@register
@attrs.frozen(kw_only=True)
class OutboundCustomerConnected(OutboundEvent):
    """OUTBOUND_CUSTOMER_CONNECTED: the customer picked up."""

    ACTION: ClassVar[str] = "OUTBOUND_CUSTOMER_CONNECTED"


@register
@attrs.frozen(kw_only=True)
class PredictiveAgentAnswer(OutboundEvent):
    """PREDICTIVE_AGENT_ANSWER: the agent answered a predictive call."""

    ACTION: ClassVar[str] = "PREDICTIVE_AGENT_ANSWER"


@register
@attrs.frozen(kw_only=True)
class OutboundCompleted(OutboundOutcome):
    """OUTBOUND_COMPLETED: an answered call has ended."""

    ACTION: ClassVar[str] = "OUTBOUND_COMPLETED"


@register
@attrs.frozen(kw_only=True)
class OutboundDrop(OutboundOutcome):
    """OUTBOUND_DROP: the dialler dropped the call (no agent was free)."""

    ACTION: ClassVar[str] = "OUTBOUND_DROP"


@register
@attrs.frozen(kw_only=True)
class OutboundBusy(OutboundOutcome):
    """OUTBOUND_BUSY: the customer's line was busy."""

    ACTION: ClassVar[str] = "OUTBOUND_BUSY"


@register
@attrs.frozen(kw_only=True)
class OutboundFax(OutboundOutcome):
    """OUTBOUND_FAX: a fax machine answered."""

    ACTION: ClassVar[str] = "OUTBOUND_FAX"


@register
@attrs.frozen(kw_only=True)
class OutboundNoAnswer(OutboundOutcome):
    """OUTBOUND_NO_ANSWER: the customer did not answer."""

    ACTION: ClassVar[str] = "OUTBOUND_NO_ANSWER"


@register
@attrs.frozen(kw_only=True)
class OutboundWrongNumber(OutboundOutcome):
    """OUTBOUND_WRONG_NUMBER: the number is invalid."""

    ACTION: ClassVar[str] = "OUTBOUND_WRONG_NUMBER"


@register
@attrs.frozen(kw_only=True)
class OutboundVoiceMail(OutboundOutcome):
    """OUTBOUND_VOICE_MAIL: an answering machine picked up."""

    ACTION: ClassVar[str] = "OUTBOUND_VOICE_MAIL"


@register
@attrs.frozen(kw_only=True)
class OutboundFailure(OutboundOutcome):
    """OUTBOUND_FAILURE: an unidentified connection problem."""

    ACTION: ClassVar[str] = "OUTBOUND_FAILURE"


@register
@attrs.frozen(kw_only=True)
class OutboundConnectionProblem(OutboundOutcome):
    """OUTBOUND_CONNECTION_PROBLEM: a connection problem on the carrier's side."""

    ACTION: ClassVar[str] = "OUTBOUND_CONNECTION_PROBLEM"


@register
@attrs.frozen(kw_only=True)
class OutboundBlacklist(OutboundOutcome):
    """OUTBOUND_BLACKLIST: the number is on the blacklist."""

    ACTION: ClassVar[str] = "OUTBOUND_BLACKLIST"


@register
@attrs.frozen(kw_only=True)
class OutboundAgentFailed(OutboundOutcome):
    """OUTBOUND_AGENT_FAILED: the call could not be set up for the agent.

    For example the agent's phone failed just before dialling; no
    OUTBOUND_CONNECTING may have been sent for this attempt.
    """

    ACTION: ClassVar[str] = "OUTBOUND_AGENT_FAILED"


@register
@attrs.frozen(kw_only=True)
class OutboundRecordSaved(CampaignEvent):
    """OUTBOUND_RECORD_SAVED: an agent saved a campaign record.

    ``status_id`` is the campaign status now set (``previous_status_id`` the one
    before, None when there was none); ``assigned_agent_login`` and
    ``next_call_date`` carry a MY_RECORD / CALL_NO_SOONER_THAN schedule.
    """

    ACTION: ClassVar[str] = "OUTBOUND_RECORD_SAVED"
    system_status: SystemStatus | None = None
    status_id: int | None = None
    previous_status_id: int | None = None
    connection_id: str | None = None
    next_call_date: dt.datetime | None = None
    assigned_agent_login: str | None = None


@register
@attrs.frozen(kw_only=True)
class PreviewRecord(CampaignEvent):
    """PREVIEW_RECORD: a preview-campaign record card was shown to an agent."""

    ACTION: ClassVar[str] = "PREVIEW_RECORD"
    customer_id: int | None = None
