"""``customers`` (CRM customers, notes, contact history) and ``customer_id_by_outbound_status``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson

from .. import _validation as check
from .._pagination import Paginator
from .._validation import text
from ..errors import InputError
from ..models import AddressInput, Customer
from ._base import Context, Resource, array_param
from ._crm_inputs import CUSTOMER_SORTABLE, crm_list_params, encode_customer, include_params
from ._query_filters import flag_params

__all__ = ["CustomerIdByOutboundStatus", "CustomerNotes", "Customers"]

MAX_PAGE_SIZE = 1000


class CustomerNotes(Resource):
    """``customers/:id/notes``."""

    async def create(self, id: int, *, message: str, user_login: str | None = None) -> None:
        """Add a note to a customer, written by ``user_login`` when given.

        Not retried after an ambiguous failure: the note could be added twice.
        """
        customer = check.positive_id(id, "id")
        body: dict[str, Any] = {"message": text(message, "message")}
        if user_login is not None:
            body["user_login"] = check.login(user_login, "user_login")
        await self._call("POST", f"customers/{customer}/notes", json=body)


class Customers(Resource):
    """``customers``: the CRM's customers; ``notes`` below it."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.notes = CustomerNotes(context)

    def list(
        self,
        *,
        identifier: str | None = None,
        email: str | None = None,
        phone_number: str | None = None,
        nip: str | None = None,
        company_id: int | None = None,
        company_flag: bool | None = None,
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
    ) -> Paginator[Customer]:
        """A paginator over the customers matching every filter given.

        ``identifier=""`` or ``phone_number=""`` finds customers *without* one.
        ``custom_fields`` maps field names to a value or a list of alternatives
        (``{"Kraj": ["POLSKA", "NORWEGIA"], "Miasto": "Kraków"}``). ``order``
        sorts by surname, name, nip, company_id, customer_id or identifier
        (``"-nip"`` descending; a list or ``"name,-nip"`` for several). The
        answer is a plain array (no count): pages of up to 1000 are read one
        after another until a short one.
        """
        params = crm_list_params(
            {
                "identifier": identifier,
                "email": email,
                "phone_number": phone_number,
                "nip": nip,
                "company_id": company_id,
                "type": type,
                "group": group,
            },
            custom_fields=custom_fields,
            order=order,
            sortable=CUSTOMER_SORTABLE,
        )
        params += flag_params(company_flag=company_flag)
        params += include_params(
            include_custom_fields=include_custom_fields,
            include_address=include_address,
            include_invoice_address=include_invoice_address,
            include_mail_drop_address=include_mail_drop_address,
        )
        return self._paginate(
            "customers",
            params,
            Customer,
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
    ) -> Customer:
        """One customer by id, with custom fields and addresses when asked for."""
        customer = check.positive_id(id, "id")
        params = include_params(
            include_custom_fields=include_custom_fields,
            include_address=include_address,
            include_invoice_address=include_invoice_address,
            include_mail_drop_address=include_mail_drop_address,
        )
        raw = await self._call("GET", f"customers/{customer}", params=params)
        return self._structure(raw, Customer)

    async def create(
        self,
        *,
        surname: str,
        name: str | None = None,
        email: str | Sequence[str] | None = None,
        phone_number: str | Sequence[str] | None = None,
        company_id: int | None = None,
        type: str | None = None,
        group: str | None = None,
        identifier: str | None = None,
        gender: str | None = None,
        homepage: str | None = None,
        birthdate: dt.date | str | None = None,
        nip: str | None = None,
        note: str | None = None,
        pesel: str | None = None,
        job: str | None = None,
        job_title: str | None = None,
        account_manager: str | None = None,
        custom_fields: Mapping[str, str | int | float | None] | None = None,
        fill_read_only_custom_fields: bool | None = None,
        vip: bool | None = None,
        address: AddressInput | None = None,
        invoice_address: AddressInput | None = None,
        mail_drop_address: AddressInput | None = None,
    ) -> int:
        """Create a customer; returns its id.

        ``email`` and ``phone_number`` take one value or a list (the first is the
        main one). ``custom_fields`` maps field display names to values; a name
        the account lacks is *created* by the API. ``birthdate``'s format is not
        documented: a date goes out as ``YYYY-MM-DD``. Not retried after an
        ambiguous failure: the API has no unique key to refuse a duplicate.
        """
        # Every argument is a body field of the same name: the encoder reads them all.
        body = encode_customer(dict(locals()), creating=True)
        raw = await self._call("POST", "customers", json=body)
        return int(self._structure(raw, dict[str, int])["customer_id"])

    async def update(
        self,
        id: int,
        *,
        surname: str | None = None,
        name: str | None = None,
        email: str | Sequence[str] | None = None,
        phone_number: str | Sequence[str] | None = None,
        company_id: int | None = None,
        type: str | None = None,
        group: str | None = None,
        identifier: str | None = None,
        gender: str | None = None,
        homepage: str | None = None,
        birthdate: dt.date | str | None = None,
        nip: str | None = None,
        note: str | None = None,
        pesel: str | None = None,
        job: str | None = None,
        job_title: str | None = None,
        account_manager: str | None = None,
        custom_fields: Mapping[str, str | int | float | None] | None = None,
        fill_read_only_custom_fields: bool | None = None,
        vip: bool | None = None,
        address: AddressInput | None = None,
        invoice_address: AddressInput | None = None,
        mail_drop_address: AddressInput | None = None,
    ) -> None:
        """Change a customer: only the arguments given are sent.

        ``""`` clears a text field or a custom field (None leaves it alone);
        ``email``/``phone_number`` replace the customer's list.
        """
        customer = check.positive_id(id, "id")
        # The encoder reads the body fields by name; `self`, `id` and `customer` are ignored.
        body = encode_customer(dict(locals()), creating=False)
        await self._call("PUT", f"customers/{customer}", json=body)

    async def delete(self, id: int) -> None:
        """Delete a customer and what depends on it (call, chat and ticket history stay)."""
        customer = check.positive_id(id, "id")
        await self._call("DELETE", f"customers/{customer}")

    async def feed_records(self, id: int, *, type: str, payload: Any) -> None:
        """Add an entry to the customer's contact history (``type`` documented: ``ZOWIE``).

        The API takes ``payload`` as a *string* holding JSON; a list or mapping
        given here is JSON-encoded into that string, a string is sent as is.
        Not retried after an ambiguous failure: the entry could appear twice.
        """
        customer = check.positive_id(id, "id")
        if not isinstance(payload, str):
            try:
                payload = orjson.dumps(payload).decode()
            except TypeError:
                raise InputError(
                    "payload", "a JSON string or JSON-encodable data", payload
                ) from None
        if not payload:
            raise InputError("payload", "a non-empty JSON string", payload)
        body = {"type": text(type, "type"), "payload": payload}
        await self._call("POST", f"customers/{customer}/feed_records", json=body)


