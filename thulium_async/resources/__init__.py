"""Layer 2: one class per API area, one method per endpoint."""

from ._agents import Agents, AgentsGroups, AgentsLastQueueCall, AgentsStatus, AgentsStatuses
from ._agents_work_report import AgentsWorkReport
from ._base import Context, Resource
from ._batch import (
    Batch,
    BatchCrmOutboundRecords,
    BatchCrmOutbounds,
    BatchOutboundRecords,
    BatchOutbounds,
)
from ._batch_customers import BatchCustomers
from ._by_phone_number import OutboundsByPhoneNumber, OutboundStatusByPhoneNumber
from ._chat_report import ChatSummaryReport
from ._chats import ChatConversationContent, ChatConversations, ChatQueues, ChatReports, Chats
from ._companies import Companies
from ._connections import Connections, ConnectionsTopic
from ._crm_outbounds import CrmOutboundRecords, CrmOutbounds
from ._customer_fields import CustomerFieldGroupItems, CustomerFieldGroups
from ._customers import CustomerIdByOutboundStatus, CustomerNotes, Customers
from ._outbound_records import OutboundRecords, OutboundRecordsByIdentifier
from ._outbounds import OutboundAgents, Outbounds, OutboundStats, OutboundStatuses
from ._queues import Queues, QueuesTopics, QueuesWaitingList, QueuesWaitingStats
from ._recordings import Recordings, RecordingStream
from ._sms import SmsMessages
from ._statuses_cache import StatusCache
from ._tags import Tags
from ._temporary_files import TemporaryFiles
from ._ticket_dictionaries import TicketCategories, TicketQueues, TicketStatuses
from ._tickets import TicketAttachments, Tickets, TicketTodayStats
from ._todos import Todos
from ._topics import Topics
from ._users import Users
from ._webhooks import Webhooks

__all__ = [
    "Agents",
    "AgentsGroups",
    "AgentsLastQueueCall",
    "AgentsStatus",
    "AgentsStatuses",
    "AgentsWorkReport",
    "Batch",
    "BatchCrmOutboundRecords",
    "BatchCrmOutbounds",
    "BatchCustomers",
    "BatchOutboundRecords",
    "BatchOutbounds",
    "ChatConversationContent",
    "ChatConversations",
    "ChatQueues",
    "ChatReports",
    "ChatSummaryReport",
    "Chats",
    "Companies",
    "Connections",
    "ConnectionsTopic",
    "Context",
    "CrmOutboundRecords",
    "CrmOutbounds",
    "CustomerFieldGroupItems",
    "CustomerFieldGroups",
    "CustomerIdByOutboundStatus",
    "CustomerNotes",
    "Customers",
    "OutboundAgents",
    "OutboundRecords",
    "OutboundRecordsByIdentifier",
    "OutboundStats",
    "OutboundStatusByPhoneNumber",
    "OutboundStatuses",
    "Outbounds",
    "OutboundsByPhoneNumber",
    "Queues",
    "QueuesTopics",
    "QueuesWaitingList",
    "QueuesWaitingStats",
    "RecordingStream",
    "Recordings",
    "Resource",
    "SmsMessages",
    "StatusCache",
    "Tags",
    "TemporaryFiles",
    "TicketAttachments",
    "TicketCategories",
    "TicketQueues",
    "TicketStatuses",
    "TicketTodayStats",
    "Tickets",
    "Todos",
    "Topics",
    "Users",
    "Webhooks",
]
