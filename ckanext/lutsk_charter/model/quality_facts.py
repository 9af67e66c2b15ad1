"""The statement that reads what the quality checks need: datasets with all their facts.

One statement per batch of datasets, whatever its size: a few datasets by id
(a save, a review), or the next ``limit`` active datasets after the id
``after`` (keyset pagination over ``package.id``: a body, the whole portal).

Every fact of a dataset (keywords, groups, the data clock, its body's
responsible persons, the stored score and live flags, the DCAT result, its
resources with their validation and link check) is a correlated subquery of
its row. PostgreSQL runs each as an index lookup for that dataset, so a batch
costs the same whatever the size of the portal; joins of the batch against
whole tables would let the planner scan every table once per batch (a cost
that grows with the portal) whenever a scan looks cheaper than the lookups.
A batch comes back as one JSON array of row objects (``Row``), never ORM objects;
a body's or the portal's next batch is read ahead on a second connection.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Literal

import sqlalchemy as sa
from ckan import model
from ckan.types import AlchemySession
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.engine import Engine

from .data_change import ResourceDataChange, ResourceState, states_document, states_from_document
from .dcat_check import DcatCheck
from .quality import DatasetQuality, LinkCheck, QualityFlag
from .queries import current_on, extras_object
from .responsible import ResponsibleAssignment
from .validation import ResourceValidation

ScopeKind = Literal["ids", "org", "all"]

__all__ = [
    "RESOURCE_FIELDS",
    "Row",
    "ScopeKind",
    "batch_rows",
    "batches_read_ahead",
    "few_rows",
    "save_rows",
    "scope_select",
    "without_jit",
]

#: The fields of each resource in a row's ``resources`` (JSON arrays, by position).
RESOURCE_FIELDS = (
    "id",
    "url",
    "url_type",
    "format",
    "mimetype",
    "size",
    "has_schema",
    "validation_status",
    "validation_errors",
    "link_status",
    "link_reason",
    "changed",
)


@functools.cache
def scope_select(kind: ScopeKind) -> sa.Select:
    """The ids of the active datasets in scope: ``:scope_ids``, the body ``:scope_org``, or all."""
    package = model.package_table
    query = sa.select(package.c.id).where(package.c.state == "active", package.c.type == "dataset")
    if kind == "ids":
        query = query.where(package.c.id.in_(sa.bindparam("scope_ids", expanding=True)))
    elif kind == "org":
        query = query.where(package.c.owner_org == sa.bindparam("scope_org"))
    return query


def scope_ids(session: Any, kind: ScopeKind, params: dict[str, Any]) -> list[str]:
    """The ids of the active datasets in scope (``params`` as ``scope_select`` names them)."""
    return list(session.scalars(scope_select(kind), params))


#: A dataset's row: a JSON object with these keys (timestamps as ISO text).
Row = dict[str, Any]


def few_rows(
    session: AlchemySession,
    package_ids: Sequence[str],
    today: Any,
    before: tuple[str, dict[str, Any]] = ("", {}),
) -> list[Row]:
    """The rows of these datasets (active ones only), in no particular order.

    Prepared once per connection (``model.prepared``: a save runs it every time, and
    planning it costs more than running it); ``before``: driver SQL and its values sent
    ahead of it in the same round trip (a save's advisory lock).
    """
    from . import prepared

    sql, values = before
    values = {**values, "scope_ids": list(package_ids), "today": today}
    result = prepared.execute(session, "quality_facts", _few_document, _FEW, values, before=sql)
    return _decoded(result.scalar())


def save_rows(
    session: AlchemySession,
    package_id: str,
    today: Any,
    before: tuple[str, dict[str, Any]] = ("", {}),
) -> tuple[dict[str, ResourceState], list[Row]]:
    """A saved dataset's ``resource_states`` and its ``few_rows``, in one prepared statement
    (``before`` as for ``few_rows``): what its save hooks read before they write."""
    from . import prepared

    sql, values = before
    values = {**values, "scope_ids": [package_id], "today": today, "package_id": package_id}
    result = prepared.execute(session, "save_rows", _save_document, _SAVE, values, before=sql)
    states, document = result.one()
    return states_from_document(states), _decoded(document)


#: The arguments of the prepared statement of ``save_rows``.
_SAVE = (("scope_ids", "text[]"), ("today", "date"), ("package_id", "text"))


def _save_document() -> sa.Select:
    return sa.select(states_document(), _few_document().scalar_subquery())


#: The arguments of the prepared statement of ``few_rows``.
_FEW = (("scope_ids", "text[]"), ("today", "date"))


def _few_document() -> sa.Select:
    package = model.package_table
    ids = sa.bindparam("scope_ids", type_=sa.ARRAY(sa.UnicodeText))
    return _as_document(_statement("ids").where(package.c.id == sa.func.any(ids)))


def batch_rows(
    session: AlchemySession, organization_id: str | None, after: str, limit: int, today: Any
) -> list[Row]:
    """The rows of the next ``limit`` active datasets (of the body, or of the portal) whose
    id sorts after ``after``, in id order."""
    params: dict[str, Any] = {"after": after, "limit": limit, "today": today}
    if organization_id is None:
        return _rows(session, "all", params)
    return _rows(session, "org", {**params, "scope_org": organization_id})


def _rows(session: AlchemySession, kind: ScopeKind, params: dict[str, Any]) -> list[Row]:
    """The batch as one JSON document through the session's connection (its transaction).

    One value to decode instead of a row object and five JSON columns per dataset: at
    a hundred thousand datasets the driver's per-value work cost as much as the query.
    """
    return _decoded(session.connection().execute(_document(kind), params).scalar())


def batches_read_ahead(
    session: AlchemySession, organization_id: str | None, limit: int, today: Any
) -> Iterator[list[Row]]:
    """``batch_rows`` one after the other, over the whole body or portal; each next batch
    is read on a second connection while the caller handles the one before.

    PostgreSQL then runs the next batch's statement on the other core while Python
    checks this one: the reads, half of a run, no longer add to its time. A second
    connection sees what is committed, as each statement of this READ COMMITTED
    transaction does, but not this transaction's own writes: when it has written
    anything before the run (a change checked in the same transaction), every batch is
    read through the session as before. The run's own writes are of batches already
    read, never of the next one.
    """
    engine = session.get_bind()
    if not isinstance(engine, Engine) or not _reads_like_another_connection(session):
        yield from _batches_here(session, organization_id, limit, today)
        return
    connection = engine.connect()
    reading = connection.begin()  # explicit: SQLAlchemy 1.4 (CKAN 2.11) does not autobegin
    reader = ThreadPoolExecutor(1, thread_name_prefix="lutsk-charter-read-ahead")
    try:
        # As ``without_jit``, for this connection's transaction (rolled back at the end).
        connection.execute(sa.text("SELECT set_config('jit', 'off', true)"))

        def read(after: str) -> str | None:
            params: dict[str, Any] = {"after": after, "limit": limit, "today": today}
            if organization_id is None:
                statement = _document("all")
            else:
                statement, params["scope_org"] = _document("org"), organization_id
            return connection.execute(statement, params).scalar()

        # The reader thread only waits for PostgreSQL; the JSON is decoded here, as a
        # decoder holding the interpreter in the reader would stall the checks meanwhile.
        pending: Future[str | None] | None = reader.submit(read, "")
        while pending is not None:
            rows = _decoded(pending.result())
            pending = reader.submit(read, rows[-1]["id"]) if len(rows) == limit else None
            if rows:
                yield rows
    finally:
        reader.shutdown(wait=True, cancel_futures=True)
        reading.rollback()
        connection.close()


def _batches_here(
    session: AlchemySession, organization_id: str | None, limit: int, today: Any
) -> Iterator[list[Row]]:
    after = ""
    with without_jit(session):
        while True:
            rows = batch_rows(session, organization_id, after, limit, today)
            if rows:
                yield rows
            if len(rows) < limit:
                return
            after = rows[-1]["id"]


def _reads_like_another_connection(session: AlchemySession) -> bool:
    """Would another connection see what this transaction sees? Yes when it has written
    nothing yet and reads what is committed at each statement (READ COMMITTED)."""
    return bool(
        session.connection()
        .execute(
            sa.text(
                "SELECT pg_current_xact_id_if_assigned() IS NULL"
                " AND current_setting('transaction_isolation') = 'read committed'"
            )
        )
        .scalar()
    )


@contextmanager
def without_jit(session: AlchemySession) -> Iterator[None]:
    """PostgreSQL's JIT off for the rest of a run of batches, in this transaction only.

    A batch's statement is estimated dear (many subqueries), so PostgreSQL would
    compile it to machine code each time, which costs more than running it. The
    previous setting comes back after the run (and with a rollback anyway).
    """
    connection = session.connection()
    previous = connection.execute(
        sa.text("SELECT current_setting('jit'), set_config('jit', 'off', true)")
    ).scalar()
    yield
    connection.execute(sa.text("SELECT set_config('jit', :jit, true)"), {"jit": previous})


# --- the statement ------------------------------------------------------------------------------


def _scalar(query: sa.Select) -> Any:
    return query.scalar_subquery()


def _resources(package: sa.Table) -> Any:
    """The dataset's active resources, in order, as JSON arrays of ``RESOURCE_FIELDS``."""
    resource = model.resource_table
    # ``resource.extras`` as plain text: CKAN's column type is not cacheable, which would
    # make SQLAlchemy compile this statement anew on every save.
    extras = sa.literal_column("resource.extras", sa.UnicodeText)
    validation, link, change = (
        ResourceValidation.__table__,
        LinkCheck.__table__,
        ResourceDataChange.__table__,
    )
    errors = sa.func.coalesce(
        sa.cast(validation.c.report["meta"]["error_count"].as_string(), sa.Integer), 0
    )
    has_schema = sa.func.coalesce(sa.cast(extras, sa.JSON)["schema"].as_string(), "") != ""
    fields = sa.func.json_build_array(
        resource.c.id, resource.c.url, resource.c.url_type, resource.c.format,
        resource.c.mimetype, resource.c.size, has_schema, validation.c.status, errors,
        link.c.status, link.c.reason, change.c.changed_at,
    )  # fmt: skip
    return _scalar(
        sa.select(sa.func.json_agg(aggregate_order_by(fields, resource.c.position)))
        .select_from(
            resource.outerjoin(validation, validation.c.resource_id == resource.c.id)
            .outerjoin(
                link, sa.and_(link.c.resource_id == resource.c.id, link.c.url == resource.c.url)
            )
            .outerjoin(
                change,
                sa.and_(
                    change.c.resource_id == resource.c.id,
                    change.c.package_id == resource.c.package_id,
                ),
            )
        )
        .where(resource.c.package_id == package.c.id, resource.c.state == "active")
    )


@functools.cache
def _document(kind: ScopeKind) -> sa.Select:
    """The batch of a body or of the portal (``_statement``) as one document."""
    return _as_document(_statement(kind))


def _as_document(statement: sa.Select) -> sa.Select:
    """The rows of ``statement`` aggregated into one JSON array of row objects, in id order."""
    rows = statement.subquery("facts")
    # As text: decoded by the caller's thread (``_decoded``), not the driver's.
    return sa.select(
        sa.cast(
            sa.func.json_agg(aggregate_order_by(sa.literal_column("facts"), rows.c.id)),
            sa.UnicodeText,
        )
    ).select_from(rows)


def _decoded(document: str | None) -> list[Row]:
    return json.loads(document) if document else []


@functools.cache
def _statement(kind: ScopeKind) -> sa.Select:
    package = model.package_table
    tag, member, group = model.package_tag_table, model.member_table, model.group_table
    flag, assignment = QualityFlag.__table__, ResponsibleAssignment.__table__
    quality, dcat = DatasetQuality.__table__, DcatCheck.__table__
    today = sa.bindparam("today", type_=sa.Date)
    query = sa.select(
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
        extras_object(package).label("extras"),
        _scalar(
            sa.select(sa.func.count())
            .select_from(tag)
            .where(tag.c.package_id == package.c.id, tag.c.state == "active")
        ).label("tags"),
        _scalar(
            sa.select(sa.func.count())
            .select_from(member.join(group, group.c.id == member.c.group_id))
            .where(member.c.table_id == package.c.id, member.c.table_name == "package")
            .where(member.c.state == "active", group.c.state == "active")
            .where(group.c.is_organization.is_(False))
        ).label("groups"),
        _scalar(
            sa.select(
                sa.func.json_agg(
                    sa.func.json_build_array(assignment.c.role, sa.func.lower(assignment.c.email))
                )
            ).where(assignment.c.organization_id == package.c.owner_org, current_on(today))
        ).label("persons"),
        _scalar(
            sa.select(
                sa.func.json_build_array(
                    quality.c.score, quality.c.band, quality.c.open_codes, quality.c.organization_id
                )
            ).where(quality.c.package_id == package.c.id)
        ).label("stored"),
        _scalar(
            sa.select(
                sa.func.json_agg(
                    sa.func.json_build_array(
                        flag.c.id, flag.c.resource_id, flag.c.code, flag.c.args, flag.c.status
                    )
                )
            ).where(flag.c.package_id == package.c.id, flag.c.status != "resolved")
        ).label("flags"),
        _scalar(sa.select(dcat.c.conforms).where(dcat.c.package_id == package.c.id)).label(
            "dcat_conforms"
        ),
        _resources(package).label("resources"),
    ).where(package.c.state == "active", package.c.type == "dataset")
    if kind == "ids":  # its ids: ``_few_statement``
        return query
    if kind == "org":
        query = query.where(package.c.owner_org == sa.bindparam("scope_org"))
    return (
        query.where(package.c.id > sa.bindparam("after", type_=sa.UnicodeText))
        .order_by(package.c.id)
        .limit(sa.bindparam("limit", type_=sa.Integer))
    )
