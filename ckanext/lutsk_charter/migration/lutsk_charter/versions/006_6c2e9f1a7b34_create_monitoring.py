"""Create the daily monitoring snapshots and the log of reminders sent.

Revision ID: 6c2e9f1a7b34
Revises: 8a1d4e6b2c53
Create Date: 2026-11-27 04:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "6c2e9f1a7b34"
down_revision = "8a1d4e6b2c53"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lutsk_charter_monitor_snapshot",
        sa.Column("day", sa.Date, primary_key=True),
        # "" for the city as a whole
        sa.Column("organization_id", sa.UnicodeText, primary_key=True),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "lutsk_charter_reminder",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("recipient", sa.UnicodeText, nullable=False),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("package_ids", sa.JSON, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("day", "recipient", "kind", name="lutsk_charter_reminder_once_a_day"),
    )


def downgrade():
    op.drop_table("lutsk_charter_reminder")
    op.drop_table("lutsk_charter_monitor_snapshot")
