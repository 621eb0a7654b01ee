"""Typed models of the Thulium API: what it answers and what callers send."""

from ._batch import BatchItemResult, BatchResult
from ._campaigns import (
    Campaign,
    CampaignAgent,
    CampaignRecord,
    CampaignStats,
    CampaignStatus,
    CreatedCampaign,
    CrmCampaignRecord,
)
from ._enums import BatchStatus, Dialer, OpenStrEnum, SystemStatus
from ._inputs import NewCrmRecord, NewRecord, RecordUpdate

__all__ = [
    "BatchItemResult",
    "BatchResult",
    "BatchStatus",
    "Campaign",
    "CampaignAgent",
    "CampaignRecord",
    "CampaignStats",
    "CampaignStatus",
    "CreatedCampaign",
    "CrmCampaignRecord",
    "Dialer",
    "NewCrmRecord",
    "NewRecord",
    "OpenStrEnum",
    "RecordUpdate",
    "SystemStatus",
]
