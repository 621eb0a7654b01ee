"""Deterministic sample data for ``seed_records`` and ``seed_calls``: names, cities, numbers."""

from __future__ import annotations

import random

__all__ = ["SampleData"]

_FIRST = ("Jan", "Anna", "Piotr", "Katarzyna", "Tomasz", "Małgorzata", "Paweł", "Agnieszka")
_LAST = ("Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zielińska")
_CITIES = ("Kraków", "Warszawa", "Gdańsk", "Wrocław", "Poznań", "Łódź", "Szczecin")


class SampleData:
    """A seeded source of names and unique nine-digit mobile-like numbers."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"{seed}:data")
        self._next_phone = 500_000_000 + self._rng.randrange(1_000_000) * 100

    def phone(self) -> str:
        """The next number of the sequence (unique within this source)."""
        self._next_phone += 1
        return str(self._next_phone)

    def first_name(self) -> str:
        """A first name."""
        return self._rng.choice(_FIRST)

    def last_name(self) -> str:
        """A surname."""
        return self._rng.choice(_LAST)

    def field_value(self, field: str, index: int) -> str:
        """A plausible value for a campaign structure field."""
        lowered = field.lower()
        if "first" in lowered or lowered == "name":
            return self.first_name()
        if "last" in lowered or "surname" in lowered:
            return self.last_name()
        if "city" in lowered:
            return self._rng.choice(_CITIES)
        return f"{field} {index}"

    def between(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high`` inclusive."""
        return self._rng.randint(low, high)

    def pick(self, options: tuple[str, ...]) -> str:
        """One of ``options``."""
        return self._rng.choice(options)
