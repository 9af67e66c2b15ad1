"""Daily snapshots of the monitoring figures, the reminders sent, and the dashboard's summary.

A snapshot is the figures of one body (or of the city, ``organization_id`` "")
on one day, written by ``ckan lutsk-charter snapshot``; the charts of trends
read them. A reminder row says who was mailed about what on which day, so a
second run on the same day mails nobody twice.

The summary (``MonitorDataset``, ``MonitorCount``, ``MonitorSummary``) keeps what
the dashboard counts, so that a portal of 100,000 datasets is not aggregated from
its packages, resources and data changes on every request: per dataset the facts
that do not change with the date (its body, whether it is public, private or a
draft, whether it is no longer updated, the day its next update is due, when its
data last changed, its quality band and open flag codes), per body the counts that
do not either (datasets public, private, draft; public ones no longer updated and
by band; datasets with each open flag code). Only comparing ``due`` with today is
left to the request (in an index of the days due), so nothing goes stale at
midnight. ``model/monitoring_summary.py``
keeps them current in the transaction of every change; until ``MonitorSummary``
says they were built (``ckan lutsk-charter snapshot`` builds them), the dashboard
counts from the packages themselves.
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


class MonitorDataset(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One active or draft dataset's monitoring facts (none of them depend on the date)."""

    __table__ = sa.Table(
        "lutsk_charter_monitor_dataset",
        tk.BaseModel.metadata,
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText),
        #: ``public``, ``private`` or ``draft``
        sa.Column("visibility", sa.UnicodeText, nullable=False),
        #: the update frequency is "no longer updated"
        sa.Column("inactive", sa.Boolean, nullable=False),
        #: the Kyiv day the next update is due (public datasets that can be late)
        sa.Column("due", sa.Date),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("band", sa.UnicodeText),
        sa.Column("open_codes", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("title", sa.UnicodeText),
        sa.CheckConstraint(
            "visibility IN ('public', 'private', 'draft')",
            name="lutsk_charter_monitor_dataset_visibility",
        ),
        # The dataset list, the soonest due first: of every body, and of one.
        sa.Index("lutsk_charter_monitor_dataset_due_idx", "due", "title", "package_id"),
        sa.Index(
            "lutsk_charter_monitor_dataset_body_due_idx",
            "organization_id",
            "due",
            "title",
            "package_id",
        ),
        # Overdue and due soon per body: the public datasets that can be late, by day due.
        sa.Index(
            "lutsk_charter_monitor_dataset_late_idx",
            "organization_id",
            "due",
            postgresql_where=sa.text("visibility = 'public' AND NOT inactive AND due IS NOT NULL"),
        ),
        # Each body's latest public data change.
        sa.Index(
            "lutsk_charter_monitor_dataset_published_idx",
            "organization_id",
            "changed_at",
            postgresql_where=sa.text("visibility = 'public'"),
        ),
    )

    package_id: Mapped[str]
    organization_id: Mapped[str | None]
    visibility: Mapped[str]
    inactive: Mapped[bool]
    due: Mapped[dt.date | None]
    changed_at: Mapped[dt.datetime]
    band: Mapped[str | None]
    open_codes: Mapped[str]
    title: Mapped[str | None]


class MonitorCount(tk.BaseModel):  # type: ignore[misc, valid-type]
    """A body's (``""``: none) count of datasets with one key: ``public``, ``private``,
    ``draft``; of the public ones ``inactive`` and ``band:<band>`` (``band:`` unscored);
    ``code:<code>``, of all, with an open flag of that code."""

    __table__ = sa.Table(
        "lutsk_charter_monitor_count",
        tk.BaseModel.metadata,
        sa.Column("organization_id", sa.UnicodeText, primary_key=True),
        sa.Column("key", sa.UnicodeText, primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )

    organization_id: Mapped[str]
    key: Mapped[str]
    n: Mapped[int]


class MonitorSummary(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One row once the summary was built: when, and in which time zone (``due`` is a local day)."""

    __table__ = sa.Table(
        "lutsk_charter_monitor_summary",
        tk.BaseModel.metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("zone", sa.UnicodeText, nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name="lutsk_charter_monitor_summary_one_row"),
    )

    id: Mapped[int]
    zone: Mapped[str]
    built_at: Mapped[dt.datetime]


# --- queries of the snapshots and of the bodies' persons -------------------------------------


def current_roles(session: Any, day: dt.date) -> dict[str, set[str]]:
    """Per body, the roles (creator, publisher) it has a current person in on ``day``."""
    from .responsible import ResponsibleAssignment, current_on

    table = ResponsibleAssignment
    rows = session.execute(
        sa.select(table.organization_id, table.role).where(current_on(day)).distinct()
    )
    roles: dict[str, set[str]] = {}
    for organization_id, role in rows:
        roles.setdefault(organization_id, set()).add(role)
    return roles


def snapshots_since(session: Any, organization_id: str, since: dt.date) -> list[Any]:
    """``(day, figures)`` of one body's (``""``: the city's) snapshots since a day, oldest first."""
    return session.execute(
        sa.select(MonitorSnapshot.day, MonitorSnapshot.figures)
        .where(MonitorSnapshot.organization_id == organization_id, MonitorSnapshot.day >= since)
        .order_by(MonitorSnapshot.day)
    ).all()


def store_snapshots(
    session: Any, day: dt.date, moment: dt.datetime, figures: dict[str, dict[str, Any]]
) -> None:
    """Write a day's figures (``{organization_id: figures}``); the same day again replaces them."""
    from sqlalchemy.dialects.postgresql import insert

    rows = [
        {"day": day, "organization_id": body, "figures": data, "taken_at": moment}
        for body, data in figures.items()
    ]
    statement = insert(MonitorSnapshot.__table__).values(rows)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["day", "organization_id"],
            set_={"figures": statement.excluded.figures, "taken_at": statement.excluded.taken_at},
        )
    )
