"""Tables of the Charter action plan (created by migration 011) and their queries.

A plan has measures; a measure has its deadline moves, its reports (every version
kept) and the public's feedback; every change of a plan or measure is a history
row. The daily values of the live indicators are kept per code, body ("" for the
city) and day, written by ``ckan lutsk-charter snapshot``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeAlias

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.model import types as ckan_types
from sqlalchemy.orm import Mapped, Session, scoped_session

#: A session or CKAN's scoped ``model.Session``: what the actions pass on.
DB: TypeAlias = "Session | scoped_session[Any]"

_TZ = sa.DateTime(timezone=True)
_TEXTS = sa.ARRAY(sa.UnicodeText)


def _text(name: str, **kw: Any) -> sa.Column[Any]:
    return sa.Column(name, sa.UnicodeText, nullable=False, server_default="", default="", **kw)


class Plan(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_plan",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("name", sa.UnicodeText, nullable=False, unique=True),
        sa.Column("title_uk", sa.UnicodeText, nullable=False),
        _text("title_en"),
        _text("description_uk"),
        _text("description_en"),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        _text("document_number"),
        sa.Column("document_date", sa.Date),
        _text("document_url"),
        sa.Column("state", sa.UnicodeText, nullable=False, default="draft"),
        sa.Column("current", sa.Boolean, nullable=False, default=False),
        sa.Column("reporting_period", sa.UnicodeText, nullable=False, default="half_year"),
        sa.Column("report_due_day", sa.Integer, nullable=False, default=10),
        sa.Column("created", _TZ, nullable=False),
        sa.Column("modified", _TZ, nullable=False),
        sa.CheckConstraint("period_start <= period_end", name="lutsk_charter_plan_period"),
        sa.CheckConstraint(
            "state IN ('draft', 'approved', 'closed')", name="lutsk_charter_plan_state"
        ),
        sa.Index(
            "lutsk_charter_plan_one_current",
            "current",
            unique=True,
            postgresql_where=sa.text("current"),
        ),
    )

    id: Mapped[str]
    name: Mapped[str]
    title_uk: Mapped[str]
    title_en: Mapped[str]
    description_uk: Mapped[str]
    description_en: Mapped[str]
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    document_number: Mapped[str]
    document_date: Mapped[dt.date | None]
    document_url: Mapped[str]
    state: Mapped[str]
    current: Mapped[bool]
    reporting_period: Mapped[str]
    report_due_day: Mapped[int]
    created: Mapped[dt.datetime]
    modified: Mapped[dt.datetime]


class Measure(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_measure",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("plan_id", sa.UnicodeText, nullable=False, index=False),
        sa.Column("number", sa.UnicodeText, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, default=0),
        _text("section_uk"),
        _text("section_en"),
        sa.Column("title_uk", sa.UnicodeText, nullable=False),
        _text("title_en"),
        _text("description_uk"),
        _text("description_en"),
        sa.Column("principles", _TEXTS, nullable=False),
        sa.Column("lead_organization_id", sa.UnicodeText),
        sa.Column("co_executor_ids", _TEXTS, nullable=False, default=list),
        sa.Column("deadline_kind", sa.UnicodeText, nullable=False),
        _text("deadline"),
        sa.Column("deadline_date", sa.Date),
        _text("expected_result_uk"),
        _text("expected_result_en"),
        _text("indicator_text_uk"),
        _text("indicator_text_en"),
        sa.Column("status", sa.UnicodeText, nullable=False, default="planned"),
        _text("cancel_reason_uk"),
        _text("cancel_reason_en"),
        sa.Column("indicator_code", sa.UnicodeText),
        sa.Column("indicator_organization_id", sa.UnicodeText),
        sa.Column("indicator_target", sa.Float),
        sa.Column("indicator_target_date", sa.Date),
        sa.Column("evidence_dataset_ids", _TEXTS, nullable=False, default=list),
        sa.Column("evidence_item_codes", _TEXTS, nullable=False, default=list),
        sa.Column("created", _TZ, nullable=False),
        sa.Column("modified", _TZ, nullable=False),
        sa.UniqueConstraint("plan_id", "number", name="lutsk_charter_measure_number"),
        sa.CheckConstraint(
            "status IN ('planned', 'in_progress', 'done', 'cancelled')",
            name="lutsk_charter_measure_status",
        ),
        sa.Index("lutsk_charter_measure_plan", "plan_id"),
        sa.Index("lutsk_charter_measure_lead", "lead_organization_id"),
    )

    id: Mapped[str]
    plan_id: Mapped[str]
    number: Mapped[str]
    position: Mapped[int]
    section_uk: Mapped[str]
    section_en: Mapped[str]
    title_uk: Mapped[str]
    title_en: Mapped[str]
    description_uk: Mapped[str]
    description_en: Mapped[str]
    principles: Mapped[list[str]]
    lead_organization_id: Mapped[str | None]
    co_executor_ids: Mapped[list[str]]
    deadline_kind: Mapped[str]
    deadline: Mapped[str]
    deadline_date: Mapped[dt.date | None]
    expected_result_uk: Mapped[str]
    expected_result_en: Mapped[str]
    indicator_text_uk: Mapped[str]
    indicator_text_en: Mapped[str]
    status: Mapped[str]
    cancel_reason_uk: Mapped[str]
    cancel_reason_en: Mapped[str]
    indicator_code: Mapped[str | None]
    indicator_organization_id: Mapped[str | None]
    indicator_target: Mapped[float | None]
    indicator_target_date: Mapped[dt.date | None]
    evidence_dataset_ids: Mapped[list[str]]
    evidence_item_codes: Mapped[list[str]]
    created: Mapped[dt.datetime]
    modified: Mapped[dt.datetime]


class DeadlineChange(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_measure_deadline",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("measure_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("old_kind", sa.UnicodeText, nullable=False),
        sa.Column("old_deadline", sa.UnicodeText, nullable=False),
        sa.Column("new_kind", sa.UnicodeText, nullable=False),
        sa.Column("new_deadline", sa.UnicodeText, nullable=False),
        sa.Column("document", sa.UnicodeText, nullable=False),
        sa.Column("user_id", sa.UnicodeText),
        sa.Column("changed_at", _TZ, nullable=False),
    )

    id: Mapped[str]
    measure_id: Mapped[str]
    old_kind: Mapped[str]
    old_deadline: Mapped[str]
    new_kind: Mapped[str]
    new_deadline: Mapped[str]
    document: Mapped[str]
    user_id: Mapped[str | None]
    changed_at: Mapped[dt.datetime]


class PlanHistory(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_plan_history",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("plan_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("measure_id", sa.UnicodeText, index=True),
        sa.Column("action", sa.UnicodeText, nullable=False),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("user_id", sa.UnicodeText),
        sa.Column("changed_at", _TZ, nullable=False),
    )

    id: Mapped[str]
    plan_id: Mapped[str]
    measure_id: Mapped[str | None]
    #: ``created``, ``updated``, ``deadline_moved``, ``report_submitted``, ``report_reviewed``
    action: Mapped[str]
    #: ``{field: [old, new]}`` (JSON values)
    changes: Mapped[dict[str, Any]]
    user_id: Mapped[str | None]
    changed_at: Mapped[dt.datetime]


class MeasureReport(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_measure_report",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("measure_id", sa.UnicodeText, nullable=False),
        sa.Column("period", sa.UnicodeText, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("text_uk", sa.UnicodeText, nullable=False),
        _text("text_en"),
        sa.Column("percent", sa.Integer, nullable=False),
        sa.Column("links", sa.JSON, nullable=False, default=list),
        sa.Column("files", sa.JSON, nullable=False, default=list),
        sa.Column("state", sa.UnicodeText, nullable=False, default="submitted"),
        _text("reviewer_comment"),
        sa.Column("submitted_by", sa.UnicodeText),
        sa.Column("submitted_at", _TZ, nullable=False),
        sa.Column("reviewed_by", sa.UnicodeText),
        sa.Column("reviewed_at", _TZ),
        sa.UniqueConstraint(
            "measure_id", "period", "version", name="lutsk_charter_measure_report_version"
        ),
        sa.CheckConstraint(
            "state IN ('submitted', 'accepted', 'returned')",
            name="lutsk_charter_measure_report_state",
        ),
        sa.CheckConstraint("percent BETWEEN 0 AND 100", name="lutsk_charter_report_percent"),
    )

    id: Mapped[str]
    measure_id: Mapped[str]
    period: Mapped[str]
    version: Mapped[int]
    text_uk: Mapped[str]
    text_en: Mapped[str]
    percent: Mapped[int]
    links: Mapped[list[dict[str, str]]]
    files: Mapped[list[dict[str, Any]]]
    state: Mapped[str]
    reviewer_comment: Mapped[str]
    submitted_by: Mapped[str | None]
    submitted_at: Mapped[dt.datetime]
    reviewed_by: Mapped[str | None]
    reviewed_at: Mapped[dt.datetime | None]


class MeasureFeedback(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_measure_feedback",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("measure_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("name", sa.UnicodeText, nullable=False),
        _text("email"),
        sa.Column("text", sa.UnicodeText, nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False, default="pending"),
        sa.Column("sender_hash", sa.UnicodeText, nullable=False, index=True),
        sa.Column("created", _TZ, nullable=False),
        sa.Column("reviewed_by", sa.UnicodeText),
        sa.Column("reviewed_at", _TZ),
        sa.CheckConstraint(
            "state IN ('pending', 'approved', 'rejected')",
            name="lutsk_charter_measure_feedback_state",
        ),
    )

    id: Mapped[str]
    measure_id: Mapped[str]
    name: Mapped[str]
    email: Mapped[str]
    text: Mapped[str]
    state: Mapped[str]
    sender_hash: Mapped[str]
    created: Mapped[dt.datetime]
    reviewed_by: Mapped[str | None]
    reviewed_at: Mapped[dt.datetime | None]


class IndicatorValue(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_indicator_value",
        tk.BaseModel.metadata,
        sa.Column("code", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("value", sa.Float),
        sa.Column("numerator", sa.Integer),
        sa.Column("denominator", sa.Integer),
        sa.Column("taken_at", _TZ, nullable=False),
    )

    code: Mapped[str]
    organization_id: Mapped[str]
    day: Mapped[dt.date]
    value: Mapped[float | None]
    numerator: Mapped[int | None]
    denominator: Mapped[int | None]
    taken_at: Mapped[dt.datetime]
