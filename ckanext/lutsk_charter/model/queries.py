"""Queries every layer shares: dataset extras on both CKAN versions, organization
summaries, when data last changed, the current assignments, users and the site context.

The one place each of these is written; services and actions call them instead of
writing the SQL again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.types import Context

from .data_change import ResourceDataChange
from .responsible import current_on

__all__ = [
    "admin_emails",
    "current_on",
    "data_changed_at",
    "data_changed_by_package",
    "data_changed_subquery",
    "extra_value",
    "extras_object",
    "has_extras_column",
    "org_summaries",
    "site_context",
    "user_id",
]

# --- extras: a JSONB column on CKAN 2.12, a key/value table on CKAN 2.11 -------------------


def has_extras_column(table: sa.Table | None = None) -> bool:
    """Whether this CKAN keeps extras in an ``extras`` column (2.12) rather than a table (2.11)."""
    return "extras" in (table if table is not None else model.package_table).c


def extras_object(table: sa.Table | None = None) -> Any:
    """The row's extras as one JSON object (``package`` or ``group`` rows), on both versions."""
    table = table if table is not None else model.package_table
    if has_extras_column(table):
        return table.c.extras
    if table.name == "group":
        extra, key_column = model.group_extra_table, "group_id"  # type: ignore[attr-defined]
    else:
        extra, key_column = model.package_extra_table, "package_id"  # type: ignore[attr-defined]
    return (
        sa.select(sa.func.json_object_agg(extra.c.key, extra.c.value))
        .where(extra.c[key_column] == table.c.id, extra.c.state == "active")
        .scalar_subquery()
    )


def extra_value(key: str, table: sa.Table | None = None) -> Any:
    """One extra of the row as text (``None`` when absent), on both versions, without a join."""
    table = table if table is not None else model.package_table
    if has_extras_column(table):
        return table.c.extras[key].astext
    extra = model.package_extra_table  # type: ignore[attr-defined]
    return (
        sa.select(extra.c.value)
        .where(extra.c.package_id == table.c.id, extra.c.key == key, extra.c.state == "active")
        .limit(1)
        .scalar_subquery()
    )


# --- when the data last changed ------------------------------------------------------------


def data_changed_subquery(package_id: Any) -> Any:
    """A scalar subquery: the last change of the data of the dataset ``package_id`` (a column
    or a value), over its active resources; ``NULL`` when none was recorded."""
    resource = model.resource_table
    return (
        sa.select(sa.func.max(ResourceDataChange.changed_at))
        .join(resource, resource.c.id == ResourceDataChange.resource_id)
        .where(ResourceDataChange.package_id == package_id, resource.c.state == "active")
        .scalar_subquery()
    )


def data_changed_by_package(package_ids: Any = None) -> Any:
    """A subquery ``(package_id, at)``: the same last change, grouped for many datasets at once
    (``package_ids``: a subquery or list to limit it to, or None for all)."""
    resource = model.resource_table
    query = (
        sa.select(
            ResourceDataChange.package_id, sa.func.max(ResourceDataChange.changed_at).label("at")
        )
        .join(resource, resource.c.id == ResourceDataChange.resource_id)
        .where(resource.c.state == "active")
        .group_by(ResourceDataChange.package_id)
    )
    if package_ids is not None:
        query = query.where(ResourceDataChange.package_id.in_(package_ids))
    return query.subquery()


def data_changed_at(package_ids: Iterable[str]) -> dict[str, dt.datetime]:
    """When each dataset's data last changed (only those with a recorded change)."""
    ids = list(package_ids)
    if not ids:
        return {}
    package = model.package_table
    latest = data_changed_subquery(package.c.id)
    rows = model.Session.execute(
        sa.select(package.c.id, latest).where(package.c.id.in_(ids), latest.isnot(None))
    )
    return {row[0]: row[1] for row in rows}


# --- organizations -------------------------------------------------------------------------


def org_summaries(
    ids: Iterable[str] | None = None, session: Any = None
) -> dict[str, dict[str, str]]:
    """``{id: {"id", "name", "title"}}`` of the given organizations (all active ones for None);
    the title falls back to the name. ``session``: the caller's (default CKAN's)."""
    group = model.group_table
    query = sa.select(group.c.id, group.c.name, group.c.title)
    if ids is None:
        query = query.where(group.c.is_organization.is_(True), group.c.state == "active")
    else:
        wanted = set(ids)
        if not wanted:
            return {}
        query = query.where(group.c.id.in_(wanted))
    rows = (session or model.Session).execute(query.order_by(group.c.title, group.c.name))
    return {r.id: {"id": r.id, "name": r.name, "title": r.title or r.name} for r in rows}


# --- users and the site user -----------------------------------------------------------------


def user_id(name_or_id: str | None) -> str | None:
    """The id of a user given by name or id; ``None`` for no one or an unknown user."""
    user = model.User.get(name_or_id or "") if name_or_id else None
    return user.id if user else None


def admin_emails(session: Any, organization_ids: Iterable[str]) -> list[tuple[str, str]]:
    """``(organization id, e-mail)`` of the active admins with an e-mail of these bodies."""
    member, user = model.member_table, model.user_table
    rows = session.execute(
        sa.select(member.c.group_id, user.c.email)
        .join(user, user.c.id == member.c.table_id)
        .where(
            member.c.group_id.in_(list(organization_ids)),
            member.c.table_name == "user",
            member.c.capacity == "admin",
            member.c.state == "active",
            user.c.state == "active",
            user.c.email.isnot(None),
            user.c.email != "",
        )
    )
    return [(r[0], r[1]) for r in rows]


def user_context(user: str | None) -> Context:
    """A fresh context for ``user`` (``""``: anonymous) to ask CKAN's own auth functions.

    It carries ``model`` and ``session`` because CKAN 2.11's core auth functions
    read ``context["model"]`` (``tk.get_action`` adds them, ``tk.check_access`` and
    ``authz`` do not); our own code never reads them from a context.
    """
    return cast(Context, {"user": user or "", "model": model, "session": model.Session})


def site_context(**extra: Any) -> Context:
    """The context jobs and commands call actions with: the site user (a sysadmin), plus
    ``extra`` (e.g. ``ignore_auth=True``, ``defer_commit=True``)."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return cast(Context, {**user_context(site_user["name"]), **extra})


# --- objects a validated id names ----------------------------------------------------------


def get_package(id_or_name: str) -> model.Package:
    """The dataset, which the action's schema has checked exists; ``ObjectNotFound`` if gone."""
    package = model.Package.get(id_or_name)
    if package is None:
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    return package


def get_group(id_or_name: str) -> model.Group:
    """The organization (or group), which the schema has checked exists; ``ObjectNotFound``
    if gone."""
    group = model.Group.get(id_or_name)
    if group is None:
        raise tk.ObjectNotFound(tk._("Organization not found"))
    return group
