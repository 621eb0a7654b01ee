"""Every input check, run before any request, in one place.

Each check refuses bad input with an InputError naming the field and what it
expected, and returns the value in the form the API reads.

Callers import the package (``from .. import _validation as check``) and call
``check.campaign_id(...)``; the modules group the checks by kind: ``_ids``
(ids, phone numbers, logins), ``_values`` (numbers, flags, choices, texts,
mappings, lists) and ``_moments`` (dates and times). Encoding whole request
bodies stays with the resources that send them.
"""

from ._ids import (
    campaign_id,
    identifier,
    login,
    login_segment,
    logins,
    path_segment,
    phone_number,
    positive_id,
    positive_ids,
)
from ._moments import (
    date_filter,
    date_value,
    datetime_value,
    moment,
    require_order,
    seconds_form,
    to_moment,
)
from ._values import (
    choice,
    email,
    flag,
    items,
    number_in_range,
    optional_text,
    string_map,
    text,
    texts,
    wire_safe,
)

__all__ = [
    "campaign_id",
    "choice",
    "date_filter",
    "date_value",
    "datetime_value",
    "email",
    "flag",
    "identifier",
    "items",
    "login",
    "login_segment",
    "logins",
    "moment",
    "number_in_range",
    "optional_text",
    "path_segment",
    "phone_number",
    "positive_id",
    "positive_ids",
    "require_order",
    "seconds_form",
    "string_map",
    "text",
    "texts",
    "wire_safe",
    "to_moment",
]
