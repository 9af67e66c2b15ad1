"""Queries of the reminders mailed (the table is ``model/monitoring.py``'s ``Reminder``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from .monitoring import Reminder


def mailed_on(session: Any, day: dt.date) -> set[tuple[str, str]]:
    """``(recipient, kind)`` of every reminder mailed on ``day``."""
    query = sa.select(Reminder.recipient, Reminder.kind).where(Reminder.day == day)
    return {(r[0], r[1]) for r in session.execute(query)}
