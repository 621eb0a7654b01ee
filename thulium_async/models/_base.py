"""What every response model shares: the answer as received."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .._decoding import RAW_FIELD

__all__ = ["Response", "own_fields"]


@attrs.frozen(kw_only=True)
class Response:
    """Base of every model the API answers with.

    ``raw`` is the JSON object this model was read from, exactly as received
    (empty for a model you build yourself); ``extra`` holds the keys the model
    has no field for, so fields Thulium adds or sends for some accounts only are
    never lost. Neither takes part in equality, hashing or repr: two models
    with the same fields are equal however they were received.

    In lenient mode (the client's default) a field whose value did not convert
    holds the value as received, so its annotation widens to "the annotation,
    or the value as received"; ``strict_responses=True`` refuses such answers.
    """

    raw: Mapping[str, Any] = attrs.field(
        factory=dict, eq=False, repr=False, metadata={RAW_FIELD: True}
    )

    @property
    def extra(self) -> dict[str, Any]:
        """The received keys this model has no field for, with their values."""
        known = _field_names(type(self))
        return {key: value for key, value in self.raw.items() if key not in known}


_NAMES: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = frozenset(field.name for field in attrs.fields(cls))
    return names


def own_fields(model: Any) -> dict[str, Any]:
    """A model's fields as a dict (``attrs.asdict`` without ``raw``): for models sent back."""
    return attrs.asdict(
        model, recurse=False, filter=lambda field, _: not field.metadata.get(RAW_FIELD)
    )
