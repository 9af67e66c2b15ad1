"""Create the table of DCAT-AP 3 SHACL checks of each dataset's own graph.

Revision ID: 7a1300000006
Revises: 7a1100000005
Create Date: 2026-12-01 09:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7a1300000006"
down_revision = "7a1100000005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lutsk_charter_dcat_check",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("conforms", sa.Boolean, nullable=False),
        sa.Column("violations", sa.Integer, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade():
    op.drop_table("lutsk_charter_dcat_check")
