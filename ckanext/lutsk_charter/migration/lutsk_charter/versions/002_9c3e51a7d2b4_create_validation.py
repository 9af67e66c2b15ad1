"""Create the table of data validation results.

Revision ID: 9c3e51a7d2b4
Revises: 6b1f0c2d9a10
Create Date: 2026-11-27 02:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "9c3e51a7d2b4"
down_revision = "6b1f0c2d9a10"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lutsk_charter_validation",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("input_hash", sa.UnicodeText),
        sa.Column("report", sa.JSON),
        sa.Column("error", sa.UnicodeText),
        sa.CheckConstraint(
            "status IN ('pending', 'running', 'success', 'failure', 'error')",
            name="lutsk_charter_validation_status",
        ),
    )
    op.create_index(
        "lutsk_charter_validation_package_idx", "lutsk_charter_validation", ["package_id"]
    )


def downgrade():
    op.drop_table("lutsk_charter_validation")
