"""The timeliness rules of ``timeliness.py`` as SQL, for counting ten thousand datasets
in the database instead of in Python.

The expressions are generated from ``timeliness.PERIODS`` (PostgreSQL's month
arithmetic clamps to the month's end as ``relativedelta`` does), and a test
checks them against ``timeliness.assess`` at every boundary.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from dateutil.relativedelta import relativedelta

from ckanext.lutsk_charter import timeliness


def _interval(period: relativedelta) -> str:
    parts = []
    if period.years:
        parts.append(f"{period.years} years")
    if period.months:
        parts.append(f"{period.months} months")
    if period.days:
        parts.append(f"{period.days} days")
    return " ".join(parts)


def due_day(frequency: Any, changed: Any, zone: str) -> Any:
    """The Kyiv day the next update is due, or NULL when the dataset is never late."""
    local_day = sa.cast(sa.func.timezone(zone, changed), sa.Date)
    cases = [
        (
            frequency == name,
            sa.cast(local_day + sa.text(f"interval '{_interval(period)}'"), sa.Date),
        )
        for name, period in timeliness.PERIODS.items()
        if period is not None
    ]
    return sa.case(*cases, else_=sa.null())


def state(frequency: Any, due: Any, today: Any) -> Any:
    """normal, due_soon, overdue or inactive, as ``timeliness.assess`` says."""
    return sa.case(
        (frequency == timeliness.INACTIVE, "inactive"),
        (due.is_(None), "normal"),
        (due < today, "overdue"),
        (due - today <= timeliness.REMINDER_DAYS, "due_soon"),
        else_="normal",
    )
