"""Gather the facts the checks need, for one dataset or ten thousand, in a fixed number of queries.

Each query reads facts for every dataset in scope (the scope is a subquery),
so checking the whole portal costs the same three queries as checking one
dataset: no ``package_show`` per dataset.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa
from ckan import model
from ckan.types import AlchemySession

from ckanext.lutsk_charter.model import (
    DatasetQuality,
    DcatCheck,
    LinkCheck,
    QualityFlag,
    ResourceValidation,
    ResponsibleAssignment,
)
from ckanext.lutsk_charter.model.queries import (
    current_on,
    data_changed_by_package,
    data_changed_subquery,
    extras_object,
)

from .facts import DatasetFacts, ResourceFacts


@dataclass(frozen=True)
class Scope:
    """Which active datasets to check: some (``ids``), a body's (``org``), or ``all``.

    Statements are built once per kind and take the ids or the body as
    parameters, so the after-save check of one dataset neither builds nor
    compiles SQL again.
    """

    kind: Literal["ids", "org", "all"]
    params: dict[str, Any]

    @property
    def ids(self) -> sa.Select:
        """The ids of the datasets in scope, as a subquery-ready select."""
        return scope_select(self.kind)

    def package_ids(self, session: AlchemySession) -> list[str]:
        return list(session.scalars(self.ids, self.params))


def scope(package_ids: list[str] | None = None, organization_id: str | None = None) -> Scope:
    """Some datasets, a body's, or all (when both are None)."""
    if package_ids is not None:
        return Scope("ids", {"scope_ids": list(package_ids)})
    if organization_id is not None:
        return Scope("org", {"scope_org": organization_id})
    return Scope("all", {})


@functools.cache
def scope_select(kind: str) -> sa.Select:
    package = model.package_table
    query = sa.select(package.c.id).where(package.c.state == "active", package.c.type == "dataset")
    if kind == "ids":
        query = query.where(package.c.id.in_(sa.bindparam("scope_ids", expanding=True)))
    elif kind == "org":
        query = query.where(package.c.owner_org == sa.bindparam("scope_org"))
    return query


#: A live flag as stored: id, resource id, code, arguments, status.
StoredFlag = tuple[str, str | None, str, dict[str, Any], str]


@dataclass
class Gathered:
    """The facts of each dataset, and what the last check stored for it."""

    datasets: list[DatasetFacts]
    #: ``{package_id: (score, band, open codes)}`` as last stored (what Solr has).
    stored_scores: dict[str, tuple[int, str, str]]
    #: ``{package_id: [live flags]}`` (not resolved).
    live_flags: dict[str, list[StoredFlag]]


def gather(session: AlchemySession, in_scope: Scope, today: dt.date) -> Gathered:
    """Everything a check run needs, in two queries (datasets, resources).

    Keywords, groups, custom fields, the data clock, the body's responsible
    persons and the stored score and flags are aggregated and joined to each
    dataset: one round trip for them whether one dataset is checked after a
    save or ten thousand from cron.
    """
    rows = session.execute(_datasets_statement(in_scope.kind), {**in_scope.params, "today": today})
    resources = _resources(session, in_scope)
    compliant = dict(  # pyright: ignore[reportCallIssue]
        session.execute(  # pyright: ignore[reportArgumentType]
            sa.select(DcatCheck.package_id, DcatCheck.conforms).where(
                DcatCheck.package_id.in_(scope_select(in_scope.kind))
            ),
            in_scope.params,
        ).all()
    )
    gathered = Gathered([], {}, {})
    for r in rows:  # row by row: ten thousand rows and their facts are not held twice
        responsible: dict[str, set[str]] = defaultdict(set)
        for role, email in r.persons or ():
            responsible[role].add(email)
        gathered.datasets.append(
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
                extras={k: v for k, v in (r.extras or {}).items() if isinstance(v, str)},
                tags=r.tags,
                groups=r.groups,
                resources=tuple(resources.pop(r.id, ())),
                data_changed_at=r.changed,
                responsible={role: frozenset(emails) for role, emails in responsible.items()},
                dcat_ap_compliant=compliant.get(r.id),  # pyright: ignore[reportArgumentType]
                open_flags=frozenset((f[2], f[1] or "") for f in r.flags or ()),
            )
        )
        if r.score is not None:
            gathered.stored_scores[r.id] = (r.score, r.band, r.open_codes)
        if r.flags:
            gathered.live_flags[r.id] = [tuple(f) for f in r.flags]  # type: ignore[misc]
    return gathered


@functools.cache
def _datasets_statement(kind: str) -> sa.Select:
    if kind == "ids":
        return _few_datasets_statement()
    ids = scope_select(kind).scalar_subquery()
    package = model.package_table
    tag, member, group = model.package_tag_table, model.member_table, model.group_table
    tags = (
        sa.select(tag.c.package_id, sa.func.count().label("n"))
        .where(tag.c.package_id.in_(ids), tag.c.state == "active")
        .group_by(tag.c.package_id)
        .subquery()
    )
    groups = (
        sa.select(member.c.table_id.label("package_id"), sa.func.count().label("n"))
        .join(group, group.c.id == member.c.group_id)
        .where(member.c.table_id.in_(ids), member.c.table_name == "package")
        .where(member.c.state == "active", group.c.state == "active")
        .where(group.c.is_organization.is_(False))
        .group_by(member.c.table_id)
        .subquery()
    )
    changed = data_changed_by_package(ids)
    extras_column, extras_table = _extras(ids)
    persons = _current_persons()
    flag = QualityFlag.__table__
    flags = (
        sa.select(
            flag.c.package_id,
            sa.func.json_agg(
                sa.func.json_build_array(
                    flag.c.id, flag.c.resource_id, flag.c.code, flag.c.args, flag.c.status
                )
            ).label("flags"),
        )
        .where(flag.c.package_id.in_(ids), flag.c.status != "resolved")
        .group_by(flag.c.package_id)
        .subquery()
    )
    query = (
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
            extras_column,
            sa.func.coalesce(tags.c.n, 0).label("tags"),
            sa.func.coalesce(groups.c.n, 0).label("groups"),
            changed.c.at.label("changed"),
            persons.c.persons,
            DatasetQuality.score,
            DatasetQuality.band,
            DatasetQuality.open_codes,
            flags.c.flags,
        )
        .outerjoin(tags, tags.c.package_id == package.c.id)
        .outerjoin(groups, groups.c.package_id == package.c.id)
        .outerjoin(changed, changed.c.package_id == package.c.id)
        .outerjoin(persons, persons.c.organization_id == package.c.owner_org)
        .outerjoin(DatasetQuality, DatasetQuality.package_id == package.c.id)
        .outerjoin(flags, flags.c.package_id == package.c.id)
        .where(package.c.id.in_(ids))
    )
    if extras_table is not None:
        query = query.outerjoin(extras_table, extras_table.c.package_id == package.c.id)
    return query


