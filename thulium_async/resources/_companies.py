"""``companies``: CRM companies (each also a customer record)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import _validation as check
from .._pagination import Paginator
from ..models import AddressInput, Company, CreatedCompany
from ._base import Resource
from ._crm_inputs import COMPANY_SORTABLE, crm_list_params, encode_company, include_params

__all__ = ["Companies"]

MAX_PAGE_SIZE = 1000


class Companies(Resource):
    """``companies``: search, read, create, change and delete CRM companies."""

    def list(
        self,
        *,
        identifier: str | None = None,
        email: str | None = None,
        phone_number: str | None = None,
        nip: str | None = None,
        type: str | None = None,
        group: str | None = None,
        custom_fields: Mapping[str, str | Sequence[str]] | None = None,
        include_custom_fields: bool | None = None,
        include_address: bool | None = None,
        include_invoice_address: bool | None = None,
        include_mail_drop_address: bool | None = None,
        order: str | Sequence[str] | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[Company]:
        """A paginator over the companies matching every filter given.

        ``identifier=""`` or ``phone_number=""`` finds companies *without* one;
        ``custom_fields`` as for customers. ``order`` sorts by name, nip,
        company_id or identifier: the docs' example also sorts by customer_id,
        which their own list of sortable fields omits, so it is refused here.
        Plain-array answer: pages of up to 1000 are read until a short one.
        """
        params = crm_list_params(
            {
                "identifier": identifier,
                "email": email,
                "phone_number": phone_number,
                "nip": nip,
                "type": type,
                "group": group,
            },
            custom_fields=custom_fields,
            order=order,
            sortable=COMPANY_SORTABLE,
        )
        params += include_params(
            include_custom_fields=include_custom_fields,
            include_address=include_address,
            include_invoice_address=include_invoice_address,
            include_mail_drop_address=include_mail_drop_address,
        )
        return self._paginate(
            "companies",
            params,
            Company,
            max_page_size=MAX_PAGE_SIZE,
            page_size=page_size,
            max_items=max_items,
            concurrency=1,
        )

    async def get(
        self,
        id: int,
        *,
        include_custom_fields: bool | None = None,
        include_address: bool | None = None,
        include_invoice_address: bool | None = None,
        include_mail_drop_address: bool | None = None,
    ) -> Company:
        """One company by its company id, with custom fields and addresses when asked for."""
        company = check.positive_id(id, "id")
        params = include_params(
            include_custom_fields=include_custom_fields,
            include_address=include_address,
            include_invoice_address=include_invoice_address,
            include_mail_drop_address=include_mail_drop_address,
        )
        raw = await self._call("GET", f"companies/{company}", params=params)
        return self._structure(raw, Company)

    async def create(
        self,
        *,
        name: str,
        nip: str | None = None,
        email: str | None = None,
        phone_number: str | Sequence[str] | None = None,
        type: str | None = None,
        group: str | None = None,
        identifier: str | None = None,
        note: str | None = None,
        custom_fields: Mapping[str, str | int | float | None] | None = None,
        fill_read_only_custom_fields: bool | None = None,
        account_manager: str | None = None,
        vip: bool | None = None,
        address: AddressInput | None = None,
        invoice_address: AddressInput | None = None,
        mail_drop_address: AddressInput | None = None,
    ) -> CreatedCompany:
        """Create a company; returns its company id and the id of its customer record.

        ``nip`` must be unique when given. Not retried after an ambiguous
        failure: without a ``nip`` a repeat would create a second company.
        """
        # Every argument is a body field of the same name: the encoder reads them all.
        body = encode_company(dict(locals()), creating=True)
        raw = await self._call("POST", "companies", json=body)
        return self._structure(raw, CreatedCompany)

    async def update(
        self,
        id: int,
        *,
        name: str | None = None,
        nip: str | None = None,
        email: str | None = None,
        phone_number: str | Sequence[str] | None = None,
        type: str | None = None,
        group: str | None = None,
        identifier: str | None = None,
        note: str | None = None,
        custom_fields: Mapping[str, str | int | float | None] | None = None,
        fill_read_only_custom_fields: bool | None = None,
        account_manager: str | None = None,
        vip: bool | None = None,
        address: AddressInput | None = None,
        invoice_address: AddressInput | None = None,
        mail_drop_address: AddressInput | None = None,
    ) -> None:
        """Change a company: only the arguments given are sent (``""`` clears a field)."""
        company = check.positive_id(id, "id")
        # The encoder reads the body fields by name; `self`, `id` and `company` are ignored.
        body = encode_company(dict(locals()), creating=False)
        await self._call("PUT", f"companies/{company}", json=body)

    async def delete(self, id: int) -> None:
        """Delete a company and what depends on it (call, chat and ticket history stay)."""
        company = check.positive_id(id, "id")
        await self._call("DELETE", f"companies/{company}")
