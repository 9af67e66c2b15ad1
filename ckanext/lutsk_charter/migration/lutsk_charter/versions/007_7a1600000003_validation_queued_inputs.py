"""Remember what each resource's validation was queued for (file, link, format, schema).

A save queues a validation only when one of these changed since the last time it
was queued, whichever action saved it (resource_*, package_create/update/patch).

Revision ID: 7a1600000003
Revises: 6c2e9f1a7b34
Create Date: 2026-12-01 09:15:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7a1600000003"
down_revision = "6c2e9f1a7b34"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "lutsk_charter_validation", sa.Column("queued_inputs", sa.UnicodeText, nullable=True)
    )


def downgrade():
    op.drop_column("lutsk_charter_validation", "queued_inputs")
