"""Daily snapshots of the monitoring figures, and the reminders sent.

A snapshot is the figures of one body (or of the city, ``organization_id`` "")
on one day, written by ``ckan lutsk-charter snapshot``; the charts of trends
read them. A reminder row says who was mailed about what on which day, so a
second run on the same day mails nobody twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.model import types as ckan_types
from sqlalchemy.orm import Mapped


class MonitorSnapshot(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_monitor_snapshot",
        tk.BaseModel.metadata,
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, primary_key=True),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
    )

    day: Mapped[dt.date]
    organization_id: Mapped[str]
    figures: Mapped[dict[str, Any]]
    taken_at: Mapped[dt.datetime]


class Reminder(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_reminder",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("recipient", sa.UnicodeText, nullable=False),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("package_ids", sa.JSON, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("day", "recipient", "kind", name="lutsk_charter_reminder_once_a_day"),
    )

    id: Mapped[str]
    day: Mapped[dt.date]
    recipient: Mapped[str]
    #: ``person`` (a responsible person's list) or ``summary`` (the ICT department's)
    kind: Mapped[str]
    package_ids: Mapped[list[str]]
    sent_at: Mapped[dt.datetime]
