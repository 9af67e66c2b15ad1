"""Create the register of responsible persons and its change feed.

Revision ID: 6b1f0c2d9a10
Revises:
Create Date: 2026-11-27 01:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "6b1f0c2d9a10"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lutsk_charter_responsible_assignment",
        sa.Column("id", sa.UnicodeText, primary_key=True),
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
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_by", sa.UnicodeText),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("end_reason", sa.UnicodeText),
        sa.Column("supersedes", sa.UnicodeText),
        sa.Column("superseded_by", sa.UnicodeText),
        sa.CheckConstraint("role IN ('creator', 'publisher')", name="lutsk_charter_ra_role"),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name="lutsk_charter_ra_period"
        ),
    )
    op.create_index(
        "lutsk_charter_ra_organization_idx",
        "lutsk_charter_responsible_assignment",
        ["organization_id"],
    )
    op.create_table(
        "lutsk_charter_responsible_change",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, nullable=False),
        sa.Column("assignment_id", sa.UnicodeText, nullable=False),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("changed_by", sa.UnicodeText),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_by", sa.UnicodeText),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "lutsk_charter_rc_organization_idx", "lutsk_charter_responsible_change", ["organization_id"]
    )
    op.create_index(
        "lutsk_charter_rc_unacknowledged_idx",
        "lutsk_charter_responsible_change",
        ["changed_at"],
        postgresql_where=sa.text("acknowledged_at IS NULL"),
    )


def downgrade():
    op.drop_table("lutsk_charter_responsible_change")
    op.drop_table("lutsk_charter_responsible_assignment")
