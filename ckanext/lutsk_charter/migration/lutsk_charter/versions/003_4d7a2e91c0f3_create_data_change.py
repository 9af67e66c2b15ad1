"""Create the table of when each resource's data last changed.

Revision ID: 4d7a2e91c0f3
Revises: 9c3e51a7d2b4
Create Date: 2026-11-27 02:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "4d7a2e91c0f3"
down_revision = "9c3e51a7d2b4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lutsk_charter_data_change",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("fingerprint", sa.UnicodeText, nullable=False),
        sa.Column("content_sha256", sa.UnicodeText),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "lutsk_charter_data_change_package_idx", "lutsk_charter_data_change", ["package_id"]
    )


def downgrade():
    op.drop_table("lutsk_charter_data_change")
