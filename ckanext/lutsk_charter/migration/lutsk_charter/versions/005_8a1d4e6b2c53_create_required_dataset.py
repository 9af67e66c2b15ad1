"""Create the catalogue of the datasets Resolution 835 makes mandatory, seeded with its 73 items.

The rows come from the package's ``data/835-list.csv`` (the consolidated text of
October 2024): 16 items for all information holders (``ALL-<n>``) and 57 for
local self-government bodies (``OMS-<n>``).

Revision ID: 8a1d4e6b2c53
Revises: 5b8f3c6a1d27
Create Date: 2026-11-27 03:30:00

"""

import csv
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "8a1d4e6b2c53"
down_revision = "5b8f3c6a1d27"
branch_labels = None
depends_on = None

#: ckanext/lutsk_charter/data/835-list.csv
SEED = Path(__file__).resolve().parents[3] / "data" / "835-list.csv"


def seed_rows() -> list[dict]:
    """The items of the package CSV as rows of the table."""
    with SEED.open(encoding="utf-8", newline="") as f:
        return [
            {
                "code": row["code"],
                "section": row["section"],
                "position": int(row["number"]),
                "name_uk": row["name_uk"],
                "name_en": row["name_en"],
                "source": row["source"],
                "active": True,
            }
            for row in csv.DictReader(f)
        ]


def upgrade():
    table = op.create_table(
        "lutsk_charter_required_dataset",
        sa.Column("code", sa.UnicodeText, primary_key=True),
        sa.Column("section", sa.UnicodeText, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name_uk", sa.UnicodeText, nullable=False),
        sa.Column("name_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("source", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
        sa.Column("updated_by", sa.UnicodeText),
        sa.CheckConstraint(
            "section IN ('all_holders', 'local_self_government')", name="lutsk_charter_rd_section"
        ),
        sa.CheckConstraint("position > 0", name="lutsk_charter_rd_position"),
    )
    op.bulk_insert(table, seed_rows())


def downgrade():
    op.drop_table("lutsk_charter_required_dataset")
