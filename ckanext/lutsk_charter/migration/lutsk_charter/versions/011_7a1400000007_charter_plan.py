"""Create the tables of the Charter action plan: plans, measures, deadline moves,
history, reports, public feedback and the daily values of the live indicators.

Revision ID: 7a1400000007
Revises: 7a10a0000001
Create Date: 2026-12-01 12:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7a1400000007"
down_revision = "7a10a0000001"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)
_TEXTS = sa.ARRAY(sa.UnicodeText)


def upgrade():
    op.create_table(
        "lutsk_charter_plan",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("name", sa.UnicodeText, nullable=False, unique=True),
        sa.Column("title_uk", sa.UnicodeText, nullable=False),
        sa.Column("title_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("description_uk", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("description_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("document_number", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("document_date", sa.Date),
        sa.Column("document_url", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("state", sa.UnicodeText, nullable=False, server_default="draft"),
        sa.Column("current", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reporting_period", sa.UnicodeText, nullable=False, server_default="half_year"),
        sa.Column("report_due_day", sa.Integer, nullable=False, server_default="10"),
        sa.Column("created", _TZ, nullable=False),
        sa.Column("modified", _TZ, nullable=False),
        sa.CheckConstraint("period_start <= period_end", name="lutsk_charter_plan_period"),
        sa.CheckConstraint(
            "state IN ('draft', 'approved', 'closed')", name="lutsk_charter_plan_state"
        ),
    )
    op.create_index(
        "lutsk_charter_plan_one_current",
        "lutsk_charter_plan",
        ["current"],
        unique=True,
        postgresql_where=sa.text("current"),
    )
    op.create_table(
        "lutsk_charter_measure",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("plan_id", sa.UnicodeText, nullable=False),
        sa.Column("number", sa.UnicodeText, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("section_uk", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("section_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("title_uk", sa.UnicodeText, nullable=False),
        sa.Column("title_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("description_uk", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("description_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("principles", _TEXTS, nullable=False),
        sa.Column("lead_organization_id", sa.UnicodeText),
        sa.Column("co_executor_ids", _TEXTS, nullable=False, server_default="{}"),
        sa.Column("deadline_kind", sa.UnicodeText, nullable=False),
        sa.Column("deadline", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("deadline_date", sa.Date),
        sa.Column("expected_result_uk", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("expected_result_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("indicator_text_uk", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("indicator_text_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("status", sa.UnicodeText, nullable=False, server_default="planned"),
        sa.Column("cancel_reason_uk", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("cancel_reason_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("indicator_code", sa.UnicodeText),
        sa.Column("indicator_organization_id", sa.UnicodeText),
        sa.Column("indicator_target", sa.Float),
        sa.Column("indicator_target_date", sa.Date),
        sa.Column("evidence_dataset_ids", _TEXTS, nullable=False, server_default="{}"),
        sa.Column("evidence_item_codes", _TEXTS, nullable=False, server_default="{}"),
        sa.Column("created", _TZ, nullable=False),
        sa.Column("modified", _TZ, nullable=False),
        sa.UniqueConstraint("plan_id", "number", name="lutsk_charter_measure_number"),
        sa.CheckConstraint(
            "status IN ('planned', 'in_progress', 'done', 'cancelled')",
            name="lutsk_charter_measure_status",
        ),
    )
    op.create_index("lutsk_charter_measure_plan", "lutsk_charter_measure", ["plan_id"])
    op.create_index("lutsk_charter_measure_lead", "lutsk_charter_measure", ["lead_organization_id"])
    op.create_table(
        "lutsk_charter_measure_deadline",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("measure_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("old_kind", sa.UnicodeText, nullable=False),
        sa.Column("old_deadline", sa.UnicodeText, nullable=False),
        sa.Column("new_kind", sa.UnicodeText, nullable=False),
        sa.Column("new_deadline", sa.UnicodeText, nullable=False),
        sa.Column("document", sa.UnicodeText, nullable=False),
        sa.Column("user_id", sa.UnicodeText),
        sa.Column("changed_at", _TZ, nullable=False),
    )
    op.create_table(
        "lutsk_charter_plan_history",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("plan_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("measure_id", sa.UnicodeText, index=True),
        sa.Column("action", sa.UnicodeText, nullable=False),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("user_id", sa.UnicodeText),
        sa.Column("changed_at", _TZ, nullable=False),
    )
    op.create_table(
        "lutsk_charter_measure_report",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("measure_id", sa.UnicodeText, nullable=False),
        sa.Column("period", sa.UnicodeText, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("text_uk", sa.UnicodeText, nullable=False),
        sa.Column("text_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("percent", sa.Integer, nullable=False),
        sa.Column("links", sa.JSON, nullable=False),
        sa.Column("files", sa.JSON, nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False, server_default="submitted"),
        sa.Column("reviewer_comment", sa.UnicodeText, nullable=False, server_default=""),
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
    op.create_table(
        "lutsk_charter_measure_feedback",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("measure_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("name", sa.UnicodeText, nullable=False),
        sa.Column("email", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("text", sa.UnicodeText, nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False, server_default="pending"),
        sa.Column("sender_hash", sa.UnicodeText, nullable=False, index=True),
        sa.Column("created", _TZ, nullable=False),
        sa.Column("reviewed_by", sa.UnicodeText),
        sa.Column("reviewed_at", _TZ),
        sa.CheckConstraint(
            "state IN ('pending', 'approved', 'rejected')",
            name="lutsk_charter_measure_feedback_state",
        ),
    )
    op.create_table(
        "lutsk_charter_indicator_value",
        sa.Column("code", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("value", sa.Float),
        sa.Column("numerator", sa.Integer),
        sa.Column("denominator", sa.Integer),
        sa.Column("taken_at", _TZ, nullable=False),
    )


def downgrade():
    op.drop_table("lutsk_charter_indicator_value")
    op.drop_table("lutsk_charter_measure_feedback")
    op.drop_table("lutsk_charter_measure_report")
    op.drop_table("lutsk_charter_plan_history")
    op.drop_table("lutsk_charter_measure_deadline")
    op.drop_index("lutsk_charter_measure_lead", table_name="lutsk_charter_measure")
    op.drop_index("lutsk_charter_measure_plan", table_name="lutsk_charter_measure")
    op.drop_table("lutsk_charter_measure")
    op.drop_index("lutsk_charter_plan_one_current", table_name="lutsk_charter_plan")
    op.drop_table("lutsk_charter_plan")
