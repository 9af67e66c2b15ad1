"""When each resource's data last changed — the clock of timeliness.

``metadata_modified`` moves with every edit (a title, a stored validation
result), so it cannot tell whether a dataset's data is late. This table keeps,
per resource, a fingerprint of its data (where it is, how big, when the file
was stamped), the hash of a linked file's content as the validation last saw
it, and when either last changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from sqlalchemy.orm import Mapped


class ResourceDataChange(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_data_change",
        tk.BaseModel.metadata,
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("fingerprint", sa.UnicodeText, nullable=False),
        sa.Column("content_sha256", sa.UnicodeText),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Index("lutsk_charter_data_change_package_idx", "package_id"),
    )

    resource_id: Mapped[str]
    package_id: Mapped[str]
    fingerprint: Mapped[str]
    content_sha256: Mapped[str | None]
    changed_at: Mapped[dt.datetime]


def changes_of(session: Any, package_id: str) -> dict[str, ResourceDataChange]:
    """The stored rows of a dataset's resources, by resource id."""
    rows = session.scalars(
        sa.select(ResourceDataChange).where(ResourceDataChange.package_id == package_id)
    )
    return {row.resource_id: row for row in rows}