def _few_datasets_statement() -> sa.Select:
    """The same columns for a few datasets (a save): correlated subqueries, which
    PostgreSQL plans in a fraction of the time the grouped joins take."""
    package = model.package_table
    tag, member, group = model.package_tag_table, model.member_table, model.group_table
    flag, assignment = QualityFlag.__table__, ResponsibleAssignment
    today = sa.bindparam("today", type_=sa.Date)

    def scalar(query: sa.Select) -> Any:
        return query.scalar_subquery()

    extras_column = extras_object(package)
    return (
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
            extras_column.label("extras"),
            scalar(
                sa.select(sa.func.count())
                .select_from(tag)
                .where(tag.c.package_id == package.c.id, tag.c.state == "active")
            ).label("tags"),
            scalar(
                sa.select(sa.func.count())
                .select_from(member.join(group, group.c.id == member.c.group_id))
                .where(member.c.table_id == package.c.id, member.c.table_name == "package")
                .where(member.c.state == "active", group.c.state == "active")
                .where(group.c.is_organization.is_(False))
            ).label("groups"),
            data_changed_subquery(package.c.id).label("changed"),
            scalar(
                sa.select(
                    sa.func.json_agg(
                        sa.func.json_build_array(assignment.role, sa.func.lower(assignment.email))
                    )
                ).where(assignment.organization_id == package.c.owner_org, current_on(today))
            ).label("persons"),
            DatasetQuality.score,
            DatasetQuality.band,
            DatasetQuality.open_codes,
            scalar(
                sa.select(
                    sa.func.json_agg(
                        sa.func.json_build_array(
                            flag.c.id, flag.c.resource_id, flag.c.code, flag.c.args, flag.c.status
                        )
                    )
                ).where(flag.c.package_id == package.c.id, flag.c.status != "resolved")
            ).label("flags"),
        )
        .outerjoin(DatasetQuality, DatasetQuality.package_id == package.c.id)
        .where(
            package.c.id.in_(sa.bindparam("scope_ids", expanding=True)),
            package.c.state == "active",
            package.c.type == "dataset",
        )
    )


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.replace(tzinfo=dt.timezone.utc) if moment and not moment.tzinfo else moment


def _extras(ids: Any) -> tuple[Any, Any]:
    """Custom fields as one JSON object per dataset, and what to join for them.

    A column of ``package`` since CKAN 2.12; before, a key/value table,
    aggregated to the same shape.
    """
    table = getattr(model, "package_extra_table", None)
    if table is None:
        return model.package_table.c.extras.label("extras"), None
    aggregated = (
        sa.select(
            table.c.package_id, sa.func.json_object_agg(table.c.key, table.c.value).label("extras")
        )
        .where(table.c.package_id.in_(ids), table.c.state == "active")
        .group_by(table.c.package_id)
        .subquery()
    )
    return aggregated.c.extras, aggregated


#: ``resource.extras`` as plain text: CKAN's column type is not cacheable, which would
#: make SQLAlchemy compile this statement anew on every save.
_RESOURCE_EXTRAS = sa.literal_column("resource.extras", sa.UnicodeText)


def _resources(session: AlchemySession, in_scope: Scope) -> dict[str, list[ResourceFacts]]:
    found: dict[str, list[ResourceFacts]] = defaultdict(list)
    for r in session.execute(_resources_statement(in_scope.kind), in_scope.params):
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


@functools.cache
def _resources_statement(kind: str) -> sa.Select:
    ids = scope_select(kind).scalar_subquery()
    resource = model.resource_table
    errors = sa.func.coalesce(
        sa.cast(ResourceValidation.report["meta"]["error_count"].as_string(), sa.Integer), 0
    )
    return (
        sa.select(
            resource.c.id,
            resource.c.package_id,
            resource.c.url,
            resource.c.url_type,
            resource.c.format,
            resource.c.mimetype,
            resource.c.size,
            (
                sa.func.coalesce(sa.cast(_RESOURCE_EXTRAS, sa.JSON)["schema"].as_string(), "") != ""
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


def _current_persons() -> Any:
    """Per body, ``[[role, e-mail], ...]`` of the persons current on ``:today``."""
    table = ResponsibleAssignment
    today = sa.bindparam("today", type_=sa.Date)
    return (
        sa.select(
            table.organization_id,
            sa.func.json_agg(
                sa.func.json_build_array(table.role, sa.func.lower(table.email))
            ).label("persons"),
        )
        .where(current_on(today))
        .group_by(table.organization_id)
        .subquery()
    )
