"""Layer 2: one class per API area, one method per endpoint."""

from ._base import Context, Resource
from ._batch import (
    Batch,
    BatchCrmOutboundRecords,
    BatchCrmOutbounds,
    BatchOutboundRecords,
    BatchOutbounds,
)
from ._by_phone_number import OutboundsByPhoneNumber, OutboundStatusByPhoneNumber
from ._crm_outbounds import CrmOutboundRecords, CrmOutbounds
from ._outbound_records import OutboundRecords, OutboundRecordsByIdentifier
from ._outbounds import OutboundAgents, Outbounds, OutboundStats, OutboundStatuses
from ._statuses_cache import StatusCache

__all__ = [
    "Batch",
    "BatchCrmOutboundRecords",
    "BatchCrmOutbounds",
    "BatchOutboundRecords",
    "BatchOutbounds",
    "Context",
    "CrmOutboundRecords",
    "CrmOutbounds",
    "OutboundAgents",
    "OutboundRecords",
    "OutboundRecordsByIdentifier",
    "OutboundStats",
    "OutboundStatusByPhoneNumber",
    "OutboundStatuses",
    "Outbounds",
    "OutboundsByPhoneNumber",
    "Resource",
    "StatusCache",
]
