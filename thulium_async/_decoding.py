"""Response models structured field by field: strictly, or leniently as the real API needs.

The Thulium docs are examples with known errors and answers vary by account, so
by default (lenient) one odd field never costs the caller the whole answer:

- a field that is missing gets its default (None: every field the docs do not
  guarantee is typed ``T | None``); a missing *identity* field (the fields with
  no default: ids, a record's phone number) reads None too, with a warning, so
  a list item lacking its identity is reported and the rest of the page is kept;
- a value that does not convert is kept as received (so the attribute may hold,
  say, the str ``'tak'`` where a bool is annotated: in lenient mode a field's
  annotation widens to "the annotation, or the value as received"), with a warning;
- unknown keys are kept: every response model carries the mapping as received
  in ``raw`` and the keys it has no field for in ``extra``.

Strict mode (``Client(strict_responses=True)``) is the exact check: a missing
identity or a value that does not convert raises cattrs' ClassValidationError
with the attribute path, which resources turn into a DecodeError naming it.
Unknown keys are never an error, in either mode: the API adds fields over time.

Warnings go to the ``thulium_async`` logger once per model field and client
(:class:`LenientLog`), naming the path: ``Campaign.crm: expected a boolean, got 'tak'``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError

__all__ = ["RAW_FIELD", "LenientLog", "is_response_model", "make_model_hook"]

# attrs metadata key marking the field that receives the answer's mapping as is.
RAW_FIELD = "thulium_raw"

_logger = logging.getLogger("thulium_async")


class LenientLog:
    """Where lenient decoding reports what it kept as received: each model field once.

    One per client (shared by its ``with_options`` clones), so a page of 100
    records with the same odd field logs one line, not 100, and a second client
    reports it again.
    """

    def __init__(self, logger: logging.Logger = _logger) -> None:
        self._logger = logger
        self._seen: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def warn(self, model: str, field: str, problem: str) -> None:
        """Log ``model.field: problem`` unless this client already did for that field."""
        key = (model, field)
        with self._lock:
            if key in self._seen:
                return
            self._seen.add(key)
        self._logger.warning(
            "%s.%s: %s (kept as received; strict_responses=True makes this an error)",
            model,
            field,
            problem,
        )


def is_response_model(type_: Any) -> bool:
    """An attrs class with a ``raw`` field marked :data:`RAW_FIELD` (see ``models.Response``)."""
    return (
        isinstance(type_, type)
        and attrs.has(type_)
        and any(field.metadata.get(RAW_FIELD) for field in attrs.fields(type_))
    )


@attrs.frozen
class _Field:
    name: str
    type: Any
    hook: Callable[[Any, Any], Any]
    required: bool


def _describe(exc: BaseException, path: str) -> str:
    if isinstance(exc, cattrs.BaseValidationError):
        return "; ".join(cattrs.transform_error(exc, path=path))
    return str(exc) or type(exc).__name__


def make_model_hook(
    converter: cattrs.Converter, cls: type, *, strict: bool, log: LenientLog | None
) -> Callable[[Any, Any], Any]:
    """The structure hook of the response model ``cls`` (see the module docstring)."""
    attrs.resolve_types(cls)
    raw_name = ""
    fields: list[_Field] = []
    for field in attrs.fields(cls):
        if field.metadata.get(RAW_FIELD):
            raw_name = field.name
            continue
        fields.append(
            _Field(
                name=field.name,
                type=field.type,
                hook=converter.get_structure_hook(field.type),
                required=field.default is attrs.NOTHING,
            )
        )
    model = cls.__name__
    lenient_log = log or LenientLog()

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise ValueError(f"expected an object for {model}, got {value!r}")
        kwargs: dict[str, Any] = {raw_name: value}
        errors: list[Exception] = []
        for field in fields:
            name = field.name
            if name not in value:
                if field.required:
                    if strict:
                        errors.append(_noted(KeyError(name), model, field))
                    else:
                        lenient_log.warn(model, name, "missing (its identity); read as None")
                        kwargs[name] = None
                continue
            received = value[name]
            try:
                kwargs[name] = field.hook(received, field.type)
            except Exception as exc:
                if strict:
                    errors.append(_noted(exc, model, field))
                else:
                    lenient_log.warn(model, name, _describe(exc, f"{model}.{name}"))
                    kwargs[name] = received
        if errors:
            raise ClassValidationError(f"While structuring {model}", errors, cls)
        return cls(**kwargs)

    return structure


def _noted(exc: Exception, model: str, field: _Field) -> Exception:
    # The note cattrs' own generated code adds: transform_error turns it into "@ $.field".
    note = AttributeValidationNote(
        f"Structuring class {model} @ attribute {field.name}", field.name, field.type
    )
    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
    return exc
