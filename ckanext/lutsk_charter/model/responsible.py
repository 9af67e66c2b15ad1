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


def current_emails(
    session: Any, organization_ids: list[str], today: dt.date
) -> dict[str, list[str]]:
    """The e-mails of the persons current on ``today``, per body, oldest first."""
    persons: dict[str, list[str]] = {}
    for assignment in session.scalars(current_assignments(organization_ids, today)):
        persons.setdefault(assignment.organization_id, []).append(assignment.email)
    return persons


def history(organization_id: str) -> sa.Select:
    """Every assignment of a body, newest first."""
    table = ResponsibleAssignment
    return (
        sa.select(table)
        .where(table.organization_id == organization_id)
        .order_by(table.recorded_at.desc(), table.id)
    )


# --- queries -----------------------------------------------------------------------------


def current_assignees(
    session: Any, organization_ids: list[str] | None, today: dt.date, role: str | None = None
) -> list[ResponsibleAssignment]:
    """The assignments current on ``today`` (of one role if given), for some bodies or all;
    oldest first."""
    query = current_assignments(organization_ids, today)
    if role:
        query = query.where(ResponsibleAssignment.role == role)
    return list(session.scalars(query))


def assignment_history(session: Any, organization_id: str) -> list[ResponsibleAssignment]:
    """Every assignment of a body, newest first."""
    return list(session.scalars(history(organization_id)))


def assignments_by_id(session: Any, ids: Any) -> dict[str, ResponsibleAssignment]:
    """The assignments of these ids, by id."""
    query = sa.select(ResponsibleAssignment).where(ResponsibleAssignment.id.in_(set(ids)))
    return {a.id: a for a in session.scalars(query)}


def stale_contacts(session: Any, today: dt.date, organization_id: str | None) -> list[Any]:
    """Rows ``(id, name, title, owner_org, maintainer_email)`` of the active datasets (of one
    body if given) whose ``maintainer_email`` is no person current on ``today`` in their body;
    by body and name."""
    from ckan import model

    package = model.Package
    email = sa.func.lower(sa.func.trim(package.maintainer_email))
    current = current_assignments(None, today).subquery()
    query = (
        sa.select(
            package.id, package.name, package.title, package.owner_org, package.maintainer_email
        )
        .where(
            package.state == "active",
            package.type == "dataset",
            package.maintainer_email.isnot(None),
            package.maintainer_email != "",
        )
        .where(
            ~sa.exists().where(
                current.c.organization_id == package.owner_org,
                sa.func.lower(current.c.email) == email,
            )
        )
        .order_by(package.owner_org, package.name)
    )
    if organization_id:
        query = query.where(package.owner_org == organization_id)
    return list(session.execute(query))


# --- the change feed ----------------------------------------------------------------------


def _changes_where(query: Any, organization_id: str | None, kind: str | None) -> Any:
    if organization_id:
        query = query.where(ResponsibleChange.organization_id == organization_id)
    if kind:
        query = query.where(ResponsibleChange.kind == kind)
    return query


def change_page(
    session: Any,
    *,
    acknowledged: bool | None,
    organization_id: str | None,
    kind: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[ResponsibleChange]]:
    """``(count, changes)`` of the feed that match, newest first (``acknowledged``: None
    for both)."""
    change = ResponsibleChange
    query = sa.select(change)
    if acknowledged is not None:
        seen = change.acknowledged_at.isnot(None)
        query = query.where(seen if acknowledged else sa.not_(seen))
    query = _changes_where(query, organization_id, kind)
    count = session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(change.changed_at.desc(), change.id).limit(limit).offset(offset)
    ).all()
    return count, list(rows)


def existing_changes(session: Any, ids: set[str]) -> set[str]:
    """Which of these ids are changes of the feed."""
    change = ResponsibleChange
    return set(session.scalars(sa.select(change.id).where(change.id.in_(ids))))


def acknowledge_changes(
    session: Any,
    *,
    ids: set[str] | None,
    organization_id: str | None,
    kind: str | None,
    at: dt.datetime,
    by: str | None,
) -> int:
    """Acknowledge the changes not yet acknowledged: of these ids, or else those that match
    the filters; how many."""
    change = ResponsibleChange
    pending = sa.update(change).where(change.acknowledged_at.is_(None))
    if ids is not None:
        pending = pending.where(change.id.in_(ids))
    else:
        pending = _changes_where(pending, organization_id, kind)
    result = session.execute(
        pending.values(acknowledged_at=at, acknowledged_by=by).execution_options(
            synchronize_session=False
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
