"""Was a record there before our create was first sent? Judged from its ``create_date``.

The API writes ``create_date`` to the minute, in the account's local time, so a
record stamped minute M was made somewhere in [M, M + 1 min). Clocks of the
client and the server differ by up to CLOCK_SKEW. A record made before our
first send is stamped no later than ``first_sent + skew``; one made after it
is stamped no earlier than ``first_sent - skew - 1 min``. Between those two
bounds nothing can be said.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["CLOCK_SKEW", "predates"]

#: How far the client's and Thulium's clocks may disagree (NTP keeps real clocks
#: within a second; a minute covers a drifting laptop without widening the doubt much).
CLOCK_SKEW = dt.timedelta(seconds=60)
_STAMP = dt.timedelta(minutes=1)  # create_date is truncated to the minute


def predates(create_date: dt.datetime | None, first_sent: dt.datetime | None) -> bool | None:
    """True: the record was there before ``first_sent``; False: made after it; None: unknown."""
    if create_date is None or first_sent is None or create_date.tzinfo is None:
        return None
    if create_date + _STAMP + CLOCK_SKEW <= first_sent:
        return True
    if create_date - CLOCK_SKEW > first_sent:
        return False
    return None