class CustomerIdByOutboundStatus(Resource):
    """``customer_id_by_outbound_status``."""

    async def list(
        self,
        *,
        outbound_id: Iterable[str | int] | str | int,
        status_id: Iterable[int] | int,
    ) -> list[int]:
        """Ids of the CRM customers whose record in the campaign(s) has the status(es).

        Both take one value or several; status ids are the campaigns' own
        (``outbounds.statuses.list``). Whether the API pairs the two lists by
        position is not documented; its example gives one status per campaign
        (``outbound_id[]=00002&status_id[]=1&outbound_id[]=00003&status_id[]=1``),
        so give equal-length lists when pairs are meant. Each list goes out as
        one run of ``name[]=`` (the server reads the same arrays as from the
        example's interleaved form).
        """
        campaigns = [outbound_id] if isinstance(outbound_id, (str, int)) else outbound_id
        params = array_param("outbound_id", campaigns, check.campaign_id)
        if not params:
            raise InputError("outbound_id", "at least one campaign id", outbound_id)
        statuses = array_param("status_id", status_id, check.positive_id)
        if not statuses:
            raise InputError("status_id", "at least one status id", status_id)
        params += statuses
        raw = await self._call("GET", "customer_id_by_outbound_status", params=params)
        body = raw.json()
        ids = body.get("customer_id") if isinstance(body, dict) else body
        return self._structure(raw, list[int], ids if ids is not None else [])
