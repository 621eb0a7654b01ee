"""pytest plugin (entry point ``thulium_async``): the ``thulium_fake`` fixture.

Kept cheap to import: pytest loads it in every session of every project that has
thulium_async installed, so the fake itself is imported only when the fixture is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._fake import FakeThulium


@pytest.fixture
def thulium_fake() -> FakeThulium:
    """A fresh, empty ``FakeThulium`` (no faults, seed 0) for one test.

    Like Thulium it ignores undocumented parameters; ``thulium_fake.strict = True``
    makes it refuse them with a 400.
    """
    from ._fake import FakeThulium

    return FakeThulium()
