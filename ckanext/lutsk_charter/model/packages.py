"""Queries of CKAN's own dataset table that the extension reads: the data clock's rows,
the names ``package_list`` lists for the clients that copy a portal, every dataset's id."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any, Literal

import sqlalchemy as sa
from ckan import model

from .queries import data_changed_subquery


def data_clock_column() -> Any:
    """The latest data change of the active resources of ``package`` (correlated)."""
    return data_changed_subquery(model.package_table.c.id)


@functools.cache
def _data_clock_statement() -> sa.Select:
    """Built once (a save reads the clock three times): only the ids change."""
    package = model.package_table
    return sa.select(package.c.id, data_clock_column(), package.c.metadata_created).where(
        package.c.id.in_(sa.bindparam("ids", expanding=True))
    )


def data_clock_rows(
    session: Any, package_ids: Iterable[str]
) -> list[tuple[str, dt.datetime | None, dt.datetime | None]]:
    """``(id, last data change, created)`` of each dataset, in one query."""
    ids = list(package_ids)
    if not ids:
        return []
    return [(r[0], r[1], r[2]) for r in session.execute(_data_clock_statement(), {"ids": ids})]


def package_names(
    *,
    by_id: bool,
    private: Literal["none", "all"] | list[str],
    drafts: Literal["none", "all"] | str,
    deleted: bool,
    limit: int | None = None,
    offset: int | None = None,
) -> list[str]:
    """Names (ids when ``by_id``) of datasets, sorted: the public active ones, plus the
    private ones of ``private`` (``"all"`` or those of the bodies listed), the drafts of
    ``drafts`` (``"all"`` or those the user of that id created) and, if ``deleted``, the
    deleted ones."""
    table = model.package_table
    column = table.c["id"] if by_id else table.c["name"]
    visible = table.c["private"].is_(False)
    if private == "all":
        visible = sa.true()
    elif private and private != "none":
        visible = sa.or_(visible, table.c["owner_org"].in_(private))
    states = [table.c["state"] == "active"]
    if drafts == "all":
        states.append(table.c["state"] == "draft")
    elif drafts and drafts != "none":
        states.append(sa.and_(table.c["state"] == "draft", table.c["creator_user_id"] == drafts))
    if deleted:
        states.append(table.c["state"] == "deleted")
    query = sa.select(column).where(visible, sa.or_(*states)).order_by(column)
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return list(model.Session.scalars(query).all())


def active_dataset_ids() -> list[str]:
    """The ids of every active dataset, by name."""
    package = model.Package
    return list(
        model.Session.scalars(
            sa.select(package.id)
            .where(package.state == "active", package.type == "dataset")
            .order_by(package.name)
        )
    )


def active_dataset_count(organization_id: str) -> int:
    """How many active datasets the body has."""
    package = model.package_table
    return (
        model.Session.scalar(
            sa.select(sa.func.count())
            .select_from(package)
            .where(package.c.owner_org == organization_id, package.c.state == "active")
        )
        or 0
    )


def name_taken(name: str) -> bool:
    """Whether a dataset (of any state) already has this URL name."""
    query = sa.select(model.package_table.c.id).where(model.package_table.c.name == name)
    return model.Session.execute(query.limit(1)).first() is not None
