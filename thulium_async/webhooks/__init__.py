"""Receive Thulium webhooks: typed events and an ASGI receiver.

Thulium POSTs call, chat, CRM, campaign, agent and ticket events to a URL
configured in the panel (Administration -> Webhooks), optionally with Basic
auth. Each action has an event class named after it in CamelCase
(``OUTBOUND_COMPLETED`` -> :class:`OutboundCompleted`); actions sharing a payload
share a base class (:class:`OutboundEvent`, :class:`TicketEvent`, ...)::

    from thulium_async.webhooks import OutboundCompleted, WebhookApp

    webhooks = WebhookApp("thulium", "s3cret", background=True)

    @webhooks.on(OutboundCompleted)
    async def completed(event: OutboundCompleted) -> None:
        print(event.campaign_id, event.phone_number, event.billsec)

    # app.mount("/thulium", webhooks) in FastAPI/Starlette, then configure
    # https://host/thulium/ (with the trailing slash), or: uvicorn module:webhooks

:func:`parse_event` turns a body into an event without the app;
:func:`encode_event` turns an event back into the body Thulium would send.
"""

from ._agents import (
    AgentEvent,
    AgentLoggedIn,
    AgentLoggedOut,
    AgentPhoneConnected,
    AgentStatusChanged,
)
from ._app import WebhookApp
from ._base import EVENT_TYPES, UnknownEvent, WebhookEvent
from ._calls import (
    Abandoned,
    AgentCallEvent,
    AgentCompleted,
    AgentConnected,
    AgentNotAnswered,
    AgentRinging,
    CallEvent,
    EnterIvr,
    EnterQueue,
    ExitQueue,
    QueueCallEvent,
    QueueTransferredToAgent,
    RecordingReady,
)
from ._campaigns import (
    CampaignEvent,
    OutboundAgentFailed,
    OutboundBlacklist,
    OutboundBusy,
    OutboundCompleted,
    OutboundConnecting,
    OutboundConnectionProblem,
    OutboundCustomerConnected,
    OutboundDrop,
    OutboundEvent,
    OutboundFailure,
    OutboundFax,
    OutboundNoAnswer,
    OutboundOutcome,
    OutboundRecordSaved,
    OutboundVoiceMail,
    OutboundWrongNumber,
    PredictiveAgentAnswer,
    PreviewRecord,
)
from ._chat import ChatAgentAssigned, ChatConversationClosed, ChatConversationCreated, ChatEvent
from ._codec import encode_event, parse_event
from ._crm import CustomerCreated, CustomerEvent, CustomerFileAttached, CustomerNoteSaved
from ._enums import CallEndedBy, TicketDirection, TransferType
from ._errors import UnsupportedContentTypeError, WebhookPayloadError
from ._tickets import (
    TicketAgentReplied,
    TicketClosed,
    TicketCommentCreated,
    TicketCreated,
    TicketEvent,
    TicketMessageReceived,
    TicketQueueChanged,
    TicketStatusChanged,
)

__all__ = [
    # receiving
    "WebhookApp",
    "parse_event",
    "encode_event",
    "EVENT_TYPES",
    "WebhookPayloadError",
    "UnsupportedContentTypeError",
    # roots and family bases
    "WebhookEvent",
    "UnknownEvent",
    "ChatEvent",
    "CustomerEvent",
    "CallEvent",
    "QueueCallEvent",
    "AgentCallEvent",
    "CampaignEvent",
    "OutboundEvent",
    "OutboundOutcome",
    "AgentEvent",
    "TicketEvent",
    # chat
    "ChatAgentAssigned",
    "ChatConversationClosed",
    "ChatConversationCreated",
    # crm
    "CustomerCreated",
    "CustomerFileAttached",
    "CustomerNoteSaved",
    # calls
    "Abandoned",
    "AgentCompleted",
    "AgentConnected",
    "AgentNotAnswered",
    "AgentRinging",
    "EnterQueue",
    "ExitQueue",
    "EnterIvr",
    "QueueTransferredToAgent",
    "RecordingReady",
    # campaigns
    "OutboundConnecting",
    "OutboundCustomerConnected",
    "OutboundCompleted",
    "OutboundDrop",
    "OutboundBusy",
    "OutboundFax",
    "OutboundNoAnswer",
    "OutboundWrongNumber",
    "OutboundVoiceMail",
    "OutboundFailure",
    "OutboundConnectionProblem",
    "OutboundBlacklist",
    "OutboundAgentFailed",
    "PredictiveAgentAnswer",
    "OutboundRecordSaved",
    "PreviewRecord",
    # agents
    "AgentLoggedIn",
    "AgentLoggedOut",
    "AgentPhoneConnected",
    "AgentStatusChanged",
    # tickets
    "TicketCreated",
    "TicketMessageReceived",
    "TicketAgentReplied",
    "TicketCommentCreated",
    "TicketQueueChanged",
    "TicketStatusChanged",
    "TicketClosed",
    # enums
    "CallEndedBy",
    "TransferType",
    "TicketDirection",
]
