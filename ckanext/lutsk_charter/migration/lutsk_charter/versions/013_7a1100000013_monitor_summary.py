"""Create the monitoring dashboard's summary: each dataset's monitoring facts, the counts
per body that do not change with the date, and the row that says the summary was built.

The tables start empty and unbuilt: the dashboard counts from the packages until
``ckan lutsk-charter snapshot`` (daily from cron) builds them.

Revision ID: 7a1100000013
Revises: 7a1400000007
Create Date: 2026-12-01 16:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7a1100000013"
down_revision = "7a1400000007"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "lutsk_charter_monitor_dataset",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText),
        sa.Column("visibility", sa.UnicodeText, nullable=False),
        sa.Column("inactive", sa.Boolean, nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("changed_at", _TZ, nullable=False),
        sa.Column("band", sa.UnicodeText),
        sa.Column("open_codes", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("title", sa.UnicodeText),
        sa.CheckConstraint(
            "visibility IN ('public', 'private', 'draft')",
            name="lutsk_charter_monitor_dataset_visibility",
        ),
    )
    op.create_index(
        "lutsk_charter_monitor_dataset_due_idx",
        "lutsk_charter_monitor_dataset",
        ["due", "title", "package_id"],
    )
    op.create_index(
        "lutsk_charter_monitor_dataset_body_due_idx",
        "lutsk_charter_monitor_dataset",
        ["organization_id", "due", "title", "package_id"],
    )
    op.create_index(
        "lutsk_charter_monitor_dataset_late_idx",
        "lutsk_charter_monitor_dataset",
        ["organization_id", "due"],
        postgresql_where=sa.text("visibility = 'public' AND NOT inactive AND due IS NOT NULL"),
    )
    op.create_index(
        "lutsk_charter_monitor_dataset_published_idx",
        "lutsk_charter_monitor_dataset",
        ["organization_id", "changed_at"],
        postgresql_where=sa.text("visibility = 'public'"),
    )
    op.create_table(
        "lutsk_charter_monitor_count",
        sa.Column("organization_id", sa.UnicodeText, primary_key=True),
        sa.Column("key", sa.UnicodeText, primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_table(
        "lutsk_charter_monitor_summary",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("zone", sa.UnicodeText, nullable=False),
        sa.Column("built_at", _TZ, nullable=False),
        sa.CheckConstraint("id = 1", name="lutsk_charter_monitor_summary_one_row"),
    )


def downgrade():
    op.drop_table("lutsk_charter_monitor_summary")
    op.drop_table("lutsk_charter_monitor_count")
    op.drop_table("lutsk_charter_monitor_dataset")  # and its indexes
