"""Queries of the action plan's tables (``model/plan.py``), each one statement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa

from ckanext.lutsk_charter.model.plan import DB, IndicatorValue, Measure, MeasureReport

# --- queries ------------------------------------------------------------------------------


def measures_of(session: DB, plan_id: str) -> list[Measure]:
    """The plan's measures in their order (one query)."""
    return list(
        session.scalars(
            sa.select(Measure)
            .where(Measure.plan_id == plan_id)
            .order_by(Measure.position, Measure.number)
        )
    )


def latest_reports(session: DB, measure_ids: Iterable[str]) -> dict[str, list[MeasureReport]]:
    """Per measure, the latest version of each period's report, newest period first (one query)."""
    ids = list(measure_ids)
    if not ids:
        return {}
    ranked = (
        sa.select(
            MeasureReport.id,
            sa.func.row_number()
            .over(
                partition_by=(MeasureReport.measure_id, MeasureReport.period),
                order_by=MeasureReport.version.desc(),
            )
            .label("rank"),
        )
        .where(MeasureReport.measure_id.in_(ids))
        .subquery()
    )
    rows = session.scalars(
        sa.select(MeasureReport)
        .join(ranked, ranked.c.id == MeasureReport.id)
        .where(ranked.c.rank == 1)
        .order_by(MeasureReport.measure_id, MeasureReport.period.desc())
    )
    found: dict[str, list[MeasureReport]] = {}
    for report in rows:
        found.setdefault(report.measure_id, []).append(report)
    return found


def indicator_values_on(
    session: DB, pairs: Iterable[tuple[str, str]], day: dt.date
) -> dict[tuple[str, str], IndicatorValue]:
    """The latest stored value on or before ``day`` of each ``(code, body)`` (one query)."""
    wanted = sorted(set(pairs))
    if not wanted:
        return {}
    table = IndicatorValue.__table__
    pair = sa.tuple_(table.c.code, table.c.organization_id)
    rows = session.scalars(
        sa.select(IndicatorValue)
        .distinct(table.c.code, table.c.organization_id)
        .where(pair.in_(wanted), table.c.day <= day)
        .order_by(table.c.code, table.c.organization_id, table.c.day.desc())
    )
    return {(v.code, v.organization_id): v for v in rows}


def indicator_trends(
    session: DB, pairs: Iterable[tuple[str, str]], since: dt.date, until: dt.date
) -> dict[tuple[str, str], list[tuple[dt.date, float | None]]]:
    """The daily values of each ``(code, body)`` from ``since`` to ``until``, oldest first."""
    wanted = sorted(set(pairs))
    if not wanted:
        return {}
    table = IndicatorValue.__table__
    pair = sa.tuple_(table.c.code, table.c.organization_id)
    rows = session.execute(
        sa.select(table.c.code, table.c.organization_id, table.c.day, table.c.value)
        .where(pair.in_(wanted), table.c.day >= since, table.c.day <= until)
        .order_by(table.c.code, table.c.organization_id, table.c.day)
    )
    found: dict[tuple[str, str], list[tuple[dt.date, float | None]]] = {}
    for code, organization_id, day, value in rows:
        found.setdefault((code, organization_id), []).append((day, value))
    return found


def organizations(session: DB, ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """``{id: {id, name, title}}`` of the bodies named (one query)."""
    from ckan import model

    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    group = model.group_table
    rows = session.execute(
        sa.select(group.c.id, group.c.name, group.c.title).where(group.c.id.in_(wanted))
    )
    return {r.id: {"id": r.id, "name": r.name, "title": r.title or r.name} for r in rows}


#: ``resource.extras`` as plain text (as ``quality.gather`` reads it for ``has_schema``).
_RESOURCE_EXTRAS = sa.literal_column("resource.extras", sa.UnicodeText)


def resource_counts(session: DB, tabular: Iterable[str]) -> dict[str, dict[str, int]]:
    """Per body and for the city (""): the active resources of public, active datasets
    that are tabular (``format`` in ``tabular``, as the quality check reads it), of them
    with a Table Schema, those validated (success, failure or error) and passing (one query).
    """
    from ckan import model

    from ckanext.lutsk_charter.model.validation import ResourceValidation

    resource, package = model.resource_table, model.package_table
    fmt = sa.func.ltrim(sa.func.lower(sa.func.trim(sa.func.coalesce(resource.c.format, ""))), ".")
    is_tabular = fmt.in_(sorted(tabular))
    has_schema = (
        sa.func.coalesce(sa.cast(_RESOURCE_EXTRAS, sa.JSON)["schema"].as_string(), "") != ""
    )
    status = ResourceValidation.status
    validated = status.in_(["success", "failure", "error"])
    counted = lambda condition: sa.func.count().filter(condition)  # noqa: E731
    rows = session.execute(
        sa.select(
            package.c.owner_org,
            sa.func.grouping(package.c.owner_org).label("total"),
            counted(is_tabular).label("tabular"),
            counted(sa.and_(is_tabular, has_schema)).label("with_schema"),
            counted(validated).label("validated"),
            counted(status == "success").label("passing"),
        )
        .select_from(resource)
        .join(package, package.c.id == resource.c.package_id)
        .outerjoin(ResourceValidation, ResourceValidation.resource_id == resource.c.id)
        .where(
            resource.c.state == "active",
            package.c.state == "active",
            package.c.private.is_(False),
            package.c.type == "dataset",
        )
        .group_by(sa.func.rollup(package.c.owner_org))
    )
    found: dict[str, dict[str, int]] = {}
    city = {"tabular": 0, "with_schema": 0, "validated": 0, "passing": 0}
    for row in rows:
        counts = {k: int(getattr(row, k)) for k in city}
        if row.total:
            city = counts  # the rollup's total row
        elif row.owner_org is not None:
            found[row.owner_org] = counts
    found[""] = city
    return found
