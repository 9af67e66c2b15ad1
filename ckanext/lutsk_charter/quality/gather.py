"""Gather the facts the checks need, for one dataset or ten thousand, in a fixed number of queries.

Each query reads one kind of fact for every dataset in scope (the scope is a
subquery), so checking the whole portal costs the same nine queries as
checking one dataset: no ``package_show`` per dataset.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from ckan import model
from sqlalchemy.orm import Session

from ckanext.lutsk_charter.model import LinkCheck, ResourceDataChange, ResourceValidation
from ckanext.lutsk_charter.model.responsible import current_assignments

from .facts import DatasetFacts, ResourceFacts

#: Scheming's custom fields the checks read (stored as extras).
EXTRAS = (
    "update_frequency",
    "purpose_of_collecting_information",
    "language",
    "data_actuality_date",
    "temporal_start",
    "temporal_end",
    "spatial_coverage",
    "closed_justification",
    "planned_release_date",
    "legal_basis",
)


def scope(package_ids: list[str] | None = None, organization_id: str | None = None) -> sa.Select:
    """The ids of active datasets to check: some, a body's, or all."""
    package = model.package_table
    query = sa.select(package.c.id).where(package.c.state == "active", package.c.type == "dataset")
    if package_ids is not None:
        query = query.where(package.c.id.in_(package_ids))
    if organization_id is not None:
        query = query.where(package.c.owner_org == organization_id)
    return query


def gather(session: Session, in_scope: sa.Select, today: dt.date) -> list[DatasetFacts]:
    """The facts of every dataset in ``in_scope`` (a ``scope()``)."""
    ids = in_scope.scalar_subquery()
    package = model.package_table
    rows = session.execute(
        sa.select(
            package.c.id,
            package.c.name,
            package.c.title,
            package.c.notes,
            package.c.private,
            package.c.owner_org,
            package.c.license_id,
            package.c.maintainer,
            package.c.maintainer_email,
            package.c.metadata_created,
        ).where(package.c.id.in_(ids))
    ).all()
    if not rows:
        return []
    extras = _extras(session, ids)
    tags = _counts(
        session,
        sa.select(model.package_tag_table.c.package_id, sa.func.count())
        .where(model.package_tag_table.c.package_id.in_(ids))
        .where(model.package_tag_table.c.state == "active")
        .group_by(model.package_tag_table.c.package_id),
    )
    member, group = model.member_table, model.group_table
    groups = _counts(
        session,
        sa.select(member.c.table_id, sa.func.count())
        .join(group, group.c.id == member.c.group_id)
        .where(member.c.table_id.in_(ids), member.c.table_name == "package")
        .where(member.c.state == "active", group.c.state == "active")
        .where(group.c.is_organization.is_(False))
        .group_by(member.c.table_id),
    )
    resources = _resources(session, ids)
    changed = dict(
        session.execute(
            sa.select(ResourceDataChange.package_id, sa.func.max(ResourceDataChange.changed_at))
            .join(model.resource_table, model.resource_table.c.id == ResourceDataChange.resource_id)
            .where(ResourceDataChange.package_id.in_(ids))
            .where(model.resource_table.c.state == "active")
            .group_by(ResourceDataChange.package_id)
        ).all()
    )
    responsible = _responsible(session, {r.owner_org for r in rows if r.owner_org}, today)
    return [
        DatasetFacts(
            id=r.id,
            name=r.name,
            title=r.title or "",
            notes=r.notes or "",
            private=bool(r.private),
            owner_org=r.owner_org,
            license_id=r.license_id,
            maintainer=r.maintainer,
            maintainer_email=r.maintainer_email,
            metadata_created=_aware(r.metadata_created),
            extras=extras.get(r.id, {}),
            tags=tags.get(r.id, 0),
            groups=groups.get(r.id, 0),
            resources=tuple(resources.get(r.id, ())),
            data_changed_at=changed.get(r.id),
            responsible=responsible.get(r.owner_org or "", {}),
        )
        for r in rows
    ]


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.replace(tzinfo=dt.timezone.utc) if moment and not moment.tzinfo else moment


def _counts(session: Session, query: sa.Select) -> dict[str, int]:
    return dict(session.execute(query).all())  # type: ignore[arg-type]


def _extras(session: Session, ids: Any) -> dict[str, dict[str, str]]:
    """Custom fields: a JSONB column since CKAN 2.12, a key/value table before."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    table = getattr(model, "package_extra_table", None)
    if table is None:
        column = model.package_table.c.extras
        query = sa.select(
            model.package_table.c.id, *[column[key].astext.label(key) for key in EXTRAS]
        ).where(model.package_table.c.id.in_(ids))
        for row in session.execute(query).mappings():
            found[row["id"]] = {k: row[k] for k in EXTRAS if row[k] is not None}
        return found
    query = sa.select(table.c.package_id, table.c.key, table.c.value).where(
        table.c.package_id.in_(ids), table.c.state == "active", table.c.key.in_(EXTRAS)
    )
    for package_id, key, value in session.execute(query).all():
        found[package_id][key] = value
    return found


def _resources(session: Session, ids: Any) -> dict[str, list[ResourceFacts]]:
    resource = model.resource_table
    errors = sa.func.coalesce(
        sa.cast(ResourceValidation.report["meta"]["error_count"].as_string(), sa.Integer), 0
    )
    query = (
        sa.select(
            resource.c.id,
            resource.c.package_id,
            resource.c.url,
            resource.c.url_type,
            resource.c.format,
            resource.c.mimetype,
            resource.c.size,
            (
                sa.func.coalesce(sa.cast(resource.c.extras, sa.JSON)["schema"].as_string(), "")
                != ""
            ).label("schema"),
            ResourceValidation.status.label("validation_status"),
            errors.label("validation_errors"),
            LinkCheck.status.label("link_status"),
            LinkCheck.reason.label("link_reason"),
        )
        .outerjoin(ResourceValidation, ResourceValidation.resource_id == resource.c.id)
        .outerjoin(
            LinkCheck,
            sa.and_(LinkCheck.resource_id == resource.c.id, LinkCheck.url == resource.c.url),
        )
        .where(resource.c.package_id.in_(ids), resource.c.state == "active")
        .order_by(resource.c.package_id, resource.c.position)
    )
    found: dict[str, list[ResourceFacts]] = defaultdict(list)
    for r in session.execute(query).all():
        found[r.package_id].append(
            ResourceFacts(
                id=r.id,
                url=r.url or "",
                url_type=r.url_type,
                format=r.format or "",
                mimetype=r.mimetype,
                size=r.size,
                has_schema=bool(r.schema),
                validation_status=r.validation_status,
                validation_errors=r.validation_errors or 0,
                link_status=r.link_status,
                link_reason=r.link_reason,
            )
        )
    return found


def _responsible(
    session: Session, organization_ids: set[str], today: dt.date
) -> dict[str, dict[str, frozenset[str]]]:
    if not organization_ids:
        return {}
    emails: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for assignment in session.scalars(current_assignments(list(organization_ids), today)):
        emails[assignment.organization_id][assignment.role].add(assignment.email.lower())
    return {
        org: {role: frozenset(found) for role, found in roles.items()}
        for org, roles in emails.items()
    }
