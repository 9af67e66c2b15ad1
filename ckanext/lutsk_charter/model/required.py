"""The catalogue of datasets that Resolution 835 makes mandatory.

One row per item of the annex "Перелік наборів даних, які підлягають
оприлюдненню у формі відкритих даних", for the two sections that bind the city:
all information holders (``ALL-<n>``) and local self-government (``OMS-<n>``).
The list prints no numbers, so ``position`` is the item's place within its
section; ``code`` is the stable key datasets link to (``required_dataset``).
The migration seeds it from ``data/835-list.csv``; sysadmins edit it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from sqlalchemy.orm import Mapped


class RequiredDataset(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_required_dataset",
        tk.BaseModel.metadata,
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

    code: Mapped[str]
    section: Mapped[str]
    position: Mapped[int]
    name_uk: Mapped[str]
    name_en: Mapped[str]
    source: Mapped[str]
    active: Mapped[bool]
    updated_at: Mapped[dt.datetime | None]
    updated_by: Mapped[str | None]

    def dictize(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "section": self.section,
            "position": self.position,
            "name_uk": self.name_uk,
            "name_en": self.name_en,
            "source": self.source,
            "active": self.active,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "updated_by": self.updated_by,
        }


# --- queries -----------------------------------------------------------------------------


def _in_list_order(query: Any) -> Any:
    from ckanext.lutsk_charter.monitoring.required import list_order

    return query.order_by(*list_order())


def required_items(
    session: Any, section: str | None = None, include_inactive: bool = False
) -> list[RequiredDataset]:
    """The items of the list (of one section if given; inactive ones too if asked), in the
    list's order: all information holders first, then local self-government."""
    query = sa.select(RequiredDataset)
    if section:
        query = query.where(RequiredDataset.section == section)
    if not include_inactive:
        query = query.where(RequiredDataset.active.is_(True))
    return list(session.scalars(_in_list_order(query)))


def items_by_code(session: Any, codes: Any, for_update: bool = False) -> dict[str, RequiredDataset]:
    """The items of these codes, by code (locked ``for_update``)."""
    query = sa.select(RequiredDataset).where(RequiredDataset.code.in_(list(codes)))
    if for_update:
        query = query.with_for_update()
    return {item.code: item for item in session.scalars(query)}


def known_codes(session: Any, codes: Any) -> set[str]:
    """Which of these codes are items of the list."""
    query = sa.select(RequiredDataset.code).where(RequiredDataset.code.in_(list(codes)))
    return set(session.scalars(query))
