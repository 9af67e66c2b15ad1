"""Queries of the quality flags that pages and reviewers read (the checks' own storage is
``quality/store.py``): a dataset's open flags, the review queue, the flags to review and
the bodies their datasets belong to now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from ckan import model

from .quality import DatasetQuality, QualityFlag


def open_flags(package_id: str) -> list[QualityFlag]:
    """The dataset's open and acknowledged flags."""
    return list(
        model.Session.scalars(
            sa.select(QualityFlag)
            .where(QualityFlag.package_id == package_id)
            .where(QualityFlag.status.in_(("open", "acknowledged")))
        )
    )


def flag_page(
    *,
    organization_id: str | None,
    package_id: str | None,
    equal: dict[str, str],
    status: str,
    limit: int,
    offset: int,
) -> tuple[int, list[tuple[QualityFlag, str, str | None, dt.datetime | None]]]:
    """``(count, rows)`` of the flags that match, newest first: each row the flag, its
    dataset's name and title and when the dataset was last checked. ``organization_id``:
    the body the dataset belongs to now; ``equal``: columns (principle, code, severity) and
    their values; ``status``: one status, or ``unresolved`` for any but resolved."""
    package = model.Package
    query = (
        sa.select(QualityFlag, package.name, package.title, DatasetQuality.checked_at)
        .join(package, package.id == QualityFlag.package_id)
        .outerjoin(DatasetQuality, DatasetQuality.package_id == QualityFlag.package_id)
    )
    if organization_id:
        query = query.where(package.owner_org == organization_id)
    if package_id:
        query = query.where(QualityFlag.package_id == package_id)
    for name, value in equal.items():
        query = query.where(getattr(QualityFlag, name) == value)
    if status == "unresolved":
        query = query.where(QualityFlag.status != "resolved")
    else:
        query = query.where(QualityFlag.status == status)
    session = model.Session
    count = session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(QualityFlag.first_seen.desc(), QualityFlag.id).limit(limit).offset(offset)
    ).all()
    return count, [(r[0], r[1], r[2], r[3]) for r in rows]


def flags_for_update(ids: Iterable[str]) -> list[QualityFlag]:
    """The flags of these ids, locked for the review."""
    return list(
        model.Session.scalars(
            sa.select(QualityFlag).where(QualityFlag.id.in_(list(ids))).with_for_update()
        ).all()
    )


def bodies_of_flags(ids: Iterable[str]) -> set[Any]:
    """The bodies the flags' datasets belong to now (``None`` for a dataset without one),
    never the body stored with a flag when it was found."""
    package = model.Package
    return set(
        model.Session.scalars(
            sa.select(package.owner_org)
            .join(QualityFlag, QualityFlag.package_id == package.id)
            .where(QualityFlag.id.in_(list(ids)))
            .distinct()
        )
    )
