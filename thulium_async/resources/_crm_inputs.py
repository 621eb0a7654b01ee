"""Checking and encoding CRM bodies (customers and companies) and their list filters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .. import _validation as check
from .._validation import email, optional_text, text
from ..errors import InputError
from ..models import Address, CustomerUpdate, NewCustomer
from ..models._base import own_fields
from ._query_filters import custom_field_params, flag_params, order_param

__all__ = [
    "COMPANY_SORTABLE",
    "CUSTOMER_SORTABLE",
    "crm_list_params",
    "encode_company",
    "encode_customer",
    "include_params",
    "input_values",
]

CUSTOMER_SORTABLE = ("surname", "name", "nip", "company_id", "customer_id", "identifier")
COMPANY_SORTABLE = ("name", "nip", "company_id", "identifier")
_CUSTOMER_TEXT = (
    "name",
    "surname",
    "type",
    "group",
    "identifier",
    "gender",
    "homepage",
    "nip",
    "note",
    "pesel",
    "job",
    "job_title",
    "account_manager",
)
_COMPANY_TEXT = ("name", "nip", "type", "group", "identifier", "note", "account_manager")
_ADDRESSES = ("address", "invoice_address", "mail_drop_address")
_ADDRESS_KEYS = ("street", "building", "flat", "postcode", "city", "country")


def _address(value: Any, field: str) -> dict[str, str]:
    """An address body: the keys the API takes; None values are left out."""
    if isinstance(value, Address):
        given = {k: v for k, v in own_fields(value).items() if v is not None}
    elif isinstance(value, Mapping):
        given = {k: v for k, v in value.items() if v is not None}
    else:
        raise InputError(field, "an Address or a mapping such as {'city': 'Krakow'}", value)
    body: dict[str, str] = {}
    for key, item in given.items():
        if key not in _ADDRESS_KEYS:
            raise InputError(f"{field}.{key}", f"one of {list(_ADDRESS_KEYS)} (sendable)", item)
        body[key] = optional_text(item, f"{field}.{key}")
    if not body:
        raise InputError(field, "at least one address part", value)
    return body


def _one_or_many(value: Any, field: str, each: Any) -> str | list[str]:
    """One value as itself, several as a list (the API takes both forms)."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(each(value, field))
    if not isinstance(value, Iterable):
        raise InputError(field, "one value or a list of values", value)
    values = [str(each(item, f"{field}[{i}]")) for i, item in enumerate(value)]
    if not values:
        raise InputError(field, "at least one value", value)
    return values


def _encode(
    values: Mapping[str, Any],
    text_fields: Sequence[str],
    *,
    mandatory: str,
    creating: bool,
    prefix: str,
) -> dict[str, Any]:
    """Text fields, custom fields, flags and addresses; ``mandatory`` can never be emptied."""
    body: dict[str, Any] = {}
    for name in text_fields:
        value = values.get(name)
        if value is None:
            continue
        check_text = text if name == mandatory else optional_text
        body[name] = check_text(value, f"{prefix}{name}")
    if creating and mandatory not in body:
        raise InputError(f"{prefix}{mandatory}", "a value (required)", None)
    if values.get("custom_fields") is not None:
        body["custom_fields"] = check.string_map(values["custom_fields"], f"{prefix}custom_fields")
    for name in ("fill_read_only_custom_fields", "vip"):
        if values.get(name) is not None:
            body[name] = check.flag(values[name], f"{prefix}{name}")
    for name in _ADDRESSES:
        if values.get(name) is not None:
            body[name] = _address(values[name], f"{prefix}{name}")
    return body


def encode_customer(
    values: Mapping[str, Any], *, creating: bool, prefix: str = ""
) -> dict[str, Any]:
    """The JSON body of a customer create or change (None values are not sent).

    Text fields may be ``""`` (clears the field), except ``surname``;
    ``custom_fields`` values of None or ``""`` clear a field. Ids go out as numbers.
    """
    body = _encode(values, _CUSTOMER_TEXT, mandatory="surname", creating=creating, prefix=prefix)
    if values.get("email") is not None:
        body["email"] = _one_or_many(values["email"], f"{prefix}email", email)
    if values.get("phone_number") is not None:
        body["phone_number"] = _one_or_many(
            values["phone_number"], f"{prefix}phone_number", check.phone_number
        )
    if values.get("company_id") is not None:
        body["company_id"] = check.positive_id(values["company_id"], f"{prefix}company_id")
    if values.get("birthdate") is not None:
        body["birthdate"] = check.date_value(values["birthdate"], f"{prefix}birthdate")
    if not body:
        raise InputError(prefix.rstrip(".") or "update", "at least one field to set", None)
    check.wire_safe(body, prefix.rstrip("."))
    return body


def encode_company(values: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    """The JSON body of a company create or change (``name`` required on create)."""
    body = _encode(values, _COMPANY_TEXT, mandatory="name", creating=creating, prefix="")
    if values.get("email") is not None:
        body["email"] = email(values["email"], "email")
    if values.get("phone_number") is not None:
        body["phone_number"] = _one_or_many(
            values["phone_number"], "phone_number", check.phone_number
        )
    if not body:
        raise InputError("update", "at least one field to set", None)
    check.wire_safe(body, "")
    return body


_FIELDS: dict[type, frozenset[str]] = {
    cls: frozenset(field.name for field in attrs.fields(cls))
    for cls in (NewCustomer, CustomerUpdate)
}


def input_values(item: Any, cls: type, prefix: str) -> dict[str, Any]:
    """Field values of a NewCustomer/CustomerUpdate, or of a mapping with its keys."""
    if isinstance(item, cls):
        return {name: getattr(item, name) for name in _FIELDS[cls]}
    if isinstance(item, Mapping):
        unknown = set(item) - _FIELDS[cls]
        if unknown:
            raise InputError(
                f"{prefix}{sorted(unknown)[0]}", f"one of {cls.__name__}'s fields", None
            )
        return dict(item)
    raise InputError(prefix.rstrip("."), f"a {cls.__name__} or a mapping of its fields", item)


def include_params(
    *,
    include_custom_fields: bool | None,
    include_address: bool | None,
    include_invoice_address: bool | None,
    include_mail_drop_address: bool | None,
) -> list[tuple[str, str]]:
    """The ``include_*`` switches of customer and company reads."""
    return flag_params(
        include_custom_fields=include_custom_fields,
        include_address=include_address,
        include_invoice_address=include_invoice_address,
        include_mail_drop_address=include_mail_drop_address,
    )


def crm_list_params(
    filters: Mapping[str, Any],
    *,
    custom_fields: Mapping[str, str | Sequence[str]] | None,
    order: str | Sequence[str] | None,
    sortable: Sequence[str],
) -> list[tuple[str, str]]:
    """Text filters (``""`` finds entries without the value), custom fields and order."""
    params: list[tuple[str, str]] = []
    for name, value in filters.items():
        if value is None:
            continue
        if name == "company_id":
            params.append((name, str(check.positive_id(value, name))))
        elif name == "phone_number" and value != "":
            params.append((name, check.phone_number(value, name)))
        else:
            params.append((name, optional_text(value, name)))
    if custom_fields is not None:
        params += custom_field_params(custom_fields)
    if order is not None:
        params.append(("order", order_param(order, sortable)))
    return params
