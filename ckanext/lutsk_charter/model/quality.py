"""Quality flags, each dataset's score, and the results of link checks.

A flag is one finding of one check on one dataset (or one of its resources).
While the finding persists the flag stays and its ``last_seen`` moves; when it
vanishes the flag is ``resolved`` and kept as history (while it is live its
dataset's ``checked_at`` says when it was last seen) — a later return opens a
new flag. A reviewer may ``acknowledge`` or ``dismiss`` a flag; a dismissed
flag stays dismissed until its arguments change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.model import types as ckan_types
from sqlalchemy.orm import Mapped

LINK_STATUSES = ("ok", "broken", "skipped")


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


class QualityFlag(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_quality_flag",
        tk.BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
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
        sa.Index("lutsk_charter_quality_flag_package_idx", "package_id"),
        sa.Index(
            "lutsk_charter_quality_flag_queue_idx", "status", "organization_id", "principle", "code"
        ),
        # One unresolved flag per finding; resolved ones stay as history.
        sa.Index(
            "lutsk_charter_quality_flag_live_idx",
            "package_id",
            sa.text("coalesce(resource_id, '')"),
            "code",
            unique=True,
            postgresql_where=sa.text("status <> 'resolved'"),
        ),
    )

    id: Mapped[str]
    package_id: Mapped[str]
    organization_id: Mapped[str | None]
    resource_id: Mapped[str | None]
    code: Mapped[str]
    principle: Mapped[str]
    severity: Mapped[str]
    args: Mapped[dict[str, Any]]
    status: Mapped[str]
    first_seen: Mapped[dt.datetime]
    last_seen: Mapped[dt.datetime]
    resolved_at: Mapped[dt.datetime | None]
    reviewer: Mapped[str | None]
    reviewed_at: Mapped[dt.datetime | None]
    review_note: Mapped[str | None]

    def dictize(self, checked_at: dt.datetime | None = None) -> dict[str, Any]:
        """The API shape; ``checked_at`` is the dataset's last check, when a live flag was seen."""
        last_seen = self.last_seen
        if self.status != "resolved" and checked_at and checked_at > last_seen:
            last_seen = checked_at
        return {
            "id": self.id,
            "package_id": self.package_id,
            "organization_id": self.organization_id,
            "resource_id": self.resource_id,
            "code": self.code,
            "principle": self.principle,
            "severity": self.severity,
            "args": self.args,
            "status": self.status,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(last_seen),
            "resolved_at": _iso(self.resolved_at),
            "reviewer": self.reviewer,
            "reviewed_at": _iso(self.reviewed_at),
            "review_note": self.review_note,
        }


class DatasetQuality(tk.BaseModel):  # type: ignore[misc, valid-type]
    """The latest score of a dataset; ``open_codes`` is what Solr indexes as ``charter_flags``."""

    __table__ = sa.Table(
        "lutsk_charter_dataset_quality",
        tk.BaseModel.metadata,
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("band", sa.UnicodeText, nullable=False),
        sa.Column("dimensions", sa.JSON, nullable=False),
        sa.Column("principles", sa.JSON, nullable=False),
        sa.Column("open_codes", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )

    package_id: Mapped[str]
    organization_id: Mapped[str | None]
    score: Mapped[int]
    band: Mapped[str]
    dimensions: Mapped[dict[str, list[int]]]
    principles: Mapped[dict[str, float]]
    open_codes: Mapped[str]
    checked_at: Mapped[dt.datetime]


class LinkCheck(tk.BaseModel):  # type: ignore[misc, valid-type]
    """Whether a linked resource answered when last checked (uploads are not checked)."""

    __table__ = sa.Table(
        "lutsk_charter_link_check",
        tk.BaseModel.metadata,
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("url", sa.UnicodeText, nullable=False),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("http_status", sa.Integer),
        sa.Column("reason", sa.UnicodeText),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_failure", sa.DateTime(timezone=True)),
        sa.Index("lutsk_charter_link_check_package_idx", "package_id"),
    )

    resource_id: Mapped[str]
    package_id: Mapped[str]
    url: Mapped[str]
    status: Mapped[str]
    http_status: Mapped[int | None]
    reason: Mapped[str | None]
    checked_at: Mapped[dt.datetime]
    first_failure: Mapped[dt.datetime | None]
