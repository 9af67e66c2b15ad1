"""The register of persons responsible for creating and publishing a body's open data.

Append-only: ending an assignment fills its end fields, correcting one ends it
and records the corrected copy as a new assignment, so the history of who was
responsible when is never rewritten. Every change also lands in
``lutsk_charter_responsible_change``, the feed the ICT department acknowledges.
No foreign keys to core tables (CKAN's best practice): ids are stored as text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.model import types as ckan_types
from sqlalchemy.orm import Mapped


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class ResponsibleAssignment(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One person in one role for one body over a period.

    ``valid_to`` is the day the assignment ended (or will end): empty while it
    holds. ``superseded_by`` points at the corrected copy when it was corrected.
    """

    __table__ = sa.Table(
        "lutsk_charter_responsible_assignment",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("organization_id", sa.UnicodeText, nullable=False),
        sa.Column("role", sa.UnicodeText, nullable=False),
        sa.Column("full_name", sa.UnicodeText, nullable=False),
        sa.Column("email", sa.UnicodeText, nullable=False),
        sa.Column("phone", sa.UnicodeText),
        sa.Column("position", sa.UnicodeText),
        sa.Column("user_id", sa.UnicodeText),
        sa.Column("document_number", sa.UnicodeText),
        sa.Column("document_date", sa.Date),
        sa.Column("document_url", sa.UnicodeText),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date),
        sa.Column("recorded_by", sa.UnicodeText),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, default=_now),
        sa.Column("ended_by", sa.UnicodeText),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("end_reason", sa.UnicodeText),
        sa.Column("supersedes", sa.UnicodeText),
        sa.Column("superseded_by", sa.UnicodeText),
        # The person agreed that their e-mail be the datasets' public contact.
        sa.Column("contact_public", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.CheckConstraint("role IN ('creator', 'publisher')", name="lutsk_charter_ra_role"),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name="lutsk_charter_ra_period"
        ),
        sa.Index("lutsk_charter_ra_organization_idx", "organization_id"),
    )

    id: Mapped[str]
    organization_id: Mapped[str]
    role: Mapped[str]
    full_name: Mapped[str]
    email: Mapped[str]
    phone: Mapped[str | None]
    position: Mapped[str | None]
    user_id: Mapped[str | None]
    document_number: Mapped[str | None]
    document_date: Mapped[dt.date | None]
    document_url: Mapped[str | None]
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date | None]
    recorded_by: Mapped[str | None]
    recorded_at: Mapped[dt.datetime]
    ended_by: Mapped[str | None]
    ended_at: Mapped[dt.datetime | None]
    end_reason: Mapped[str | None]
    supersedes: Mapped[str | None]
    superseded_by: Mapped[str | None]
    contact_public: Mapped[bool]

    def is_current(self, today: dt.date) -> bool:
        """Current on ``today``: started, not ended by today, not replaced by a correction
        (the same rule as :func:`current_on`, for a loaded row)."""
        return (
            self.valid_from <= today
            and (self.valid_to is None or self.valid_to > today)
            and self.superseded_by is None
        )

    def dictize(self, with_contacts: bool, today: dt.date) -> dict[str, Any]:
        """The API shape; e-mail and phone only when ``with_contacts``."""
        data: dict[str, Any] = {
            "id": self.id,
            "organization_id": self.organization_id,
            "role": self.role,
            "full_name": self.full_name,
            "position": self.position,
            "user_id": self.user_id,
            "appointing_document": {
                "number": self.document_number,
                "date": _iso(self.document_date),
                "url": self.document_url,
            },
            "valid_from": _iso(self.valid_from),
            "valid_to": _iso(self.valid_to),
            "recorded_by": self.recorded_by,
            "recorded_at": _iso(self.recorded_at),
            "ended_by": self.ended_by,
            "ended_at": _iso(self.ended_at),
            "end_reason": self.end_reason,
            "supersedes": self.supersedes,
            "superseded_by": self.superseded_by,
            "current": self.is_current(today),
            "contact_public": bool(self.contact_public),
        }
        if with_contacts:
            data["email"] = self.email
            data["phone"] = self.phone
        return data


class ResponsibleChange(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One entry of the change feed the ICT department reviews."""

    __table__ = sa.Table(
        "lutsk_charter_responsible_change",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("organization_id", sa.UnicodeText, nullable=False),
        sa.Column("assignment_id", sa.UnicodeText, nullable=False),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("changed_by", sa.UnicodeText),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False, default=_now),
        sa.Column("acknowledged_by", sa.UnicodeText),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
        # What became of the e-mail notice: queued, sent, failed, not_queued, none.
        sa.Column("notice_state", sa.UnicodeText),
        sa.Column("notice_error", sa.UnicodeText),
        sa.Column("notice_at", sa.DateTime(timezone=True)),
        sa.Index("lutsk_charter_rc_organization_idx", "organization_id"),
        sa.Index(
            "lutsk_charter_rc_unacknowledged_idx",
            "changed_at",
            postgresql_where=sa.text("acknowledged_at IS NULL"),
        ),
    )

    id: Mapped[str]
    organization_id: Mapped[str]
    assignment_id: Mapped[str]
    kind: Mapped[str]
    changed_by: Mapped[str | None]
    changed_at: Mapped[dt.datetime]
    acknowledged_by: Mapped[str | None]
    acknowledged_at: Mapped[dt.datetime | None]
    notice_state: Mapped[str | None]
    notice_error: Mapped[str | None]
    notice_at: Mapped[dt.datetime | None]

    def dictize(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "organization_id": self.organization_id,
            "assignment_id": self.assignment_id,
            "kind": self.kind,
            "changed_by": self.changed_by,
            "changed_at": _iso(self.changed_at),
            "acknowledged": self.acknowledged_at is not None,
            "acknowledged_by": self.acknowledged_by,
            "acknowledged_at": _iso(self.acknowledged_at),
            "notice_state": self.notice_state,
            "notice_error": self.notice_error,
            "notice_at": _iso(self.notice_at),
        }


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def current_on(day: Any) -> Any:
    """SQL: the assignment is current on ``day`` (a date or a bound parameter): started,
    not ended by then, not replaced by a correction (as ``is_current`` for a loaded row)."""
    c = ResponsibleAssignment.__table__.c
    return sa.and_(
        c.valid_from <= day,
        sa.or_(c.valid_to.is_(None), c.valid_to > day),
        c.superseded_by.is_(None),
    )


def current_assignments(organization_ids: list[str] | None, today: dt.date) -> sa.Select:
    """Assignments current on ``today``, for some bodies or all; oldest first."""
    table = ResponsibleAssignment
    query = sa.select(table).where(current_on(today))
    if organization_ids is not None:
        query = query.where(table.organization_id.in_(organization_ids))
    return query.order_by(table.role, table.valid_from, table.recorded_at)


def history(organization_id: str) -> sa.Select:
    """Every assignment of a body, newest first."""
    table = ResponsibleAssignment
    return (
        sa.select(table)
        .where(table.organization_id == organization_id)
        .order_by(table.recorded_at.desc(), table.id)
    )
