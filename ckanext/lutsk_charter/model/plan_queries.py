"""Queries of the action plan's tables (``model/plan.py``), each one statement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from ckanext.lutsk_charter.model.plan import (
    DB,
    DeadlineChange,
    IndicatorValue,
    Measure,
    MeasureFeedback,
    MeasureReport,
    Plan,
    PlanHistory,
)

# --- plans --------------------------------------------------------------------------------


def _the_plan(query: Any, id_or_name: str | None) -> Any:
    if id_or_name:
        return query.where(sa.or_(Plan.id == id_or_name, Plan.name == id_or_name))
    return query.where(Plan.current.is_(True))


def find_plan(session: DB, id_or_name: str | None) -> Plan | None:
    """The plan by id or name, or the current one when none is given."""
    return session.scalars(_the_plan(sa.select(Plan), id_or_name)).first()


def plan_state(session: DB, id_or_name: str | None) -> str | None:
    """The state of the plan by id or name (the current one when none is given)."""
    return session.scalars(_the_plan(sa.select(Plan.state), id_or_name)).first()


def plans(session: DB, state: str | None, with_drafts: bool) -> list[Plan]:
    """The plans, newest period first: of one state, or all (drafts only ``with_drafts``)."""
    query = sa.select(Plan).order_by(Plan.period_start.desc(), Plan.name)
    if state:
        query = query.where(Plan.state == state)
    if not with_drafts:
        query = query.where(Plan.state != "draft")
    return list(session.scalars(query))


def plan_name_taken(session: DB, name: str) -> bool:
    """Whether a plan has this name."""
    return session.scalars(sa.select(Plan.id).where(Plan.name == name)).first() is not None


def unset_current(session: DB, keep: str | None) -> None:
    """No plan is the current one any more (but ``keep``)."""
    query = sa.update(Plan).where(Plan.current.is_(True))
    if keep:
        query = query.where(Plan.id != keep)
    session.execute(query.values(current=False))


# --- measures -----------------------------------------------------------------------------


def measure_number_taken(session: DB, plan_id: str, number: Any, measure_id: str | None) -> bool:
    """Whether another measure of the plan has this number."""
    query = sa.select(Measure.id).where(
        Measure.plan_id == plan_id, Measure.number == number, Measure.id != measure_id
    )
    return session.scalars(query).first() is not None


def plan_measures(session: DB, plan_id: str) -> list[Measure]:
    """The plan's measures, in no particular order."""
    return list(session.scalars(sa.select(Measure).where(Measure.plan_id == plan_id)))


def deadline_moves(session: DB, measure_id: str) -> list[DeadlineChange]:
    """The measure's deadline moves, oldest first."""
    return list(
        session.scalars(
            sa.select(DeadlineChange)
            .where(DeadlineChange.measure_id == measure_id)
            .order_by(DeadlineChange.changed_at)
        )
    )


def measure_history(session: DB, measure_id: str) -> list[tuple[PlanHistory, str | None]]:
    """The measure's history rows, oldest first, each with the name of the user."""
    from ckan import model

    user = model.user_table
    rows = session.execute(
        sa.select(PlanHistory, user.c.name)
        .outerjoin(user, user.c.id == PlanHistory.user_id)
        .where(PlanHistory.measure_id == measure_id)
        .order_by(PlanHistory.changed_at, PlanHistory.id)
    )
    return [(r[0], r[1]) for r in rows]


# --- reports and feedback -----------------------------------------------------------------


def latest_report_for_update(session: DB, measure_id: str, period: str) -> MeasureReport | None:
    """The latest version of the measure's report of the period, locked."""
    return session.scalars(
        sa.select(MeasureReport)
        .where(MeasureReport.measure_id == measure_id, MeasureReport.period == period)
        .order_by(MeasureReport.version.desc())
        .with_for_update()
    ).first()


def has_newer_report(session: DB, report: MeasureReport) -> bool:
    """Whether a later version of the report's period was submitted."""
    query = sa.select(MeasureReport.id).where(
        MeasureReport.measure_id == report.measure_id,
        MeasureReport.period == report.period,
        MeasureReport.version > report.version,
    )
    return session.scalars(query).first() is not None


def reports_of(session: DB, measure_ids: Iterable[str], period: str | None) -> list[MeasureReport]:
    """Every version of the measures' reports (of one period if given), newest period first,
    then by measure, newest version first."""
    query = sa.select(MeasureReport).where(MeasureReport.measure_id.in_(list(measure_ids)))
    if period:
        query = query.where(MeasureReport.period == period)
    order = (MeasureReport.period.desc(), MeasureReport.measure_id, MeasureReport.version.desc())
    return list(session.scalars(query.order_by(*order)))


def feedback_of(session: DB, measure_id: str | None, state: str | None) -> list[MeasureFeedback]:
    """The comments (of one measure, of one state, if given), newest first."""
    query = sa.select(MeasureFeedback).order_by(MeasureFeedback.created.desc())
    if measure_id:
        query = query.where(MeasureFeedback.measure_id == measure_id)
    if state:
        query = query.where(MeasureFeedback.state == state)
    return list(session.scalars(query))


def recent_feedback(session: DB, since: dt.datetime, sender_hash: str, email: str) -> int:
    """How many comments came since ``since`` from this sender (by address hash or e-mail)."""
    same_sender = MeasureFeedback.sender_hash == sender_hash
    if email:
        same_sender = sa.or_(same_sender, sa.func.lower(MeasureFeedback.email) == email)
    query = sa.select(sa.func.count()).where(MeasureFeedback.created >= since, same_sender)
    return session.scalar(query) or 0


# --- other queries ------------------------------------------------------------------------


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
    from ckanext.lutsk_charter.model.queries import org_summaries

    wanted = {i for i in ids if i}
    return org_summaries(wanted, session) if wanted else {}


def store_indicator_values(session: DB, rows: list[dict[str, Any]]) -> None:
    """Insert the day's indicator values, replacing those of the same code, body and day."""
    from sqlalchemy.dialects.postgresql import insert

    if not rows:
        return
    statement = insert(IndicatorValue.__table__).values(rows)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["code", "organization_id", "day"],
            set_={
                "value": statement.excluded.value,
                "numerator": statement.excluded.numerator,
                "denominator": statement.excluded.denominator,
                "taken_at": statement.excluded.taken_at,
            },
        )
    )


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
