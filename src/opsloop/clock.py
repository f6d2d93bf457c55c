"""The date opsloop takes as today: the machine's clock (UTC), unless `OPSLOOP_TODAY` (an ISO date,
2026-11-05) says otherwise — for a replay of a past period or an evaluation that runs a company's calendar day
by day. It is read at every call, so such a run can move it from one day to the next; the settings declare it
too (`Settings.today`), so a malformed value is refused in one line when opsloop starts. Where a malformed
value reaches this module all the same, the machine's clock is taken: a wrong "today" never excuses a date."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

TODAY_VARIABLE = "OPSLOOP_TODAY"


def today() -> date:
    """`OPSLOOP_TODAY` where it is set to an ISO date, else the machine's date in UTC."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return datetime.now(UTC).date()
