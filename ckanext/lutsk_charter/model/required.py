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


def list_order() -> list[Any]:
    """The list's order: all information holders first, then local self-government."""
    from ckanext.lutsk_charter.types import REQUIRED_SECTIONS

    order = {section: n for n, section in enumerate(REQUIRED_SECTIONS)}
    return [
        sa.case(order, value=RequiredDataset.section, else_=len(order)),
        RequiredDataset.position,
        RequiredDataset.code,
    ]


def _in_list_order(query: Any) -> Any:
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


def linked_rows(session: Any, field: str, organization_id: str | None) -> list[Any]:
    """Every public, active dataset whose ``field`` names an item (of one body if given):
    id, name, title, owner_org, metadata_created, code and update frequency."""
    from ckan import model

    from ckanext.lutsk_charter.model.queries import extra_value

    package = model.package_table
    code, frequency = extra_value(field), extra_value("update_frequency")
    query = (
        sa.select(
            package.c.id,
            package.c.name,
            package.c.title,
            package.c.owner_org,
            package.c.metadata_created,
            code.label("code"),
            frequency.label("frequency"),
        )
        .where(
            package.c.state == "active",
            package.c.private.is_(False),
            package.c.type == "dataset",
            code.isnot(None),
            code != "",
        )
        .order_by(package.c.title, package.c.name)
    )
    if organization_id:
        query = query.where(package.c.owner_org == organization_id)
    return list(session.execute(query).all())


def seed_if_empty(session: Any, rows: list[dict[str, Any]]) -> int:
    """Write ``rows`` into an empty catalogue (the caller commits); how many were
    added, 0 when it was not empty."""
    if session.scalar(sa.select(sa.func.count()).select_from(RequiredDataset)):
        return 0
    session.execute(sa.insert(RequiredDataset.__table__), rows)
    return len(rows)
