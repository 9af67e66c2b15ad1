"""A responsible person's contact is public only when the assignment says so.

Revision ID: 7a1100000005
Revises: 7a1600000003
Create Date: 2026-12-01 09:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7a1100000005"
down_revision = "7a1600000003"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "lutsk_charter_responsible_assignment",
        sa.Column("contact_public", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade():
    op.drop_column("lutsk_charter_responsible_assignment", "contact_public")
