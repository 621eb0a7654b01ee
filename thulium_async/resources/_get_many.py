"""Fetch many objects by id concurrently, every outcome reported, none raised mid-way."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

from .. import _validation as check
from .._concurrency import map_ordered
from ..errors import AuthenticationError, InputError, ThuliumError
from ..models import GetManyItem, GetManyResult

__all__ = ["get_many"]

T = TypeVar("T")


async def get_many(
    ids: Iterable[int],
    fetch: Callable[[int], Awaitable[T]],
    *,
    concurrency: int,
    field: str = "ids",
) -> GetManyResult[T]:
    """``fetch`` every id, ``concurrency`` at a time; one outcome per id, in input order.

    Ids are checked before any request. An id given twice is fetched once and
    reported at each position. A failed fetch is recorded (404/410 as missing)
    and the others go on; only an AuthenticationError (wrong credentials fail
    every id alike) stops the run and is raised.
    """
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InputError("concurrency", "a whole number >= 1", concurrency)
    if isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
        raise InputError(field, "a list of ids", ids)
    wanted = [check.positive_id(value, f"{field}[{index}]") for index, value in enumerate(ids)]

    async def outcome(object_id: int) -> GetManyItem[T]:
        try:
            return GetManyItem(id=object_id, value=await fetch(object_id))
        except AuthenticationError:
            raise  # wrong credentials fail every id alike: stop the run
        except ThuliumError as error:
            return GetManyItem(id=object_id, error=error)

    unique = list(dict.fromkeys(wanted))
    results = await map_ordered(outcome, unique, concurrency=concurrency)
    outcomes = dict(zip(unique, results, strict=True))
    return GetManyResult(items=[outcomes[object_id] for object_id in wanted])
