"""``outbounds_by_phone_number`` and ``outbound_status_by_phone_number``."""

from __future__ import annotations

from typing import Any

from .. import _validation as check
from .._transport import RawResponse
from ._base import Resource

__all__ = ["OutboundStatusByPhoneNumber", "OutboundsByPhoneNumber"]


class _CampaignIdsResource(Resource):
    def _campaign_ids(self, raw: RawResponse) -> list[str]:
        """``{"outbound_id": [...]}`` or a plain list, as a list of campaign ids."""
        body: Any = raw.json()
        ids = body.get("outbound_id") if isinstance(body, dict) else body
        return self._structure(raw, list[str], ids or [])


class OutboundsByPhoneNumber(_CampaignIdsResource):
    """``outbounds_by_phone_number/:phone_number``."""

    async def get(self, phone_number: str) -> list[str]:
        """Ids of the campaigns holding a record with this number.

        Inferred endpoint: the answer is read as ``{"outbound_id": [...]}`` (as
        ``outbound_status_by_phone_number`` documents) or a plain list of ids.
        """
        phone = check.phone_number(phone_number)
        raw = await self._call("GET", f"outbounds_by_phone_number/{phone}")
        return self._campaign_ids(raw)


class OutboundStatusByPhoneNumber(_CampaignIdsResource):
    """``outbound_status_by_phone_number``."""

    async def create(self, *, phone_number: str, status_id: int) -> list[str]:
        """Give every record with this main number a dictionary status; returns campaign ids.

        The API names the parameter ``status_id`` but it holds a *dictionary*
        status id (account-wide), not a campaign's status id. Additional numbers
        are not searched. Safe to repeat: setting a status twice changes nothing.
        """
        body = {
            "phone_number": check.phone_number(phone_number),
            "status_id": check.positive_id(status_id, "status_id"),
        }
        raw = await self._call(
            "POST", "outbound_status_by_phone_number", json=body, safe_to_repeat=True
        )
        return self._campaign_ids(raw)
