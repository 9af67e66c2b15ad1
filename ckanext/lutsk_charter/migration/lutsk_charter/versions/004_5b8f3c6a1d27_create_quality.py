"""Create the quality flags, each dataset's score, and the link checks.

Revision ID: 5b8f3c6a1d27
Revises: 4d7a2e91c0f3
Create Date: 2026-11-27 03:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5b8f3c6a1d27"
down_revision = "4d7a2e91c0f3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lutsk_charter_quality_flag",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("organization_id", sa.UnicodeText),
        sa.Column("resource_id", sa.UnicodeText),
        sa.Column("code", sa.UnicodeText, nullable=False),
        sa.Column("principle", sa.UnicodeText, nullable=False),
        sa.Column("severity", sa.UnicodeText, nullable=False),
        sa.Column("args", sa.JSON, nullable=False),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True)),
        sa.Column("reviewer", sa.UnicodeText),
        sa.Column("reviewed_at", sa.DateTime(timezone=True)),
        sa.Column("review_note", sa.UnicodeText),
    )
    op.create_index(
        "lutsk_charter_quality_flag_package_idx", "lutsk_charter_quality_flag", ["package_id"]
    )
    op.create_index(
        "lutsk_charter_quality_flag_queue_idx",
        "lutsk_charter_quality_flag",
        ["status", "organization_id", "principle", "code"],
    )
    # One unresolved flag per finding; resolved ones stay as history.
    op.create_index(
        "lutsk_charter_quality_flag_live_idx",
        "lutsk_charter_quality_flag",
        ["package_id", sa.text("coalesce(resource_id, '')"), "code"],
        unique=True,
        postgresql_where=sa.text("status <> 'resolved'"),
    )
    op.create_table(
        "lutsk_charter_dataset_quality",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("band", sa.UnicodeText, nullable=False),
        sa.Column("dimensions", sa.JSON, nullable=False),
        sa.Column("principles", sa.JSON, nullable=False),
        sa.Column("open_codes", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "lutsk_charter_link_check",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("url", sa.UnicodeText, nullable=False),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("http_status", sa.Integer),
        sa.Column("reason", sa.UnicodeText),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_failure", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "lutsk_charter_link_check_package_idx", "lutsk_charter_link_check", ["package_id"]
    )


def downgrade():
    op.drop_table("lutsk_charter_link_check")
    op.drop_table("lutsk_charter_dataset_quality")
    op.drop_table("lutsk_charter_quality_flag")
