"""The change feed knows what became of each change's e-mail notice.

Revision ID: 7a10a0000001
Revises: 7a1300000006
Create Date: 2026-12-01 09:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7a10a0000001"
down_revision = "7a1300000006"
branch_labels = None
depends_on = None

TABLE = "lutsk_charter_responsible_change"


def upgrade():
    # queued, sent, failed, not_queued (the queue was down) or none (nobody to notify);
    # NULL for changes recorded before this migration.
    op.add_column(TABLE, sa.Column("notice_state", sa.UnicodeText))
    op.add_column(TABLE, sa.Column("notice_error", sa.UnicodeText))
    op.add_column(TABLE, sa.Column("notice_at", sa.DateTime(timezone=True)))


def downgrade():
    op.drop_column(TABLE, "notice_at")
    op.drop_column(TABLE, "notice_error")
    op.drop_column(TABLE, "notice_state")
